#include "workspace/Workspace.h"

#include "workspace/WorkspaceValues.h"

#include <algorithm>
#include <cstdio>

namespace preflight {

using namespace workspace_values;

Workspace::Workspace(WorkspaceOptions options) : m_options(options), m_events(options.maxEvents) {}

ApplyResult Workspace::apply(const Call &call, UnixMillis arrivedAt)
{
    if (call.kind != CallKind::Batch)
        return applyOne(call, arrivedAt);
    ApplyResult result;
    result.accepted = false;
    for (const Call &item : call.batch) {
        ApplyResult itemResult = applyOne(item, arrivedAt);
        result.accepted = result.accepted || itemResult.accepted;
        result.changes.insert(result.changes.end(), itemResult.changes.begin(), itemResult.changes.end());
        result.items.push_back(std::move(itemResult));
    }
    if (!result.accepted && !result.items.empty()) {
        result.reason = result.items.front().reason;
        result.message = "every call in the batch was ignored";
    }
    return result;
}

ApplyResult Workspace::applyOne(const Call &call, UnixMillis arrivedAt)
{
    if (call.kind != CallKind::Suppress && call.kind != CallKind::Unsuppress) {
        for (const Identity *identity : {&call.identity, &call.secondary}) {
            if (const auto blocked = suppressedIdentifier(*identity)) {
                return ApplyResult::ignored(IgnoreReason::SuppressedIdentifier,
                                            "identifier " + *blocked + " is suppressed: the call is ignored");
            }
        }
    }
    switch (call.kind) {
    case CallKind::Identify: return identify(call, arrivedAt);
    case CallKind::Track:
    case CallKind::Page:
    case CallKind::Screen: return track(call, arrivedAt);
    case CallKind::Merge: return merge(call, arrivedAt);
    case CallKind::Delete: return remove(call, arrivedAt);
    case CallKind::Suppress: return suppress(call, arrivedAt);
    case CallKind::Unsuppress: return unsuppress(call, arrivedAt);
    case CallKind::AddDevice: return addDevice(call, arrivedAt);
    case CallKind::DeleteDevice: return deleteDevice(call, arrivedAt);
    case CallKind::Alias: return alias(call, arrivedAt);
    case CallKind::AddRelationships:
    case CallKind::DeleteRelationships:
        return call.object ? objectCall(call, arrivedAt) : identify(call, arrivedAt);
    case CallKind::ObjectIdentify:
    case CallKind::ObjectDelete:
    case CallKind::Group: return objectCall(call, arrivedAt);
    case CallKind::ManualSegmentAdd:
    case CallKind::ManualSegmentRemove: return manualSegment(call, arrivedAt);
    case CallKind::Batch: return apply(call, arrivedAt);
    }
    return ApplyResult::ignored(IgnoreReason::Unsupported, "unknown call kind");
}

std::optional<std::uint32_t> Workspace::resolve(const Identity &identity) const
{
    if (!identity.cioId.empty()) {
        if (const auto found = m_byCioId.find(stripCioPrefix(identity.cioId)); found != m_byCioId.end())
            return found->second;
    }
    if (!identity.id.empty()) {
        if (const auto found = m_byId.find(identity.id); found != m_byId.end())
            return found->second;
        if (identity.id.rfind("cio_", 0) == 0) {
            if (const auto found = m_byCioId.find(identity.id.substr(4)); found != m_byCioId.end())
                return found->second;
        }
    }
    if (!identity.email.empty()) {
        if (const auto found = m_byEmail.find(lowerAscii(identity.email)); found != m_byEmail.end())
            return found->second;
    }
    if (!identity.phone.empty()) {
        if (const auto found = m_byPhone.find(identity.phone); found != m_byPhone.end())
            return found->second;
    }
    return std::nullopt;
}

std::optional<std::uint32_t> Workspace::resolve(std::string_view identifier, std::string_view idType) const
{
    const std::optional<Identity> identity = Identity::ofType(idType, std::string(identifier));
    if (!identity)
        return std::nullopt;
    return resolve(*identity);
}

std::optional<std::string> Workspace::suppressedIdentifier(const Identity &identity) const
{
    if (m_suppressed.empty())
        return std::nullopt;
    for (const std::string &key : suppressionKeys(identity)) {
        if (m_suppressed.count(key) != 0)
            return key;
    }
    return std::nullopt;
}

std::string Workspace::nextCioId()
{
    // Customer.io's cio_ids are short lower-case hex strings ("03000001" in its API examples): a
    // workspace byte from the seed, then a counter, widening past 16M people.
    char text[32];
    std::snprintf(text, sizeof text, "%02llx%06llx",
                  static_cast<unsigned long long>(m_options.cioIdSeed & 0xff),
                  static_cast<unsigned long long>(++m_cioIdCounter));
    return text;
}

WorkspaceChange Workspace::change(WorkspaceChange::Kind kind, std::uint32_t person, UnixMillis at,
                                  const Call &call) const
{
    WorkspaceChange out;
    out.kind = kind;
    if (person < m_people.size() && m_people[person])
        out.personKey = m_people[person]->cioId;
    out.at = at;
    if (!m_options.changesCarryCalls)
        return out;
    out.call = call;
    out.call.batch.clear();
    out.call.arrivedAt = at;
    return out;
}

std::uint32_t Workspace::createPerson(const Identity &identity, UnixMillis arrivedAt, ApplyResult &result,
                                      const Call &call)
{
    const auto handle = static_cast<std::uint32_t>(m_people.size());
    auto person = std::make_unique<Person>();
    person->cioId = nextCioId();
    person->createdAt = toSeconds(arrivedAt);
    person->timestamps["cio_id"] = person->createdAt;
    person->timestamps["created_at"] = person->createdAt;
    m_byCioId[person->cioId] = handle;
    m_people.push_back(std::move(person));
    ++m_personCount;
    // Identifiers someone else already holds stay theirs; identify reports the conflict.
    const auto take = [&](const char *name, std::string Person::*slot, const std::string &value,
                          const Identity &probe) {
        if (value.empty() || (name == std::string_view("id") && value.rfind("cio_", 0) == 0) ||
            resolve(probe))
            return;
        setIdentifier(handle, slot, value);
        m_people[handle]->timestamps[name] = toSeconds(arrivedAt);
    };
    take("id", &Person::id, identity.id, Identity{identity.id, {}, {}, {}, {}});
    take("email", &Person::email, identity.email, Identity{{}, identity.email, {}, {}, {}});
    take("phone", &Person::phone, identity.phone, Identity{{}, {}, identity.phone, {}, {}});
    WorkspaceChange created = change(WorkspaceChange::Kind::PersonCreated, handle, arrivedAt, call);
    created.attributes = attributesJson(*m_people[handle]);
    result.changes.push_back(std::move(created));
    return handle;
}

void Workspace::setIdentifier(std::uint32_t person, std::string Person::*slot, const std::string &value)
{
    auto &index = slot == &Person::id ? m_byId : slot == &Person::email ? m_byEmail : m_byPhone;
    const auto key = [&](const std::string &text) {
        return slot == &Person::email ? lowerAscii(text) : text;
    };
    Person &target = *m_people[person];
    if (!(target.*slot).empty())
        index.erase(key(target.*slot));
    target.*slot = value;
    if (!value.empty())
        index[key(value)] = person;
}

void Workspace::dropPerson(std::uint32_t person)
{
    Person &gone = *m_people[person];
    for (std::uint64_t sequence : gone.events) {
        if (StoredEvent *event = m_events.find(sequence); event && event->person == person)
            event->flags |= StoredEvent::Deleted;
    }
    if (!gone.id.empty())
        m_byId.erase(gone.id);
    if (!gone.email.empty())
        m_byEmail.erase(lowerAscii(gone.email));
    if (!gone.phone.empty())
        m_byPhone.erase(gone.phone);
    m_byCioId.erase(gone.cioId);
    m_objects.dropPerson(person);
    m_people[person].reset();
    --m_personCount;
}

} // namespace preflight
