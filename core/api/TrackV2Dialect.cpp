#include "api/TrackV2Dialect.h"

#include "api/DialectSupport.h"
#include "api/Limits.h"
#include "api/UrlParts.h"

#include <algorithm>

namespace preflight {

using namespace dialect;

namespace {

constexpr std::string_view kSurface = "Track API v2";

const char *actionName(CallKind kind)
{
    switch (kind) {
    case CallKind::Identify: return "identify";
    case CallKind::Track: return "event";
    case CallKind::Page: return "page";
    case CallKind::Screen: return "screen";
    case CallKind::Delete: return "delete";
    case CallKind::Suppress: return "suppress";
    case CallKind::Unsuppress: return "unsuppress";
    case CallKind::AddDevice: return "add_device";
    case CallKind::DeleteDevice: return "delete_device";
    case CallKind::Merge: return "merge";
    case CallKind::AddRelationships: return "add_relationships";
    case CallKind::DeleteRelationships: return "delete_relationships";
    case CallKind::ObjectIdentify: return "identify";
    case CallKind::ObjectDelete: return "delete";
    default: return nullptr;
    }
}

bool isAboutAnObject(const Call &call)
{
    return call.kind == CallKind::ObjectIdentify || call.kind == CallKind::ObjectDelete ||
           ((call.kind == CallKind::AddRelationships || call.kind == CallKind::DeleteRelationships) &&
            call.object);
}

// An object relates anonymous people only through identify_anonymous.
bool relatesAnonymousPeople(const Call &call)
{
    return std::any_of(call.relationships.begin(), call.relationships.end(), [](const Relationship &r) {
        return r.object.id.empty() && !r.person.isKnown() && !r.person.anonymousId.empty();
    });
}

Json anonymousAwareRelationships(const std::vector<Relationship> &relationships)
{
    Json out = relationshipsJson(relationships);
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        const Identity &person = relationships[i].person;
        if (relationships[i].object.id.empty() && !person.isKnown())
            out[i]["identifiers"] = {{"anonymous_id", person.anonymousId}};
    }
    return out;
}

Result<Json> renderObjectOperation(const Call &call, const char *action, const std::string &where)
{
    if (!call.object || call.object->id.empty() || call.object->typeId.empty())
        return missing(LimitCode::IdentifierMissing, "an object call needs object.type_id and object.id",
                       where + "/object");
    Json op = {{"type", "object"}, {"identifiers", objectIdentifiers(*call.object)}, {"action", action}};
    const bool needsRelationships =
        call.kind == CallKind::AddRelationships || call.kind == CallKind::DeleteRelationships;
    if (needsRelationships && call.relationships.empty())
        return missing("relationships_missing", "the call needs at least one relationship",
                       where + "/relationships");
    for (std::size_t i = 0; i < call.relationships.size(); ++i) {
        const Identity &person = call.relationships[i].person;
        if (person.isEmpty())
            return missing(LimitCode::IdentifierMissing, "an object's relationship names a person",
                           where + "/relationships/" + std::to_string(i) + "/identity");
    }
    if (call.kind == CallKind::ObjectIdentify) {
        if (relatesAnonymousPeople(call))
            op["action"] = "identify_anonymous";
        if (auto ok = checkTrackAttributes(call.properties, where + "/properties"); !ok)
            return ok.error();
        op["attributes"] = call.properties;
    }
    if (!call.relationships.empty())
        op["cio_relationships"] = anonymousAwareRelationships(call.relationships);
    return op;
}

Result<Call> parseObjectOperation(const Json &op, const std::string &action, const std::string &where)
{
    Call call;
    if (action == "identify" || action == "identify_anonymous")
        call.kind = CallKind::ObjectIdentify;
    else if (action == "delete")
        call.kind = CallKind::ObjectDelete;
    else if (action == "add_relationships")
        call.kind = CallKind::AddRelationships;
    else if (action == "delete_relationships")
        call.kind = CallKind::DeleteRelationships;
    else
        return Error{"invalid_action", "unknown object action \"" + action + "\"", where + "/action"};
    auto object = objectFromIdentifiers(op.value("identifiers", Json()), where + "/identifiers");
    if (!object)
        return object.error();
    call.object = std::move(*object);
    if (call.kind == CallKind::ObjectIdentify) {
        auto attributes = readObject(op, "attributes", where + "/attributes");
        if (!attributes)
            return attributes.error();
        if (auto ok = checkTrackAttributes(*attributes, where + "/attributes"); !ok)
            return ok.error();
        call.properties = std::move(*attributes);
    }
    if (call.kind == CallKind::ObjectDelete)
        return call;
    const auto relationships = op.find("cio_relationships");
    if (relationships == op.end()) {
        if (call.kind != CallKind::ObjectIdentify)
            return missing("relationships_missing", "cio_relationships is required for " + action,
                           where + "/cio_relationships");
    } else if (action == "identify_anonymous") {
        if (!relationships->is_array())
            return Error{"invalid_relationships", "cio_relationships must be an array",
                         where + "/cio_relationships"};
        for (std::size_t i = 0; i < relationships->size(); ++i) {
            const std::string at = where + "/cio_relationships/" + std::to_string(i);
            const Json &item = (*relationships)[i];
            auto anonymousId =
                readString(item.is_object() ? item.value("identifiers", Json::object()) : Json::object(),
                           "anonymous_id", at + "/identifiers/anonymous_id");
            if (!anonymousId)
                return anonymousId.error();
            if (anonymousId->empty())
                return missing(LimitCode::IdentifierMissing,
                               "identify_anonymous relates people by anonymous_id",
                               at + "/identifiers/anonymous_id");
            Relationship relationship;
            relationship.person.anonymousId = *anonymousId;
            auto attributes = readObject(item, "relationship_attributes", at + "/relationship_attributes");
            if (!attributes)
                return attributes.error();
            relationship.attributes = std::move(*attributes);
            call.relationships.push_back(std::move(relationship));
        }
    } else {
        auto parsed = relationshipsFromJson(*relationships, true, where + "/cio_relationships");
        if (!parsed)
            return parsed.error();
        call.relationships = std::move(*parsed);
    }
    // The OpenAPI's own identify_anonymous sample names the person at the top level.
    if (action == "identify_anonymous") {
        auto anonymousId = readString(op, "anonymous_id", where + "/anonymous_id");
        if (!anonymousId)
            return anonymousId.error();
        if (!anonymousId->empty()) {
            Relationship relationship;
            relationship.person.anonymousId = *anonymousId;
            call.relationships.push_back(std::move(relationship));
        }
    }
    if ((call.kind == CallKind::AddRelationships || call.kind == CallKind::DeleteRelationships) &&
        call.relationships.empty())
        return missing("relationships_missing", "cio_relationships must name at least one person",
                       where + "/cio_relationships");
    return call;
}

Status checkPerson(const Identity &identity, const std::string &base)
{
    const Json identifiers = identifierObject(identity, true);
    if (identifiers.empty())
        return missing(LimitCode::IdentifierMissing, "one of id, email, phone or cio_id is required", base);
    return checkTrackIdentifier(identifiers.begin()->get<std::string>(), identityPointer(identity, base));
}

} // namespace

