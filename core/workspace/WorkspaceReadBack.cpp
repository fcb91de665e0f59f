// Workspace read-back in the shapes of Customer.io's App API (/v1/customers/...).
#include "workspace/Workspace.h"

#include "workspace/WorkspaceValues.h"

#include <charconv>

namespace preflight {

using namespace workspace_values;

namespace {

bool isIdType(std::string_view idType)
{
    return Identity::ofType(idType, {}).has_value();
}

Error badIdType()
{
    return Error{"bad_request", "id_type must be one of id, email, phone, cio_id", "id_type"};
}

Error notFound(std::string_view identifier)
{
    return Error{"not_found", "The customer_id does not exist.", std::string(identifier)};
}

Json stringOrNull(const std::string &value)
{
    return value.empty() ? Json(nullptr) : Json(value);
}

// Activity ids and `next` cursors: the stored event's sequence number as 16 hex digits.
std::string activityId(std::uint64_t sequence)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(sequence));
    return text;
}

std::optional<std::uint64_t> parseActivityId(std::string_view text)
{
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (text.size() != 16 || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

Json Workspace::identifiersJson(const Person &person) const
{
    Json out{
        {"id", stringOrNull(person.id)}, {"email", stringOrNull(person.email)}, {"cio_id", person.cioId}};
    if (!person.phone.empty())
        out["phone"] = person.phone;
    return out;
}

Json Workspace::attributesJson(const Person &person) const
{
    // Customer.io answers its reserved attributes as strings ("created_at": "1489014595").
    Json out = person.attributes;
    out["cio_id"] = person.cioId;
    out["created_at"] = std::to_string(person.createdAt);
    if (!person.id.empty())
        out["id"] = person.id;
    if (!person.email.empty())
        out["email"] = person.email;
    if (!person.phone.empty())
        out["phone"] = person.phone;
    if (person.timestamps.count("unsubscribed"))
        out["unsubscribed"] = person.unsubscribed;
    return out;
}

Json Workspace::deviceJson(const Device &device) const
{
    Json out{{"id", device.token},
             {"platform", device.platform},
             {"last_used", device.lastUsed ? Json(*device.lastUsed) : Json(nullptr)}};
    if (device.attributes.is_object() && !device.attributes.empty())
        out["attributes"] = device.attributes;
    return out;
}

Result<Json> Workspace::attributesResponse(std::string_view identifier, std::string_view idType) const
{
    if (!isIdType(idType))
        return badIdType();
    const auto handle = resolve(identifier, idType);
    if (!handle)
        return notFound(identifier);
    const Person &person = *m_people[*handle];
    Json timestamps = Json::object();
    for (const auto &[name, seconds] : person.timestamps)
        timestamps[name] = seconds;
    Json devices = Json::array();
    for (const Device &device : person.devices)
        devices.push_back(deviceJson(device));
    return Json{{"customer",
                 {{"id", stringOrNull(person.id)},
                  {"identifiers", identifiersJson(person)},
                  {"attributes", attributesJson(person)},
                  {"timestamps", timestamps},
                  {"unsubscribed", person.unsubscribed},
                  {"devices", devices}}}};
}

Result<Json> Workspace::segmentsResponse(std::string_view identifier, std::string_view idType) const
{
    if (!isIdType(idType))
        return badIdType();
    const auto handle = resolve(identifier, idType);
    if (!handle)
        return notFound(identifier);
    // Choice: the sandbox knows manual segments only by the ids people were added with, so it names
    // them after the id; Customer.io answers each segment's name, description and state as well.
    Json segments = Json::array();
    for (std::int32_t segment : m_people[*handle]->manualSegments)
        segments.push_back(
            {{"id", segment}, {"name", "manual segment " + std::to_string(segment)}, {"type", "manual"}});
    return Json{{"segments", std::move(segments)}};
}

Json Workspace::activityJson(std::uint64_t sequence, const StoredEvent &event, const Person &person) const
{
    return Json{{"id", activityId(sequence)},        {"type", std::string(toString(event.type))},
                {"name", m_events.text(event.name)}, {"timestamp", toSeconds(event.occurredAt)},
                {"customer_id", person.id},          {"customer_identifiers", identifiersJson(person)},
                {"data", m_events.data(event)},      {"delivery_id", nullptr},
                {"delivery_type", nullptr}};
}

Result<Json> Workspace::activitiesResponse(std::string_view identifier, std::string_view idType,
                                           std::string_view type, std::string_view name, int limit,
                                           std::string_view start) const
{
    if (!isIdType(idType))
        return badIdType();
    std::uint64_t startAt = UINT64_MAX;
    if (!start.empty()) {
        const auto parsed = parseActivityId(start);
        if (!parsed)
            return Error{"bad_request", "start must be a `next` value from an earlier response", "start"};
        startAt = *parsed;
    }
    const auto handle = resolve(identifier, idType);
    if (!handle)
        return notFound(identifier);
    const Person &person = *m_people[*handle];
    const int pageSize = limit <= 0 ? kDefaultActivitiesLimit : std::min(limit, kMaxActivitiesLimit);

    Json activities = Json::array();
    std::string next;
    // Newest first, by arrival; `start` resumes at the activity it names.
    for (auto it = person.events.rbegin(); it != person.events.rend(); ++it) {
        const std::uint64_t sequence = *it;
        if (sequence > startAt)
            continue;
        const StoredEvent *event = m_events.find(sequence);
        if (!event || event->person != *handle || event->has(StoredEvent::Deleted))
            continue;
        if (!type.empty() && toString(event->type) != type)
            continue;
        if (!name.empty() && m_events.text(event->name) != name)
            continue;
        if (static_cast<int>(activities.size()) == pageSize) {
            next = activityId(sequence);
            break;
        }
        activities.push_back(activityJson(sequence, *event, person));
    }
    return Json{{"activities", activities}, {"next", next}};
}

Json Workspace::customersByEmail(std::string_view email) const
{
    Json results = Json::array();
    if (const auto found = m_byEmail.find(lowerAscii(email)); found != m_byEmail.end()) {
        const Person &person = *m_people[found->second];
        results.push_back(
            Json{{"email", person.email}, {"id", stringOrNull(person.id)}, {"cio_id", person.cioId}});
    }
    return Json{{"results", results}};
}

std::optional<std::string> Workspace::personKey(std::string_view identifier, std::string_view idType) const
{
    const auto handle = resolve(identifier, idType);
    if (!handle)
        return std::nullopt;
    return m_people[*handle]->cioId;
}

bool Workspace::isSuppressed(std::string_view identifier, std::string_view idType) const
{
    const std::optional<Identity> identity = Identity::ofType(idType, std::string(identifier));
    return identity && suppressedIdentifier(*identity).has_value();
}

} // namespace preflight
