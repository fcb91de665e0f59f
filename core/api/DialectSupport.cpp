#include "api/DialectSupport.h"

#include "common/Ascii.h"

#include "api/Limits.h"

#include <algorithm>
#include <limits>

namespace preflight::dialect {

Error unsupported(const Call &call, std::string_view surface)
{
    return Error{"unsupported_call",
                 "the " + std::string(surface) + " has no " + std::string(toString(call.kind)) + " call",
                 "/kind"};
}

Error missing(std::string_view code, std::string message, std::string where)
{
    return Error{std::string(code), std::move(message), std::move(where)};
}

Result<Json> parseObjectBody(const HttpRequest &request)
{
    if (request.body.empty())
        return Json::object();
    std::optional<Json> quick = parseJsonQuickly(request.body);
    // The slow path bounds nesting and locates the fault; simdjson has already refused the text.
    Result<Json> body = quick ? Result<Json>(std::move(*quick)) : parseJson(request.body, "body");
    // Customer.io's own words for a syntax error; text nested too deep to read safely, or a number beyond
    // double range, says which (the sandbox's choice: Customer.io documents neither).
    if (!body && body.error().code == "json_too_deep")
        return Error{"invalid_json", "the request body is " + body.error().message, ""};
    if (!body && body.error().code == "json_number_out_of_range")
        return Error{"invalid_json", "the request body is not valid JSON: " + body.error().message, ""};
    if (!body)
        return Error{"invalid_json", "the request body is not valid JSON", ""};
    if (!body->is_object())
        return Error{"invalid_json", "the request body must be a JSON object", ""};
    return body;
}

Result<std::vector<Result<Call>>> parseBatchBody(const HttpRequest &request, std::size_t batchBytes,
                                                 std::size_t itemBytes, const BatchItemParser &parseItem)
{
    if (request.method != "POST")
        return Error{"method_not_allowed", request.method + " is not allowed on " + request.url, ""};
    if (auto ok = checkSize(request.body.size(), batchBytes, LimitCode::BatchTooLarge, "the batch", ""); !ok)
        return ok.error();
    auto body = parseObjectBody(request);
    if (!body)
        return body.error();
    const auto batch = body->find("batch");
    if (batch == body->end() || !batch->is_array())
        return Error{"batch_missing", "batch must be an array", "/batch"};
    std::vector<Result<Call>> items;
    for (std::size_t i = 0; i < batch->size(); ++i) {
        const std::string where = "/batch/" + std::to_string(i);
        const Json &item = (*batch)[i];
        if (auto ok = checkSize(compactJson(item).size(), itemBytes, LimitCode::BatchItemTooLarge,
                                "the batch item", where);
            !ok)
            items.push_back(ok.error());
        else
            items.push_back(parseItem(item, where));
    }
    return items;
}

Result<Call> batchCallOf(Result<std::vector<Result<Call>>> items)
{
    if (!items)
        return items.error();
    Call call;
    call.kind = CallKind::Batch;
    for (auto &item : *items) {
        if (!item)
            return item.error();
        call.batch.push_back(std::move(*item));
    }
    return call;
}

void setJsonBody(HttpRequest &request, const Json &body)
{
    request.body = compactJson(body);
    request.setHeader("Content-Type", "application/json");
}

void setAuthorization(HttpRequest &request, std::string value)
{
    request.headers.insert(request.headers.begin(), HttpHeader{"Authorization", std::move(value), true});
}

std::int64_t toUnixSeconds(UnixMillis instant)
{
    // Floor division, written so that no value (INT64_MIN included) overflows.
    return instant / 1000 - (instant % 1000 < 0 ? 1 : 0);
}

Result<std::optional<UnixMillis>> readUnixSeconds(const Json &body, const char *key, const std::string &where)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return std::optional<UnixMillis>();
    if (!it->is_number_integer())
        return Error{"bad_timestamp", std::string(key) + " must be an integer unix timestamp in seconds",
                     where};
    // A number of seconds whose milliseconds do not fit in 64 bits is no time at all.
    constexpr std::int64_t kMostSeconds = std::numeric_limits<std::int64_t>::max() / 1000;
    if (it->is_number_unsigned()
            ? it->get<std::uint64_t>() > std::uint64_t(kMostSeconds)
            : (it->get<std::int64_t>() > kMostSeconds || it->get<std::int64_t>() < -kMostSeconds))
        return Error{"bad_timestamp", std::string(key) + " is out of range for a unix timestamp in seconds",
                     where};
    return std::optional<UnixMillis>(it->get<std::int64_t>() * 1000);
}