Result<Json> TrackV2Dialect::renderOperation(const Call &call, const std::string &where)
{
    const char *action = actionName(call.kind);
    if (!action) {
        Error error = unsupported(call, kSurface);
        error.where = where + error.where;
        return error;
    }
    if (isAboutAnObject(call))
        return renderObjectOperation(call, action, where);
    Json op = {{"type", "person"}, {"action", action}};
    if (call.kind == CallKind::Merge) {
        if (auto ok = checkPerson(call.identity, where + "/identity"); !ok)
            return ok.error();
        if (auto ok = checkPerson(call.secondary, where + "/secondary"); !ok)
            return ok.error();
        op["primary"] = identifierObject(call.identity, true);
        op["secondary"] = identifierObject(call.secondary, true);
        return op;
    }
    if (auto ok = checkPerson(call.identity, where + "/identity"); !ok)
        return ok.error();
    const Json identifiers = identifierObject(call.identity, true);
    op["identifiers"] = identifiers;
    switch (call.kind) {
    case CallKind::Identify: {
        const Json attributes = identifyAttributes(call, identifiers.contains("email"));
        if (auto ok = checkTrackAttributes(attributes, where + "/properties"); !ok)
            return ok.error();
        op["attributes"] = attributes;
        if (!call.relationships.empty())
            op["cio_relationships"] = relationshipsJson(call.relationships);
        break;
    }
    case CallKind::AddRelationships:
    case CallKind::DeleteRelationships:
        if (call.relationships.empty())
            return missing("relationships_missing", "the call needs at least one related object",
                           where + "/relationships");
        op["cio_relationships"] = relationshipsJson(call.relationships);
        break;
    case CallKind::Track:
    case CallKind::Page:
    case CallKind::Screen:
        if (auto ok = checkTrackEventName(call.name, where + "/name"); !ok)
            return ok.error();
        if (auto ok = checkTrackEventData(call.properties, where + "/properties"); !ok)
            return ok.error();
        op["name"] = call.name;
        op["attributes"] = call.properties;
        if (call.occurredAt)
            op["timestamp"] = toUnixSeconds(*call.occurredAt);
        if (!call.dedupeId.empty())
            op["id"] = call.dedupeId;
        break;
    case CallKind::AddDevice:
    case CallKind::DeleteDevice:
        if (!call.device || call.device->token.empty())
            return missing("device_token_missing", "a device call needs the device token",
                           where + "/device/token");
        if (call.kind == CallKind::DeleteDevice) {
            op["device"] = {{"token", call.device->token}};
        } else {
            // openapi device_object_common: platform is required, ios or android.
            if (call.device->platform != "ios" && call.device->platform != "android")
                return missing("device_platform_invalid", "device platform must be \"ios\" or \"android\"",
                               where + "/device/platform");
            op["device"] = deviceJson(*call.device, "token");
        }
        break;
    default: break;
    }
    return op;
}

