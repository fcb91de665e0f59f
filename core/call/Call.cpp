#include "call/Call.h"

#include "common/Ascii.h"
#include "common/JsonKeys.h"

#include <array>
#include <utility>

namespace preflight {

namespace {

constexpr std::array<std::pair<CallKind, std::string_view>, 19> kKindNames{{
    {CallKind::Identify, "identify"},
    {CallKind::Track, "track"},
    {CallKind::Page, "page"},
    {CallKind::Screen, "screen"},
    {CallKind::Merge, "merge"},
    {CallKind::Delete, "delete"},
    {CallKind::Suppress, "suppress"},
    {CallKind::Unsuppress, "unsuppress"},
    {CallKind::AddDevice, "add_device"},
    {CallKind::DeleteDevice, "delete_device"},
    {CallKind::Alias, "alias"},
    {CallKind::Group, "group"},
    {CallKind::ObjectIdentify, "object_identify"},
    {CallKind::ObjectDelete, "object_delete"},
    {CallKind::AddRelationships, "add_relationships"},
    {CallKind::DeleteRelationships, "delete_relationships"},
    {CallKind::ManualSegmentAdd, "manual_segment_add"},
    {CallKind::ManualSegmentRemove, "manual_segment_remove"},
    {CallKind::Batch, "batch"},
}};

void putIfSet(Json &out, const char *key, const std::string &value)
{
    if (!value.empty())
        out[key] = value;
}

constexpr std::string_view kCallKeys[] = {
    "kind",      "identity", "secondary", "name",   "properties",    "occurred_at", "arrived_at",
    "dedupe_id", "group_id", "device",    "object", "relationships", "context",     "batch"};
constexpr std::string_view kIdentityKeys[] = {"id", "email", "phone", "cio_id", "anonymous_id"};
constexpr std::string_view kDeviceKeys[] = {"token", "platform", "last_used", "attributes"};
constexpr std::string_view kObjectKeys[] = {"type_id", "id"};
constexpr std::string_view kRelationshipKeys[] = {"object", "identity", "attributes"};

// Instants a recorded call can plausibly carry. Anything outside is almost surely seconds read as
// milliseconds (or the reverse), or a missing value written as 0: refused rather than replayed in 1970.
constexpr UnixMillis kEarliestInstant = 946'684'800'000; // 2000-01-01T00:00:00Z
constexpr UnixMillis kLatestInstant = 4'102'444'800'000; // 2100-01-01T00:00:00Z

Error badCall(const std::string &where, const std::string &message)
{
    return Error{"bad_call", message, where};
}

Status knownKeys(const Json &object, std::span<const std::string_view> known, const std::string &where)
{
    if (const std::optional<UnknownKey> unknown = findUnknownKey(object, known))
        return badCall(where + "/" + jsonPointerToken(unknown->key), unknown->message);
    return Ok{};
}

std::string stringMember(const Json &json, const char *key)
{
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A text member that, when present, must be a string: a number there is a mistake, not an empty value.
Result<std::string> textMember(const Json &json, const char *key, const std::string &where)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return std::string();
    if (!it->is_string())
        return badCall(where + "/" + key,
                       std::string(key) + " must be a string, not " + jsonTypeName(*it) + " " + it->dump());
    return it->get<std::string>();
}

Result<std::optional<UnixMillis>> instantMember(const Json &json, const char *key, const std::string &where)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return std::optional<UnixMillis>();
    const std::string at = where + "/" + key;
    if (it->is_number_integer()) {
        // Checked as a double first, so no value can overflow on its way to milliseconds.
        const double seconds = it->get<double>();
        if (seconds < kEarliestInstant / 1000 || seconds >= kLatestInstant / 1000)
            return Error{"bad_timestamp",
                         std::string(key) + " " + it->dump() +
                             " is not unix seconds between 2000 and 2100 (milliseconds? a missing value "
                             "written as 0?)",
                         at};
        return std::optional<UnixMillis>(it->get<std::int64_t>() * 1000);
    }
    const auto instant = it->is_string() ? parseIso8601(it->get<std::string>()) : std::nullopt;
    if (!instant)
        return Error{"bad_timestamp", std::string(key) + " must be an ISO-8601 date-time or unix seconds",
                     at};
    if (*instant < kEarliestInstant || *instant >= kLatestInstant)
        return Error{"bad_timestamp", std::string(key) + " " + it->dump() + " is not between 2000 and 2100",
                     at};
    return std::optional<UnixMillis>(*instant);
}

} // namespace

