#include "sim/ReplayWorkspace.h"

namespace preflight {

namespace {

constexpr std::int64_t kTriggerAgeMillis = 72 * 3'600'000LL; // older events never trigger
constexpr std::int64_t kAnonymousKeptMillis = 30 * 86'400'000LL;

std::vector<std::string> identifierKeys(const Identity &identity)
{
    std::vector<std::string> keys;
    if (!identity.cioId.empty())
        keys.push_back("cio:" + identity.cioId);
    if (!identity.id.empty())
        keys.push_back("id:" + identity.id);
    if (!identity.email.empty())
        keys.push_back("email:" + identity.email);
    if (!identity.phone.empty())
        keys.push_back("phone:" + identity.phone);
    return keys;
}

} // namespace

std::string ReplayWorkspace::resolve(const Identity &identity) const
{
    for (const std::string &key : identifierKeys(identity)) {
        if (const auto it = m_keyByIdentifier.find(key); it != m_keyByIdentifier.end())
            return it->second;
    }
    return {};
}

std::string ReplayWorkspace::personKeyFor(const Identity &identity) const
{
    return resolve(identity);
}

void ReplayWorkspace::linkIdentifiers(const std::string &key, const Identity &identity)
{
    for (const std::string &identifier : identifierKeys(identity))
        m_keyByIdentifier.emplace(identifier, key);
}

std::string ReplayWorkspace::resolveOrCreate(const Identity &identity, const Call &call, UnixMillis at,
                                             std::vector<WorkspaceChange> &out)
{
    std::string key = resolve(identity);
    if (key.empty()) {
        key = identifierKeys(identity).front();
        m_people[key].key = key;
        WorkspaceChange created;
        created.kind = WorkspaceChange::Kind::PersonCreated;
        created.personKey = key;
        created.at = at;
        created.call = call;
        out.push_back(std::move(created));
    }
    linkIdentifiers(key, identity);
    return key;
}

std::vector<WorkspaceChange> ReplayWorkspace::apply(const Call &call, UnixMillis arrivedAt)
{
    std::vector<WorkspaceChange> out;
    applyOne(call, arrivedAt, out);
    return out;
}

void ReplayWorkspace::applyOne(const Call &callIn, UnixMillis arrivedAt, std::vector<WorkspaceChange> &out)
{
    if (callIn.kind == CallKind::Batch) {
        for (const Call &item : callIn.batch)
            applyOne(item, arrivedAt, out);
        return;
    }
    Call call = callIn;
    call.arrivedAt = arrivedAt;
    if (!call.occurredAt)
        call.occurredAt = arrivedAt;
    const bool known = call.identity.isKnown();
    switch (call.kind) {
    case CallKind::Identify: {
        if (!known)
            return;
        const std::string key = resolveOrCreate(call.identity, call, arrivedAt, out);
        Person &person = m_people[key];
        for (auto &[name, value] : call.properties.items()) {
            if (name != "anonymous_id")
                person.attributes[name] = value;
        }
        if (!call.identity.email.empty() && !person.attributes.contains("email"))
            person.attributes["email"] = call.identity.email;
        WorkspaceChange updated;
        updated.kind = WorkspaceChange::Kind::AttributesUpdated;
        updated.personKey = key;
        updated.at = arrivedAt;
        updated.call = call;
        updated.attributes = person.attributes;
        out.push_back(std::move(updated));
        std::string anonymousId = call.identity.anonymousId;
        if (anonymousId.empty() && call.properties.contains("anonymous_id") && call.properties["anonymous_id"].is_string())
            anonymousId = call.properties["anonymous_id"].get<std::string>();
        if (anonymousId.empty())
            return;
        m_keyByIdentifier["anon:" + anonymousId] = key;
        const auto held = m_heldByAnonymousId.find(anonymousId);
        if (held == m_heldByAnonymousId.end())
            return;
        for (HeldEvent &event : held->second) {
            const UnixMillis age = arrivedAt - *event.call.occurredAt;
            if (age > kAnonymousKeptMillis)
                continue;
            WorkspaceChange attached;
            attached.kind = WorkspaceChange::Kind::EventAttached;
            attached.personKey = key;
            attached.at = arrivedAt;
            attached.call = std::move(event.call);
            if (age > kTriggerAgeMillis) {
                attached.triggerBlock = TriggerBlock::AttachedTooLate;
                attached.reason = "attached " + formatDurationMillis(age) + " after its timestamp (over 72h)";
            }
            out.push_back(std::move(attached));
        }
        m_heldByAnonymousId.erase(held);
        return;
    }
    case CallKind::Track:
    case CallKind::Page:
    case CallKind::Screen: {
        if (!call.dedupeId.empty() && !m_seenEventIds.insert(call.dedupeId).second) {
            WorkspaceChange duplicate;
            duplicate.kind = WorkspaceChange::Kind::EventRecorded;
            duplicate.personKey = known ? resolve(call.identity) : std::string();
            duplicate.at = arrivedAt;
            duplicate.call = call;
            duplicate.triggerBlock = TriggerBlock::Duplicate;
            duplicate.reason = "event id " + call.dedupeId + " was already received";
            out.push_back(std::move(duplicate));
            return;
        }
        WorkspaceChange recorded;
        recorded.kind = WorkspaceChange::Kind::EventRecorded;
        recorded.at = arrivedAt;
        if (known) {
            recorded.personKey = resolveOrCreate(call.identity, call, arrivedAt, out);
        } else if (const auto linked = m_keyByIdentifier.find("anon:" + call.identity.anonymousId);
                   !call.identity.anonymousId.empty() && linked != m_keyByIdentifier.end()) {
            recorded.personKey = linked->second;
        } else {
            recorded.triggerBlock = TriggerBlock::Anonymous;
            recorded.reason = "anonymous: no identify has attached this visitor yet";
            if (!call.identity.anonymousId.empty())
                m_heldByAnonymousId[call.identity.anonymousId].push_back({call, arrivedAt});
        }
        if (recorded.triggerBlock == TriggerBlock::None && arrivedAt - *call.occurredAt > kTriggerAgeMillis) {
            recorded.triggerBlock = TriggerBlock::Backdated;
            recorded.reason = "its timestamp was " + formatDurationMillis(arrivedAt - *call.occurredAt) + " old on arrival";
        }
        recorded.call = std::move(call);
        out.push_back(std::move(recorded));
        return;
    }
    case CallKind::Merge: {
        const std::string primary = resolve(call.identity);
        const std::string secondary = resolve(call.secondary);
        if (primary.empty() || secondary.empty() || primary == secondary)
            return;
        Person &kept = m_people[primary];
        for (auto &[name, value] : m_people[secondary].attributes.items()) {
            if (!kept.attributes.contains(name) || kept.attributes[name].is_null())
                kept.attributes[name] = value;
        }
        for (auto &[identifier, key] : m_keyByIdentifier) {
            if (key == secondary)
                key = primary;
        }
        m_people.erase(secondary);
        WorkspaceChange merged;
        merged.kind = WorkspaceChange::Kind::PersonsMerged;
        merged.personKey = primary;
        merged.otherPersonKey = secondary;
        merged.at = arrivedAt;
        merged.call = call;
        merged.attributes = m_people[primary].attributes;
        out.push_back(std::move(merged));
        return;
    }
    case CallKind::Delete:
    case CallKind::Suppress:
    case CallKind::Unsuppress: {
        const std::string key = resolve(call.identity);
        if (key.empty())
            return;
        WorkspaceChange change;
        change.kind = call.kind == CallKind::Delete     ? WorkspaceChange::Kind::PersonDeleted
                      : call.kind == CallKind::Suppress ? WorkspaceChange::Kind::PersonSuppressed
                                                        : WorkspaceChange::Kind::PersonUnsuppressed;
        change.personKey = key;
        change.at = arrivedAt;
        change.call = call;
        out.push_back(std::move(change));
        return;
    }
    default: return;
    }
}

} // namespace preflight
