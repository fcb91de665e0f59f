#include "call/Call.h"

#include <array>
#include <utility>

namespace preflight {

namespace {

constexpr std::array<std::pair<CallKind, std::string_view>, 13> kKindNames{{
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
    {CallKind::Batch, "batch"},
}};

void putIfSet(Json &out, const char *key, const std::string &value)
{
    if (!value.empty())
        out[key] = value;
}

std::string stringMember(const Json &json, const char *key)
{
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::optional<UnixMillis>> instantMember(const Json &json, const char *key, const std::string &where)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return std::optional<UnixMillis>();
    if (it->is_number_integer())
        return std::optional<UnixMillis>(it->get<std::int64_t>() * 1000);
    if (it->is_string()) {
        if (const auto instant = parseIso8601(it->get<std::string>()))
            return std::optional<UnixMillis>(*instant);
    }
    return Error{"bad_timestamp", std::string(key) + " must be an ISO-8601 date-time or unix seconds",
                 where + "/" + key};
}

} // namespace

std::string_view toString(CallKind kind)
{
    for (const auto &[value, name] : kKindNames) {
        if (value == kind)
            return name;
    }
    return "unknown";
}

std::optional<CallKind> callKindFromString(std::string_view text)
{
    for (const auto &[value, name] : kKindNames) {
        if (name == text)
            return value;
    }
    return std::nullopt;
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

Result<Call> callFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return Error{"bad_call", "a call must be a JSON object", where};
    Call call;
    const std::string kindName = stringMember(json, "kind");
    const auto kind = callKindFromString(kindName);
    if (!kind)
        return Error{"bad_call", "unknown call kind \"" + kindName + "\"", where + "/kind"};
    call.kind = *kind;
    if (const auto it = json.find("identity"); it != json.end())
        call.identity = identityFromJson(*it);
    if (const auto it = json.find("secondary"); it != json.end())
        call.secondary = identityFromJson(*it);
    call.name = stringMember(json, "name");
    if (const auto it = json.find("properties"); it != json.end()) {
        if (!it->is_object())
            return Error{"bad_call", "properties must be an object", where + "/properties"};
        call.properties = *it;
    }
    auto occurred = instantMember(json, "occurred_at", where);
    if (!occurred)
        return occurred.error();
    call.occurredAt = *occurred;
    auto arrived = instantMember(json, "arrived_at", where);
    if (!arrived)
        return arrived.error();
    call.arrivedAt = *arrived;
    call.dedupeId = stringMember(json, "dedupe_id");
    call.groupId = stringMember(json, "group_id");
    if (const auto it = json.find("device"); it != json.end() && it->is_object()) {
        Device device;
        device.token = stringMember(*it, "token");
        device.platform = stringMember(*it, "platform");
        if (const auto used = it->find("last_used"); used != it->end() && used->is_number_integer())
            device.lastUsed = used->get<std::int64_t>();
        if (const auto attributes = it->find("attributes");
            attributes != it->end() && attributes->is_object())
            device.attributes = *attributes;
        call.device = device;
    }
    if (const auto it = json.find("context"); it != json.end() && it->is_object())
        call.context = *it;
    if (const auto it = json.find("batch"); it != json.end()) {
        if (!it->is_array())
            return Error{"bad_call", "batch must be an array", where + "/batch"};
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