Json toJson(const ObjectRef &object)
{
    return Json{{"type_id", object.typeId}, {"id", object.id}};
}

Result<ObjectRef> objectFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return badCall(where,
                       "an object is {\"type_id\": \"1\", \"id\": \"acme\"}, not " + jsonTypeName(json));
    if (auto status = knownKeys(json, kObjectKeys, where); !status)
        return status.error();
    ObjectRef object;
    for (const auto &[key, text] : {std::pair{"type_id", &object.typeId}, std::pair{"id", &object.id}}) {
        auto value = textMember(json, key, where);
        if (!value)
            return value.error();
        if (value->empty())
            return badCall(where + "/" + key, std::string("an object needs a ") + key);
        *text = std::move(*value);
    }
    return object;
}

Result<Relationship> relationshipFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return badCall(where, "a relationship must be a JSON object, not " + jsonTypeName(json));
    if (auto status = knownKeys(json, kRelationshipKeys, where); !status)
        return status.error();
    Relationship relationship;
    if (const auto it = json.find("object"); it != json.end()) {
        auto object = objectFromJson(*it, where + "/object");
        if (!object)
            return object.error();
        relationship.object = std::move(*object);
    }
    if (const auto it = json.find("identity"); it != json.end()) {
        auto person = identityFromJson(*it, where + "/identity");
        if (!person)
            return person.error();
        relationship.person = std::move(*person);
    }
    if (relationship.object.id.empty() == relationship.person.isEmpty())
        return badCall(where, "a relationship names either an \"object\" or a person's \"identity\"");
    if (const auto it = json.find("attributes"); it != json.end()) {
        if (!it->is_object())
            return badCall(where + "/attributes", "attributes must be an object, not " + jsonTypeName(*it));
        relationship.attributes = *it;
    }
    return relationship;
}

std::string_view toString(CallKind kind)
{
    for (const auto &[value, name] : kKindNames) {
        if (value == kind)
            return name;
    }
    return "unknown";
}

bool isManualSegmentChange(CallKind kind)
{
    return kind == CallKind::ManualSegmentAdd || kind == CallKind::ManualSegmentRemove;
}

bool isManualSegmentId(std::string_view text)
{
    return isPositiveDecimalId(text);
}

std::optional<CallKind> callKindFromString(std::string_view text)
{
    for (const auto &[value, name] : kKindNames) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

std::optional<Identity> Identity::ofType(std::string_view idType, std::string identifier)
{
    Identity identity;
    if (idType.empty() || idType == "id")
        identity.id = std::move(identifier);
    else if (idType == "email")
        identity.email = std::move(identifier);
    else if (idType == "phone")
        identity.phone = std::move(identifier);
    else if (idType == "cio_id")
        identity.cioId = std::move(identifier);
    else
        return std::nullopt;
    return identity;
}

bool Identity::isEmpty() const
{
    return !isKnown() && anonymousId.empty();
}

bool Identity::isKnown() const
{
    return !id.empty() || !email.empty() || !phone.empty() || !cioId.empty();
}

std::string Identity::primaryValue() const
{
    if (!id.empty())
        return id;
    if (!email.empty())
        return email;
    if (!cioId.empty())
        return "cio_" + cioId;
    return phone;
}

Json toJson(const Identity &identity)
{
    Json out = Json::object();
    putIfSet(out, "id", identity.id);
    putIfSet(out, "email", identity.email);
    putIfSet(out, "phone", identity.phone);
    putIfSet(out, "cio_id", identity.cioId);
    putIfSet(out, "anonymous_id", identity.anonymousId);
    return out;
}

Identity identityFromJson(const Json &json)
{
    if (!json.is_object())
        return {};
    return Identity{stringMember(json, "id"), stringMember(json, "email"), stringMember(json, "phone"),
                    stringMember(json, "cio_id"), stringMember(json, "anonymous_id")};
}

Result<Identity> identityFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return badCall(where,
                       "an identity is an object such as {\"id\": \"cust-1\"}, not " + jsonTypeName(json));
    if (auto status = knownKeys(json, kIdentityKeys, where); !status)
        return status.error();
    for (const auto &[key, value] : json.items()) {
        if (!value.is_string())
            return badCall(where + "/" + key,
                           key + " must be a string, not " + jsonTypeName(value) + " " + value.dump());
    }
    return identityFromJson(json);
}