Result<std::string> readString(const Json &body, const char *key, const std::string &where)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        return std::string();
    if (!it->is_string())
        return Error{"bad_type", std::string(key) + " must be a string", where};
    return it->get<std::string>();
}

Result<Json> readObject(const Json &body, const char *key, const std::string &where)
{
    const auto it = body.find(key);
    if (it == body.end())
        return Json::object();
    if (!it->is_object())
        return Error{"bad_type", std::string(key) + " must be an object", where};
    return *it;
}

std::string trackPathIdentifier(const Identity &identity)
{
    if (!identity.id.empty())
        return identity.id;
    if (!identity.email.empty())
        return identity.email;
    if (!identity.cioId.empty())
        return "cio_" + identity.cioId;
    return {};
}

Identity identityFromTrackPath(const std::string &identifier)
{
    Identity identity;
    if (identifier.rfind("cio_", 0) == 0 && identifier.size() > 4)
        identity.cioId = identifier.substr(4);
    else if (identifier.find('@') != std::string::npos)
        identity.email = identifier;
    else
        identity.id = identifier;
    return identity;
}

std::string identityPointer(const Identity &identity, const std::string &base)
{
    if (!identity.id.empty())
        return base + "/id";
    if (!identity.email.empty())
        return base + "/email";
    if (!identity.cioId.empty())
        return base + "/cio_id";
    if (!identity.phone.empty())
        return base + "/phone";
    return base;
}

Json identifierObject(const Identity &identity, bool allowPhone)
{
    if (!identity.id.empty())
        return {{"id", identity.id}};
    if (!identity.email.empty())
        return {{"email", identity.email}};
    if (!identity.cioId.empty())
        return {{"cio_id", identity.cioId}};
    if (allowPhone && !identity.phone.empty())
        return {{"phone", identity.phone}};
    return Json::object();
}

Result<Identity> identityFromIdentifierObject(const Json &json, bool allowPhone, const std::string &where)
{
    if (!json.is_object() || json.size() != 1)
        return Error{"identifier_missing",
                     std::string("exactly one of id, email, ") + (allowPhone ? "phone, " : "") +
                         "cio_id is required",
                     where};
    // Not `*json.items().begin()`: its key would refer into a temporary that is gone by the next line.
    const Json::const_iterator only = json.begin();
    const std::string key = only.key();
    const Json &value = only.value();
    if (!value.is_string() && !value.is_number_integer())
        return Error{"identifier_not_string", key + " must be a string", where + "/" + key};
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (auto ok = checkTrackIdentifier(text, where + "/" + key); !ok)
        return ok.error();
    std::optional<Identity> identity =
        key.empty() || (key == "phone" && !allowPhone) ? std::nullopt : Identity::ofType(key, text);
    if (!identity)
        return Error{"identifier_missing", "unknown identifier \"" + key + "\"", where + "/" + key};
    return *identity;
}

Json objectIdentifiers(const ObjectRef &object)
{
    return {{"object_type_id", object.typeId}, {"object_id", object.id}};
}

Result<ObjectRef> objectFromIdentifiers(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return Error{"identifier_missing", "object identifiers need object_type_id and object_id", where};
    if (json.contains("cio_object_id") && !json.contains("object_id"))
        return Error{"unsupported_identifier",
                     "cio_object_id is not modelled by the sandbox: name the object by object_type_id and "
                     "object_id",
                     where + "/cio_object_id"};
    ObjectRef object;
    for (const auto &[key, text] :
         {std::pair{"object_type_id", &object.typeId}, std::pair{"object_id", &object.id}}) {
        const auto it = json.find(key);
        if (it == json.end() || it->is_null())
            return Error{"identifier_missing", std::string(key) + " is required", where + "/" + key};
        if (!it->is_string() && !it->is_number_integer())
            return Error{"identifier_not_string", std::string(key) + " must be a string", where + "/" + key};
        *text = it->is_string() ? it->get<std::string>() : it->dump();
        if (auto ok = checkTrackIdentifier(*text, where + "/" + key); !ok)
            return ok.error();
    }
    if (!isPositiveDecimalId(object.typeId))
        return Error{"invalid_object_type",
                     "object_type_id must be a stringified integer from 1 (\"1\", \"2\"…), not \"" +
                         object.typeId + "\"",
                     where + "/object_type_id"};
    return object;
}