Result<Call> TrackV2Dialect::parseOperation(const Json &op, const std::string &where)
{
    if (!op.is_object())
        return Error{"invalid_operation", "an operation must be a JSON object", where};
    auto type = readString(op, "type", where + "/type");
    if (!type)
        return type.error();
    if (*type != "person" && *type != "object")
        return Error{"unsupported_type",
                     "type must be \"person\" or \"object\" (deliveries are not modelled), not \"" + *type +
                         "\"",
                     where + "/type"};
    auto action = readString(op, "action", where + "/action");
    if (!action)
        return action.error();
    if (*type == "object")
        return parseObjectOperation(op, *action, where);
    Call call;
    bool known = false;
    for (CallKind kind :
         {CallKind::Identify, CallKind::Track, CallKind::Page, CallKind::Screen, CallKind::Delete,
          CallKind::Suppress, CallKind::Unsuppress, CallKind::AddDevice, CallKind::DeleteDevice,
          CallKind::Merge, CallKind::AddRelationships, CallKind::DeleteRelationships}) {
        if (*action == actionName(kind)) {
            call.kind = kind;
            known = true;
        }
    }
    if (!known)
        return Error{"invalid_action", "unknown action \"" + *action + "\"", where + "/action"};
    if (call.kind == CallKind::Merge) {
        auto primary = identityFromIdentifierObject(op.value("primary", Json()), true, where + "/primary");
        if (!primary)
            return primary.error();
        auto secondary =
            identityFromIdentifierObject(op.value("secondary", Json()), true, where + "/secondary");
        if (!secondary)
            return secondary.error();
        call.identity = *primary;
        call.secondary = *secondary;
        return call;
    }
    auto identity =
        identityFromIdentifierObject(op.value("identifiers", Json()), true, where + "/identifiers");
    if (!identity)
        return identity.error();
    call.identity = *identity;
    switch (call.kind) {
    case CallKind::Identify: {
        auto attributes = readObject(op, "attributes", where + "/attributes");
        if (!attributes)
            return attributes.error();
        if (auto ok = checkTrackAttributes(*attributes, where + "/attributes"); !ok)
            return ok.error();
        takeIdentifyAttributes(*attributes, call.identity, !call.identity.email.empty());
        call.properties = std::move(*attributes);
        if (const auto relationships = op.find("cio_relationships"); relationships != op.end()) {
            auto parsed = relationshipsFromJson(*relationships, false, where + "/cio_relationships");
            if (!parsed)
                return parsed.error();
            call.relationships = std::move(*parsed);
        }
        break;
    }
    case CallKind::AddRelationships:
    case CallKind::DeleteRelationships: {
        const auto relationships = op.find("cio_relationships");
        if (relationships == op.end())
            return missing("relationships_missing", "cio_relationships is required for " + *action,
                           where + "/cio_relationships");
        auto parsed = relationshipsFromJson(*relationships, false, where + "/cio_relationships");
        if (!parsed)
            return parsed.error();
        if (parsed->empty())
            return missing("relationships_missing", "cio_relationships must name at least one object",
                           where + "/cio_relationships");
        call.relationships = std::move(*parsed);
        break;
    }
    case CallKind::Track:
    case CallKind::Page:
    case CallKind::Screen: {
        const auto name = op.find("name");
        if (name == op.end() || !name->is_string())
            return Error{std::string(LimitCode::EventNameBlank), "event name must not be blank",
                         where + "/name"};
        call.name = name->get<std::string>();
        if (auto ok = checkTrackEventName(call.name, where + "/name"); !ok)
            return ok.error();
        if (const auto data = op.find("attributes"); data != op.end()) {
            if (auto ok = checkTrackEventData(*data, where + "/attributes"); !ok)
                return ok.error();
            call.properties = *data;
        }
        auto timestamp = readUnixSeconds(op, "timestamp", where + "/timestamp");
        if (!timestamp)
            return timestamp.error();
        call.occurredAt = *timestamp;
        auto id = readString(op, "id", where + "/id");
        if (!id)
            return id.error();
        call.dedupeId = *id;
        break;
    }
    case CallKind::AddDevice:
    case CallKind::DeleteDevice: {
        auto device = deviceFromJson(op.value("device", Json()), "token", call.kind == CallKind::AddDevice,
                                     where + "/device");
        if (!device)
            return device.error();
        call.device = *device;
        break;
    }
    default: break;
    }
    return call;
}