Json toJson(const Call &call)
{
    Json out = Json::object();
    out["kind"] = std::string(toString(call.kind));
    if (!call.identity.isEmpty())
        out["identity"] = toJson(call.identity);
    if (!call.secondary.isEmpty())
        out["secondary"] = toJson(call.secondary);
    putIfSet(out, "name", call.name);
    if (!call.properties.empty())
        out["properties"] = call.properties;
    if (call.occurredAt)
        out["occurred_at"] = toIso8601(*call.occurredAt);
    if (call.arrivedAt)
        out["arrived_at"] = toIso8601(*call.arrivedAt);
    putIfSet(out, "dedupe_id", call.dedupeId);
    putIfSet(out, "group_id", call.groupId);
    if (call.device) {
        Json device = {{"token", call.device->token}};
        putIfSet(device, "platform", call.device->platform);
        if (call.device->lastUsed)
            device["last_used"] = *call.device->lastUsed;
        if (!call.device->attributes.empty())
            device["attributes"] = call.device->attributes;
        out["device"] = device;
    }
    if (call.object)
        out["object"] = toJson(*call.object);
    if (!call.relationships.empty()) {
        Json relationships = Json::array();
        for (const Relationship &relationship : call.relationships) {
            Json item = Json::object();
            if (!relationship.object.id.empty())
                item["object"] = toJson(relationship.object);
            else
                item["identity"] = toJson(relationship.person);
            if (!relationship.attributes.empty())
                item["attributes"] = relationship.attributes;
            relationships.push_back(std::move(item));
        }
        out["relationships"] = std::move(relationships);
    }
    if (!call.context.empty())
        out["context"] = call.context;
    if (call.kind == CallKind::Batch) {
        Json items = Json::array();
        for (const Call &item : call.batch)
            items.push_back(toJson(item));
        out["batch"] = items;
    }
    return out;
}

std::span<const std::string_view> callJsonKeys()
{
    return kCallKeys;
}

