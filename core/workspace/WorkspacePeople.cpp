// Workspace rules for people: identify, merge, delete, suppression, devices, alias.
#include "workspace/Workspace.h"

#include "workspace/WorkspaceValues.h"

#include <algorithm>

namespace preflight {

using namespace workspace_values;

ApplyResult Workspace::identify(const Call &call, UnixMillis arrivedAt)
{
    static const Json kEmpty = Json::object();
    const Json &props = call.properties.is_object() ? call.properties : kEmpty;
    const bool updateOnly = props.contains("_update") && boolValue(props["_update"]).value_or(false);

    // Identifier attributes in the body also find people: identifying by id with the email of an
    // email-only profile gives that profile the id instead of creating a second person.
    Identity fromBody;
    if (props.contains("id"))
        fromBody.id = stringValue(props["id"]);
    if (props.contains("email"))
        fromBody.email = stringValue(props["email"]);
    if (props.contains("phone"))
        fromBody.phone = stringValue(props["phone"]);
    if (const auto blocked = suppressedIdentifier(fromBody)) {
        return ApplyResult::ignored(IgnoreReason::SuppressedIdentifier,
                                    "identifier " + *blocked + " is suppressed: the call is ignored");
    }

    ApplyResult result;
    std::optional<std::uint32_t> person = resolveIdentified(call.identity, fromBody);
    if (!person) {
        if (updateOnly) {
            return ApplyResult::ignored(IgnoreReason::UpdateOnlyPersonMissing,
                                        "_update: true only updates existing people; nobody has " +
                                            call.identity.primaryValue());
        }
        if (!canCreate(call.identity)) {
            if (!call.identity.cioId.empty() || !call.identity.id.empty())
                return ApplyResult::ignored(IgnoreReason::PersonNotFound,
                                            "no person has " + call.identity.primaryValue());
            return ApplyResult::ignored(IgnoreReason::NoIdentifier,
                                        "identify without id, email or phone creates nobody");
        }
        person = createPerson(call.identity, arrivedAt, result, call);
    }

    Person &target = *m_people[*person];
    const std::int64_t now = toSeconds(arrivedAt);
    std::string notes;
    const auto takeIdentifier = [&](const char *name, std::string Person::*slot, const std::string &value) {
        if (value.empty() || target.*slot == value)
            return;
        const auto owner = resolve(name == std::string_view("id")      ? Identity{value, {}, {}, {}, {}}
                                   : name == std::string_view("email") ? Identity{{}, value, {}, {}, {}}
                                                                       : Identity{{}, {}, value, {}, {}});
        if (owner && *owner != *person) {
            notes += std::string(notes.empty() ? "" : "; ") + name + " " + value +
                     " belongs to another person: not changed";
            return;
        }
        setIdentifier(*person, slot, value);
        target.timestamps[name] = now;
    };
    takeIdentifier("id", &Person::id,
                   call.identity.id.rfind("cio_", 0) == 0 ? std::string() : call.identity.id);
    takeIdentifier("email", &Person::email, call.identity.email);
    takeIdentifier("phone", &Person::phone, call.identity.phone);

    std::string anonymousId = call.identity.anonymousId;
    for (const auto &[key, value] : props.items()) {
        if (key == "_update" || key == "cio_id")
            continue;
        if (key == "anonymous_id") {
            anonymousId = stringValue(value);
        } else if (key == "id") {
            takeIdentifier("id", &Person::id, stringValue(value));
        } else if (key == "email") {
            takeIdentifier("email", &Person::email, stringValue(value));
        } else if (key == "phone") {
            takeIdentifier("phone", &Person::phone, stringValue(value));
        } else if (key == "created_at") {
            if (const auto seconds = integerValue(value)) {
                target.createdAt = *seconds;
                target.timestamps[key] = now;
            }
        } else if (key == "unsubscribed") {
            if (const auto flag = boolValue(value)) {
                target.unsubscribed = *flag;
                target.timestamps[key] = now;
            }
        } else if (isEmptyValue(value)) {
            target.attributes.erase(key);
            target.timestamps.erase(key);
        } else {
            target.attributes[key] = value;
            target.timestamps[key] = now;
        }
    }
    WorkspaceChange updated = change(WorkspaceChange::Kind::AttributesUpdated, *person, arrivedAt, call);
    updated.attributes = attributesJson(target);
    updated.reason = notes;
    result.changes.push_back(std::move(updated));
    result.message = changeRelationships(*person, call, arrivedAt);
    bool related = !call.relationships.empty();

    if (!anonymousId.empty()) {
        m_anonymousLinks[anonymousId] = AnonymousLink{*person, arrivedAt};
        attachHeld(*person, anonymousId, arrivedAt, result, call);
        related = attachHeldRelationships(*person, anonymousId, arrivedAt) || related;
    }
    if (related)
        result.changes.push_back(relatedObjectsChange(*person, arrivedAt, call));
    return result;
}

std::optional<std::uint32_t> Workspace::resolveIdentified(const Identity &identity,
                                                          const Identity &fromBody) const
{
    // The identifier the call is about (the path, userId, v2's identifiers) names the person. An email
    // or phone beside an id is an attribute: it may only find a profile that has no id yet, which then
    // takes the id instead of a second person being created.
    if (!identity.id.empty() || !identity.cioId.empty()) {
        if (const auto person = resolve(Identity{identity.id, {}, {}, identity.cioId, {}}))
            return person;
        if (!identity.cioId.empty() || identity.id.rfind("cio_", 0) == 0)
            return std::nullopt;
        const Identity others{{},
                              identity.email.empty() ? fromBody.email : identity.email,
                              identity.phone.empty() ? fromBody.phone : identity.phone,
                              {},
                              {}};
        if (const auto other = resolve(others); other && m_people[*other]->id.empty())
            return other;
        return std::nullopt;
    }
    if (const auto person = resolve(Identity{{}, identity.email, identity.phone, {}, {}}))
        return person;
    // Identified by email with an id in the body: the id's profile takes the email if it has none.
    if (!fromBody.id.empty()) {
        if (const auto other = resolve(Identity{fromBody.id, {}, {}, {}, {}});
            other && m_people[*other]->email.empty() && !identity.email.empty())
            return other;
    }
    return std::nullopt;
}

ApplyResult Workspace::merge(const Call &call, UnixMillis arrivedAt)
{
    const auto primary = resolve(call.identity);
    if (!primary)
        return ApplyResult::ignored(IgnoreReason::MergePrimaryMissing,
                                    "the primary person " + call.identity.primaryValue() + " does not exist");
    const auto secondary = resolve(call.secondary);
    if (!secondary)
        return ApplyResult::ignored(IgnoreReason::MergeSecondaryMissing, "the secondary person " +
                                                                             call.secondary.primaryValue() +
                                                                             " does not exist");
    if (*primary == *secondary)
        return ApplyResult::ignored(IgnoreReason::MergeSamePerson,
                                    "primary and secondary are the same person");

    Person &keep = *m_people[*primary];
    Person &gone = *m_people[*secondary];
    for (const auto &[key, value] : gone.attributes.items()) {
        if (!keep.attributes.contains(key) || isEmptyValue(keep.attributes[key])) {
            keep.attributes[key] = value;
            keep.timestamps[key] = gone.timestamps.count(key) ? gone.timestamps[key] : toSeconds(arrivedAt);
        }
    }
    for (Device &device : gone.devices) {
        const bool known = std::any_of(keep.devices.begin(), keep.devices.end(),
                                       [&](const Device &own) { return own.token == device.token; });
        if (!known)
            keep.devices.push_back(std::move(device));
    }
    const bool gainsSegments = !gone.manualSegments.empty();
    const bool gainsObjects = !m_objects.relationshipsOf(*secondary).empty();
    keep.manualSegments.insert(gone.manualSegments.begin(), gone.manualSegments.end());
    m_objects.movePerson(*secondary, *primary);
    std::size_t moved = 0;
    std::vector<std::string> movedNames;
    for (std::uint64_t sequence : gone.events) {
        StoredEvent *event = m_events.find(sequence);
        if (!event || event->person != *secondary)
            continue;
        if (event->occurredAt >= arrivedAt - kMergeEventWindowMillis) {
            event->person = *primary;
            event->flags |= StoredEvent::Merged;
            event->block = TriggerBlock::Merged;
            keep.events.push_back(sequence);
            ++moved;
            std::string name = m_events.text(event->name);
            if (std::find(movedNames.begin(), movedNames.end(), name) == movedNames.end())
                movedNames.push_back(std::move(name));
        }
    }
    std::sort(keep.events.begin(), keep.events.end());
    gone.events.erase(std::remove_if(gone.events.begin(), gone.events.end(),
                                     [&](std::uint64_t sequence) {
                                         const StoredEvent *event = m_events.find(sequence);
                                         return event && event->person == *primary;
                                     }),
                      gone.events.end());
    for (auto &[anonymousId, link] : m_anonymousLinks) {
        if (link.person == *secondary)
            link.person = *primary;
    }

    WorkspaceChange merged = change(WorkspaceChange::Kind::PersonsMerged, *primary, arrivedAt, call);
    merged.otherPersonKey = gone.cioId;
    merged.triggerBlock = TriggerBlock::Merged;
    std::string names;
    for (const std::string &name : movedNames)
        names += (names.empty() ? " (" : ", ") + name;
    merged.reason = std::to_string(moved) + " event(s) from the last 30 days moved" +
                    (names.empty() ? "" : names + ")") + " and marked merged: they cannot trigger campaigns";
    merged.movedEvents = std::move(movedNames);
    const Identity leftover{gone.id, gone.email, gone.phone, {}, {}};
    dropPerson(*secondary);
    // The secondary's identifiers fill the primary's empty ones once the secondary is gone.
    if (keep.id.empty() && !leftover.id.empty())
        setIdentifier(*primary, &Person::id, leftover.id);
    if (keep.email.empty() && !leftover.email.empty())
        setIdentifier(*primary, &Person::email, leftover.email);
    if (keep.phone.empty() && !leftover.phone.empty())
        setIdentifier(*primary, &Person::phone, leftover.phone);
    merged.attributes = attributesJson(keep);

    ApplyResult result;
    result.changes.push_back(std::move(merged));
    if (gainsSegments)
        result.changes.push_back(manualSegmentsChange(*primary, arrivedAt, call));
    if (gainsObjects)
        result.changes.push_back(relatedObjectsChange(*primary, arrivedAt, call));
    WorkspaceChange updated = change(WorkspaceChange::Kind::AttributesUpdated, *primary, arrivedAt, call);
    updated.attributes = attributesJson(keep);
    result.changes.push_back(std::move(updated));
    return result;
}

ApplyResult Workspace::remove(const Call &call, UnixMillis arrivedAt)
{
    const auto person = resolve(call.identity);
    if (!person)
        return ApplyResult::ignored(IgnoreReason::PersonNotFound,
                                    "nobody has " + call.identity.primaryValue() + " to delete");
    ApplyResult result;
    result.changes.push_back(change(WorkspaceChange::Kind::PersonDeleted, *person, arrivedAt, call));
    dropPerson(*person);
    return result;
}

ApplyResult Workspace::suppress(const Call &call, UnixMillis arrivedAt)
{
    std::vector<std::string> keys = suppressionKeys(call.identity);
    if (keys.empty())
        return ApplyResult::ignored(IgnoreReason::NoIdentifier, "suppress needs an identifier");
    ApplyResult result;
    WorkspaceChange suppressed = change(WorkspaceChange::Kind::PersonSuppressed, 0, arrivedAt, call);
    suppressed.personKey.clear();
    if (const auto person = resolve(call.identity)) {
        const Person &target = *m_people[*person];
        const auto more = suppressionKeys(Identity{target.id, target.email, target.phone, target.cioId, {}});
        keys.insert(keys.end(), more.begin(), more.end());
        suppressed.personKey = target.cioId;
        dropPerson(*person);
        suppressed.reason = "profile deleted; later calls for its identifiers are ignored";
    } else {
        suppressed.reason = "nobody had the identifier; later calls for it are ignored";
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const auto group = static_cast<std::uint32_t>(m_suppressions.size());
    for (const std::string &key : keys)
        m_suppressed[key] = group;
    m_suppressions.push_back(std::move(keys));
    result.changes.push_back(std::move(suppressed));
    return result;
}

ApplyResult Workspace::unsuppress(const Call &call, UnixMillis arrivedAt)
{
    for (const std::string &key : suppressionKeys(call.identity)) {
        const auto found = m_suppressed.find(key);
        if (found == m_suppressed.end())
            continue;
        const std::uint32_t group = found->second;
        for (const std::string &sibling : m_suppressions[group]) {
            if (const auto entry = m_suppressed.find(sibling);
                entry != m_suppressed.end() && entry->second == group)
                m_suppressed.erase(entry);
        }
        ApplyResult result;
        WorkspaceChange unsuppressed = change(WorkspaceChange::Kind::PersonUnsuppressed, 0, arrivedAt, call);
        unsuppressed.personKey.clear();
        unsuppressed.reason = "identifiers accepted again; the deleted profile is not restored";
        result.changes.push_back(std::move(unsuppressed));
        return result;
    }
    return ApplyResult::ignored(IgnoreReason::PersonNotFound,
                                call.identity.primaryValue() + " is not suppressed");
}

ApplyResult Workspace::addDevice(const Call &call, UnixMillis arrivedAt)
{
    if (!call.device || call.device->token.empty())
        return ApplyResult::ignored(IgnoreReason::DeviceNotFound, "add_device without a device token");
    const auto person = resolve(call.identity);
    if (!person)
        return ApplyResult::ignored(IgnoreReason::PersonNotFound,
                                    "nobody has " + call.identity.primaryValue() + " to add a device to");
    // A token belongs to one person: adding it here takes it from whoever had it.
    for (std::uint32_t handle = 0; handle < m_people.size(); ++handle) {
        if (handle == *person || !m_people[handle])
            continue;
        auto &devices = m_people[handle]->devices;
        devices.erase(
            std::remove_if(devices.begin(), devices.end(),
                           [&](const Device &device) { return device.token == call.device->token; }),
            devices.end());
    }
    Device incoming = *call.device;
    if (!incoming.lastUsed)
        incoming.lastUsed = toSeconds(arrivedAt);
    auto &devices = m_people[*person]->devices;
    const auto existing = std::find_if(devices.begin(), devices.end(),
                                       [&](const Device &device) { return device.token == incoming.token; });
    if (existing != devices.end()) {
        if (incoming.platform.empty())
            incoming.platform = existing->platform;
        Json attributes = existing->attributes;
        if (incoming.attributes.is_object())
            attributes.update(incoming.attributes);
        incoming.attributes = attributes;
        *existing = incoming;
    } else {
        devices.push_back(incoming);
    }
    ApplyResult result;
    WorkspaceChange updated = change(WorkspaceChange::Kind::DeviceUpdated, *person, arrivedAt, call);
    updated.attributes = deviceJson(incoming);
    result.changes.push_back(std::move(updated));
    return result;
}

ApplyResult Workspace::deleteDevice(const Call &call, UnixMillis arrivedAt)
{
    const std::string token = call.device ? call.device->token : std::string();
    const auto person = resolve(call.identity);
    if (!person)
        return ApplyResult::ignored(IgnoreReason::PersonNotFound, "nobody has " +
                                                                      call.identity.primaryValue() +
                                                                      " to delete a device from");
    auto &devices = m_people[*person]->devices;
    const auto existing = std::find_if(devices.begin(), devices.end(),
                                       [&](const Device &device) { return device.token == token; });
    if (token.empty() || existing == devices.end())
        return ApplyResult::ignored(IgnoreReason::DeviceNotFound, "the person has no device " + token);
    devices.erase(existing);
    ApplyResult result;
    WorkspaceChange deleted = change(WorkspaceChange::Kind::DeviceDeleted, *person, arrivedAt, call);
    deleted.attributes = Json{{"id", token}};
    result.changes.push_back(std::move(deleted));
    return result;
}

ApplyResult Workspace::alias(const Call &call, UnixMillis arrivedAt)
{
    // Pipelines alias {previousId, userId}: the previous id is treated as the visitor's anonymous id,
    // so the anonymous activity joins the person exactly as an identify with both ids would do.
    const std::string previous =
        !call.secondary.anonymousId.empty() ? call.secondary.anonymousId : call.secondary.id;
    Call asIdentify = call;
    asIdentify.kind = CallKind::Identify;
    asIdentify.identity.anonymousId = previous;
    asIdentify.properties = Json::object();
    return identify(asIdentify, arrivedAt);
}

ApplyResult Workspace::manualSegment(const Call &call, UnixMillis arrivedAt)
{
    const auto person = resolve(call.identity);
    if (!person)
        return ApplyResult::ignored(IgnoreReason::PersonNotFound, "no person has " +
                                                                      call.identity.primaryValue() +
                                                                      ": Customer.io ignores it");
    const auto segment = static_cast<std::int32_t>(std::stol(call.name)); // the readers checked the digits
    std::set<std::int32_t> &segments = m_people[*person]->manualSegments;
    const bool add = call.kind == CallKind::ManualSegmentAdd;
    ApplyResult result;
    if (add ? !segments.insert(segment).second : segments.erase(segment) == 0) {
        result.message = std::string(add ? "already in" : "not in") + " manual segment " + call.name;
        return result;
    }
    result.changes.push_back(manualSegmentsChange(*person, arrivedAt, call));
    return result;
}

WorkspaceChange Workspace::manualSegmentsChange(std::uint32_t person, UnixMillis at, const Call &call) const
{
    WorkspaceChange out = change(WorkspaceChange::Kind::ManualSegmentsUpdated, person, at, call);
    out.attributes = Json::array();
    for (std::int32_t segment : m_people[person]->manualSegments)
        out.attributes.push_back(segment);
    return out;
}

} // namespace preflight