Result<HttpRequest> TrackV2Dialect::render(const Call &call, const ApiTarget &target) const
{
    HttpRequest request;
    request.method = "POST";
    const std::string base = target.origin(Api::TrackV2) + "/api/v2";
    if (call.kind == CallKind::Batch) {
        Json items = Json::array();
        for (std::size_t i = 0; i < call.batch.size(); ++i) {
            const std::string where = "/batch/" + std::to_string(i);
            auto op = renderOperation(call.batch[i], where);
            if (!op)
                return op.error();
            if (auto ok = checkSize(compactJson(*op).size(), kTrackLimits.v2BatchItemBytes,
                                    LimitCode::BatchItemTooLarge, "the batch item", where);
                !ok)
                return ok.error();
            items.push_back(std::move(*op));
        }
        if (items.empty())
            return missing("batch_empty", "a batch needs at least one operation", "/batch");
        request.url = base + "/batch";
        setJsonBody(request, Json{{"batch", std::move(items)}});
        if (auto ok = checkSize(request.body.size(), kTrackLimits.v2BatchBytes, LimitCode::BatchTooLarge,
                                "the batch", "/batch");
            !ok)
            return ok.error();
    } else {
        auto op = renderOperation(call, "");
        if (!op)
            return op.error();
        request.url = base + "/entity";
        setJsonBody(request, *op);
        if (auto ok = checkSize(request.body.size(), kTrackLimits.v2EntityBytes, LimitCode::EntityTooLarge,
                                "the entity request", "");
            !ok)
            return ok.error();
    }
    setAuthorization(request, basicAuthorization(target.credentials.siteId, target.credentials.apiKey));
    return request;
}

Result<std::vector<Result<Call>>> TrackV2Dialect::parseBatchItems(const HttpRequest &request) const
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    if (url.path != "/api/v2/batch")
        return Dialect::parseBatchItems(request);
    return parseBatchBody(request, kTrackLimits.v2BatchBytes, kTrackLimits.v2BatchItemBytes, parseOperation);
}

Result<Call> TrackV2Dialect::parse(const HttpRequest &request) const
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    if (url.path == "/api/v2/batch")
        return batchCallOf(parseBatchItems(request));
    if (url.path != "/api/v2/entity")
        return Error{"not_found", "no Track API v2 route for " + request.method + " " + request.url, ""};
    if (request.method != "POST")
        return Error{"method_not_allowed", request.method + " is not allowed on " + request.url, ""};
    if (auto ok = checkSize(request.body.size(), kTrackLimits.v2EntityBytes, LimitCode::EntityTooLarge,
                            "the entity request", "");
        !ok)
        return ok.error();
    auto body = parseObjectBody(request);
    if (!body)
        return body.error();
    return parseOperation(*body, "");
}

} // namespace preflight