Result<Call> callFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return badCall(where, "a call must be a JSON object");
    if (auto status = knownKeys(json, kCallKeys, where); !status)
        return status.error();
    Call call;
    const auto kindMember = json.find("kind");
    if (kindMember == json.end())
        return badCall(where, "a call needs a \"kind\" (identify, track, page, screen, merge, ...)");
    const auto kind =
        kindMember->is_string() ? callKindFromString(kindMember->get<std::string>()) : std::nullopt;
    if (!kind)
        return badCall(where + "/kind", "unknown call kind " + kindMember->dump());
    call.kind = *kind;
    for (const auto &[key, identity] :
         {std::pair{"identity", &call.identity}, std::pair{"secondary", &call.secondary}}) {
        if (const auto it = json.find(key); it != json.end()) {
            auto parsed = identityFromJson(*it, where + "/" + key);
            if (!parsed)
                return parsed.error();
            *identity = std::move(*parsed);
        }
    }
    for (const auto &[key, text] : {std::pair{"name", &call.name}, std::pair{"dedupe_id", &call.dedupeId},
                                    std::pair{"group_id", &call.groupId}}) {
        auto value = textMember(json, key, where);
        if (!value)
            return value.error();
        *text = std::move(*value);
    }
    if (isManualSegmentChange(call.kind) && !isManualSegmentId(call.name))
        return badCall(where + "/name", "a manual segment change names the segment by its numeric id "
                                        "(\"name\": \"7\"), not \"" +
                                            call.name + "\"");
    for (const auto &[key, tree] :
         {std::pair{"properties", &call.properties}, std::pair{"context", &call.context}}) {
        if (const auto it = json.find(key); it != json.end()) {
            if (!it->is_object())
                return badCall(where + "/" + key,
                               std::string(key) + " must be an object, not " + jsonTypeName(*it));
            *tree = *it;
        }
    }
    auto occurred = instantMember(json, "occurred_at", where);
    if (!occurred)
        return occurred.error();
    call.occurredAt = *occurred;
    auto arrived = instantMember(json, "arrived_at", where);
    if (!arrived)
        return arrived.error();
    call.arrivedAt = *arrived;
    if (const auto it = json.find("device"); it != json.end()) {
        const std::string at = where + "/device";
        if (!it->is_object())
            return badCall(at, "device must be an object, not " + jsonTypeName(*it));
        if (auto status = knownKeys(*it, kDeviceKeys, at); !status)
            return status.error();
        Device device;
        for (const auto &[key, text] :
             {std::pair{"token", &device.token}, std::pair{"platform", &device.platform}}) {
            auto value = textMember(*it, key, at);
            if (!value)
                return value.error();
            *text = std::move(*value);
        }
        if (const auto used = it->find("last_used"); used != it->end()) {
            if (!used->is_number_integer())
                return badCall(at + "/last_used", "last_used must be unix seconds, not " + used->dump());
            device.lastUsed = used->get<std::int64_t>();
        }
        if (const auto attributes = it->find("attributes"); attributes != it->end()) {
            if (!attributes->is_object())
                return badCall(at + "/attributes",
                               "attributes must be an object, not " + jsonTypeName(*attributes));
            device.attributes = *attributes;
        }
        call.device = device;
    }
    if (const auto it = json.find("object"); it != json.end()) {
        auto object = objectFromJson(*it, where + "/object");
        if (!object)
            return object.error();
        call.object = std::move(*object);
    }
    if (const auto it = json.find("relationships"); it != json.end()) {
        if (!it->is_array())
            return badCall(where + "/relationships", "relationships must be an array");
        for (std::size_t i = 0; i < it->size(); ++i) {
            auto relationship = relationshipFromJson((*it)[i], where + "/relationships/" + std::to_string(i));
            if (!relationship)
                return relationship.error();
            call.relationships.push_back(std::move(*relationship));
        }
    }
    if (const auto it = json.find("batch"); it != json.end()) {
        if (!it->is_array())
            return badCall(where + "/batch", "batch must be an array");
        for (std::size_t i = 0; i < it->size(); ++i) {
            auto item = callFromJson((*it)[i], where + "/batch/" + std::to_string(i));
            if (!item)
                return item.error();
            call.batch.push_back(std::move(*item));
        }
    }
    return call;
}

Result<Call> callFromJson(Json &&json, const std::string &where)
{
    // Only objects are taken: anything else stays for the checks above to report.
    const auto take = [&json](const char *key) {
        Json taken;
        if (json.is_object()) {
            if (const auto it = json.find(key); it != json.end() && it->is_object())
                taken = std::exchange(*it, Json::object());
        }
        return taken;
    };
    Json properties = take("properties");
    Json context = take("context");
    auto call = callFromJson(std::as_const(json), where);
    if (call) {
        if (properties.is_object())
            call->properties = std::move(properties);
        if (context.is_object())
            call->context = std::move(context);
    }
    return call;
}

} // namespace preflight