Json relationshipsJson(const std::vector<Relationship> &relationships)
{
    Json out = Json::array();
    for (const Relationship &relationship : relationships) {
        Json item = {{"identifiers", relationship.object.id.empty()
                                         ? identifierObject(relationship.person, false)
                                         : objectIdentifiers(relationship.object)}};
        if (!relationship.attributes.empty())
            item["relationship_attributes"] = relationship.attributes;
        out.push_back(std::move(item));
    }
    return out;
}

Result<std::vector<Relationship>> relationshipsFromJson(const Json &json, bool objectSide,
                                                        const std::string &where)
{
    if (!json.is_array())
        return Error{"invalid_relationships", "cio_relationships must be an array", where};
    std::vector<Relationship> out;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const std::string at = where + "/" + std::to_string(i);
        const Json &item = json[i];
        if (!item.is_object())
            return Error{"invalid_relationships", "a relationship must be an object with identifiers", at};
        Relationship relationship;
        const Json identifiers = item.value("identifiers", Json());
        if (objectSide) {
            auto person = identityFromIdentifierObject(identifiers, false, at + "/identifiers");
            if (!person)
                return person.error();
            relationship.person = std::move(*person);
        } else {
            auto object = objectFromIdentifiers(identifiers, at + "/identifiers");
            if (!object)
                return object.error();
            relationship.object = std::move(*object);
        }
        auto attributes = readObject(item, "relationship_attributes", at + "/relationship_attributes");
        if (!attributes)
            return attributes.error();
        relationship.attributes = std::move(*attributes);
        out.push_back(std::move(relationship));
    }
    return out;
}

Json identifyAttributes(const Call &call, bool emailIsIdentifier)
{
    Json attributes = call.properties.is_object() ? call.properties : Json::object();
    if (!emailIsIdentifier && !call.identity.email.empty())
        attributes["email"] = call.identity.email;
    if (!call.identity.anonymousId.empty())
        attributes["anonymous_id"] = call.identity.anonymousId;
    return attributes;
}

void takeIdentifyAttributes(Json &attributes, Identity &identity, bool emailIsIdentifier)
{
    if (!emailIsIdentifier) {
        if (const auto it = attributes.find("email"); it != attributes.end() && it->is_string()) {
            identity.email = it->get<std::string>();
            attributes.erase(it);
        }
    }
    if (const auto it = attributes.find("anonymous_id"); it != attributes.end() && it->is_string()) {
        identity.anonymousId = it->get<std::string>();
        attributes.erase(it);
    }
}

Json deviceJson(const Device &device, const char *tokenKey)
{
    Json out = {{tokenKey, device.token}};
    if (!device.platform.empty())
        out["platform"] = device.platform;
    if (device.lastUsed)
        out["last_used"] = *device.lastUsed;
    if (!device.attributes.empty())
        out["attributes"] = device.attributes;
    return out;
}

Result<Device> deviceFromJson(const Json &json, const char *tokenKey, bool requirePlatform,
                              const std::string &where)
{
    if (!json.is_object())
        return Error{"device_missing", "device must be an object", where};
    Device device;
    auto token = readString(json, tokenKey, where + "/" + tokenKey);
    if (!token)
        return token.error();
    if (token->empty())
        return Error{"device_token_missing", std::string("device ") + tokenKey + " must be present",
                     where + "/" + tokenKey};
    device.token = *token;
    auto platform = readString(json, "platform", where + "/platform");
    if (!platform)
        return platform.error();
    if (requirePlatform && *platform != "ios" && *platform != "android")
        return Error{"device_platform_invalid", "device platform must be \"ios\" or \"android\"",
                     where + "/platform"};
    device.platform = *platform;
    if (const auto it = json.find("last_used"); it != json.end() && !it->is_null()) {
        if (!it->is_number_integer())
            return Error{"bad_timestamp", "last_used must be an integer unix timestamp in seconds",
                         where + "/last_used"};
        device.lastUsed = it->get<std::int64_t>();
    }
    auto attributes = readObject(json, "attributes", where + "/attributes");
    if (!attributes)
        return attributes.error();
    device.attributes = *attributes;
    return device;
}

} // namespace preflight::dialect
