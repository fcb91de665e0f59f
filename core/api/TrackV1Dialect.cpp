#include "api/TrackV1Dialect.h"

#include "api/DialectSupport.h"
#include "api/Limits.h"
#include "api/ManualSegmentChange.h"
#include "api/UrlParts.h"

namespace preflight {

using namespace dialect;

namespace {

constexpr std::string_view kSurface = "Track API v1";

Status checkPerson(const Identity &identity, const std::string &base)
{
    const std::string identifier = trackPathIdentifier(identity);
    if (identifier.empty())
        return missing(LimitCode::IdentifierMissing, "id attribute must be present", base);
    return checkTrackIdentifier(identifier, identityPointer(identity, base));
}

Json eventBody(const Call &call)
{
    Json body = Json::object();
    if (call.kind == CallKind::Page)
        body["type"] = "page";
    else if (call.kind == CallKind::Screen)
        body["type"] = "screen";
    body["name"] = call.name;
    body["data"] = call.properties;
    if (call.occurredAt)
        body["timestamp"] = toUnixSeconds(*call.occurredAt);
    if (!call.dedupeId.empty())
        body["id"] = call.dedupeId;
    return body;
}

// Takes the body to move its data into the call instead of copying it.
Result<Call> parseEvent(Json &body, Call call, std::size_t bodyBytes)
{
    auto type = readString(body, "type", "/type");
    if (!type)
        return type.error();
    if (type->empty() || *type == "event")
        call.kind = CallKind::Track;
    else if (*type == "page")
        call.kind = CallKind::Page;
    else if (*type == "screen")
        call.kind = CallKind::Screen;
    else
        return Error{"invalid_event_type", "type must be \"event\", \"page\" or \"screen\"", "/type"};
    const auto name = body.find("name");
    if (name == body.end() || !name->is_string())
        return Error{std::string(LimitCode::EventNameBlank), "event name must not be blank", "/name"};
    call.name = name->get<std::string>();
    if (auto ok = checkTrackEventName(call.name, "/name"); !ok)
        return ok.error();
    if (const auto data = body.find("data"); data != body.end()) {
        if (auto ok = checkTrackEventData(*data, "/data", bodyBytes); !ok)
            return ok.error();
        call.properties = std::move(*data);
    }
    auto timestamp = readUnixSeconds(body, "timestamp", "/timestamp");
    if (!timestamp)
        return timestamp.error();
    call.occurredAt = *timestamp;
    auto id = readString(body, "id", "/id");
    if (!id)
        return id.error();
    call.dedupeId = *id;
    return call;
}

// POST /api/v1/forms/{form_id}/submit: an identify of the respondent named by exactly one of `id` or
// `email` in `data`, the other fields (strings, as the OpenAPI requires) as attributes. Customer.io
// ignores the keys it reserves for forms.
Result<Call> parseFormSubmission(const Json &body)
{
    const auto data = body.find("data");
    if (data == body.end() || !data->is_object())
        return Error{"form_data_missing", "data must be an object of form fields", "/data"};
    Call call;
    call.kind = CallKind::Identify;
    call.properties = Json::object();
    for (const auto &[key, value] : data->items()) {
        const std::string where = "/data/" + jsonPointerToken(key);
        if (!value.is_string())
            return Error{"form_value_not_string", "form field values must be strings", where};
        if (key == "form_id" || key == "form_name" || key == "form_type" || key == "form_url" ||
            key == "form_url_param")
            continue;
        if (key == "id")
            call.identity.id = value.get<std::string>();
        else if (key == "email")
            call.identity.email = value.get<std::string>();
        else
            call.properties[key] = value;
    }
    if (!call.identity.id.empty() && !call.identity.email.empty())
        return Error{"form_identifier_ambiguous", "data must hold one of id or email, not both", "/data"};
    if (call.identity.id.empty() && call.identity.email.empty())
        return Error{std::string(LimitCode::IdentifierMissing), "data must hold id or email", "/data"};
    const std::string identifier = call.identity.id.empty() ? call.identity.email : call.identity.id;
    const char *identifierKey = call.identity.id.empty() ? "/data/email" : "/data/id";
    if (auto ok = checkTrackIdentifier(identifier, identifierKey); !ok)
        return ok.error();
    if (auto ok = checkTrackAttributes(call.properties, "/data"); !ok)
        return ok.error();
    return call;
}

Error notFound(const HttpRequest &request)
{
    return Error{"not_found", "no Track API v1 route for " + request.method + " " + request.url, ""};
}

Error methodNotAllowed(const HttpRequest &request)
{
    return Error{"method_not_allowed", request.method + " is not allowed on " + request.url, ""};
}

// An identify body: the attributes, and the person's relationship change as `cio_relationships`.
Json identifyBody(Json attributes, const Call &call)
{
    if (!call.relationships.empty())
        attributes["cio_relationships"] = {{"action", call.kind == CallKind::DeleteRelationships
                                                          ? "delete_relationships"
                                                          : "add_relationships"},
                                           {"relationships", relationshipsJson(call.relationships)}};
    return attributes;
}

// Moves an identify body's `cio_relationships` into the call: added ones stay an identify, removed ones
// make it a DeleteRelationships that also sets the attributes, as the one PUT does.
Status takeRelationships(Json &attributes, Call &call)
{
    const auto it = attributes.find("cio_relationships");
    if (it == attributes.end())
        return Ok{};
    const std::string where = "/cio_relationships";
    if (!it->is_object())
        return Error{"invalid_relationships",
                     "cio_relationships must be an object with action and relationships", where};
    auto action = readString(*it, "action", where + "/action");
    if (!action)
        return action.error();
    if (*action != "add_relationships" && *action != "delete_relationships")
        return Error{"invalid_action",
                     "cio_relationships action must be add_relationships or delete_relationships",
                     where + "/action"};
    auto relationships =
        relationshipsFromJson(it->value("relationships", Json::array()), false, where + "/relationships");
    if (!relationships)
        return relationships.error();
    if (*action == "delete_relationships")
        call.kind = CallKind::DeleteRelationships;
    call.relationships = std::move(*relationships);
    attributes.erase(it);
    return Ok{};
}

} // namespace

Result<HttpRequest> TrackV1Dialect::render(const Call &call, const ApiTarget &target) const
{
    HttpRequest request;
    const std::string base = target.origin(Api::TrackV1) + "/api/v1";
    const std::string person = base + "/customers/" + percentEncode(trackPathIdentifier(call.identity));
    const bool anonymous = !call.identity.isKnown();

    switch (call.kind) {
    case CallKind::Identify:
    case CallKind::DeleteRelationships: {
        // Removing relationships is the same PUT as identify, with cio_relationships' action "delete".
        if (call.kind == CallKind::DeleteRelationships && call.object)
            return unsupported(call, kSurface); // an object's own calls are Track v2's
        if (auto ok = checkPerson(call.identity, "/identity"); !ok)
            return ok.error();
        if (call.kind == CallKind::DeleteRelationships && call.relationships.empty())
            return missing("relationships_missing", "the call needs at least one related object",
                           "/relationships");
        const bool emailInPath = call.identity.id.empty() && !call.identity.email.empty();
        const Json attributes = identifyAttributes(call, emailInPath);
        if (auto ok = checkTrackAttributes(attributes, "/properties"); !ok)
            return ok.error();
        request.method = "PUT";
        request.url = person;
        setJsonBody(request, identifyBody(attributes, call));
        break;
    }
    case CallKind::Track:
    case CallKind::Page:
    case CallKind::Screen: {
        if (!anonymous) {
            if (auto ok = checkPerson(call.identity, "/identity"); !ok)
                return ok.error();
        }
        if (auto ok = checkTrackEventName(call.name, "/name"); !ok)
            return ok.error();
        if (auto ok = checkTrackEventData(call.properties, "/properties"); !ok)
            return ok.error();
        Json body = eventBody(call);
        request.method = "POST";
        if (anonymous) {
            if (!call.identity.anonymousId.empty())
                body["anonymous_id"] = call.identity.anonymousId;
            request.url = base + "/events";
        } else {
            request.url = person + "/events";
        }
        setJsonBody(request, body);
        break;
    }
    case CallKind::Delete:
    case CallKind::Suppress:
    case CallKind::Unsuppress:
        if (auto ok = checkPerson(call.identity, "/identity"); !ok)
            return ok.error();
        request.method = call.kind == CallKind::Delete ? "DELETE" : "POST";
        request.url = person + (call.kind == CallKind::Suppress     ? "/suppress"
                                : call.kind == CallKind::Unsuppress ? "/unsuppress"
                                                                    : "");
        // customerio-node and customerio-python post an empty object; DELETE goes without a body.
        if (call.kind != CallKind::Delete)
            setJsonBody(request, Json::object());
        break;
    case CallKind::AddDevice:
    case CallKind::DeleteDevice: {
        if (auto ok = checkPerson(call.identity, "/identity"); !ok)
            return ok.error();
        if (!call.device || call.device->token.empty())
            return missing("device_token_missing", "a device call needs the device token", "/device/token");
        if (call.kind == CallKind::DeleteDevice) {
            request.method = "DELETE";
            request.url = person + "/devices/" + percentEncode(call.device->token);
            break;
        }
        if (call.device->platform != "ios" && call.device->platform != "android")
            return missing("device_platform_invalid", "device platform must be \"ios\" or \"android\"",
                           "/device/platform");
        request.method = "PUT";
        request.url = person + "/devices";
        setJsonBody(request, Json{{"device", deviceJson(*call.device, "id")}});
        break;
    }
    case CallKind::Merge: {
        if (auto ok = checkPerson(call.identity, "/identity"); !ok)
            return ok.error();
        if (auto ok = checkPerson(call.secondary, "/secondary"); !ok)
            return ok.error();
        request.method = "POST";
        request.url = base + "/merge_customers";
        setJsonBody(request, Json{{"primary", identifierObject(call.identity, false)},
                                  {"secondary", identifierObject(call.secondary, false)}});
        break;
    }
    case CallKind::ManualSegmentAdd:
    case CallKind::ManualSegmentRemove: {
        if (!isManualSegmentId(call.name))
            return missing("segment_id_invalid", "a manual segment is named by its numeric id", "/name");
        // add_customers names people by one identifier type; a call's own preference decides which.
        const Identity &who = call.identity;
        const auto [idType, identifier] = !who.id.empty()      ? std::pair{"", who.id}
                                          : !who.email.empty() ? std::pair{"email", who.email}
                                          : !who.cioId.empty() ? std::pair{"cio_id", who.cioId}
                                                               : std::pair{"", std::string()};
        if (identifier.empty())
            return missing(LimitCode::IdentifierMissing,
                           "add_customers and remove_customers name people by id, email or cio_id",
                           "/identity");
        request.method = "POST";
        request.url = base + "/segments/" + call.name +
                      (call.kind == CallKind::ManualSegmentAdd ? "/add_customers" : "/remove_customers") +
                      (*idType ? std::string("?id_type=") + idType : std::string());
        setJsonBody(request, Json{{"ids", Json::array({identifier})}});
        break;
    }
    case CallKind::Alias:
    case CallKind::Group:
    case CallKind::ObjectIdentify:
    case CallKind::ObjectDelete:
    case CallKind::AddRelationships: // a person's added relationships ride on identify
    case CallKind::Batch: return unsupported(call, kSurface);
    }
    setAuthorization(request, basicAuthorization(target.credentials.siteId, target.credentials.apiKey));
    return request;
}

Result<Call> TrackV1Dialect::parse(const HttpRequest &request) const
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    const auto &s = url.segments;
    if (s.size() < 3 || s[0] != "api" || s[1] != "v1")
        return notFound(request);
    const std::string &method = request.method;
    Call call;

    if (s.size() == 3 && s[2] == "events") {
        if (method != "POST")
            return methodNotAllowed(request);
        auto body = parseObjectBody(request);
        if (!body)
            return body.error();
        auto anonymousId = readString(*body, "anonymous_id", "/anonymous_id");
        if (!anonymousId)
            return anonymousId.error();
        call.identity.anonymousId = *anonymousId;
        return parseEvent(*body, std::move(call), request.body.size());
    }
    if (s.size() == 3 && s[2] == "merge_customers") {
        if (method != "POST")
            return methodNotAllowed(request);
        auto body = parseObjectBody(request);
        if (!body)
            return body.error();
        call.kind = CallKind::Merge;
        auto primary = identityFromIdentifierObject(body->value("primary", Json()), false, "/primary");
        if (!primary)
            return primary.error();
        auto secondary = identityFromIdentifierObject(body->value("secondary", Json()), false, "/secondary");
        if (!secondary)
            return secondary.error();
        call.identity = *primary;
        call.secondary = *secondary;
        return call;
    }
    if (s.size() == 5 && s[2] == "forms" && s[4] == "submit") {
        if (method != "POST")
            return methodNotAllowed(request);
        auto body = parseObjectBody(request);
        if (!body)
            return body.error();
        return parseFormSubmission(*body);
    }
    if (s.size() == 5 && s[2] == "segments" && (s[4] == "add_customers" || s[4] == "remove_customers")) {
        if (method != "POST")
            return methodNotAllowed(request);
        auto change = parseManualSegmentChange(request);
        if (!change)
            return change.error();
        std::vector<Call> calls = change->calls();
        if (calls.size() == 1)
            return std::move(calls.front());
        call.kind = CallKind::Batch;
        call.batch = std::move(calls);
        return call;
    }
    if (s[2] != "customers" || s.size() < 4 || s.size() > 6)
        return notFound(request);
    if (s[3].empty())
        return Error{std::string(LimitCode::IdentifierMissing), "id attribute must be present", ""};
    if (auto ok = checkTrackIdentifier(s[3], ""); !ok)
        return ok.error();
    call.identity = identityFromTrackPath(s[3]);

    if (s.size() == 4) {
        if (method == "DELETE") {
            call.kind = CallKind::Delete;
            return call;
        }
        if (method != "PUT")
            return methodNotAllowed(request);
        auto body = parseObjectBody(request);
        if (!body)
            return body.error();
        call.kind = CallKind::Identify;
        Json attributes = std::move(*body);
        if (auto ok = takeRelationships(attributes, call); !ok)
            return ok.error();
        if (auto ok = checkTrackAttributes(attributes, ""); !ok)
            return ok.error();
        takeIdentifyAttributes(attributes, call.identity, !call.identity.email.empty());
        call.properties = std::move(attributes);
        return call;
    }
    const std::string &action = s[4];
    if (s.size() == 5 && action == "events") {
        if (method != "POST")
            return methodNotAllowed(request);
        auto body = parseObjectBody(request);
        if (!body)
            return body.error();
        return parseEvent(*body, std::move(call), request.body.size());
    }
    if (s.size() == 5 && (action == "suppress" || action == "unsuppress")) {
        if (method != "POST")
            return methodNotAllowed(request);
        call.kind = action == "suppress" ? CallKind::Suppress : CallKind::Unsuppress;
        return call;
    }
    if (action == "devices" && s.size() == 5) {
        if (method != "PUT")
            return methodNotAllowed(request);
        auto body = parseObjectBody(request);
        if (!body)
            return body.error();
        auto device = deviceFromJson(body->value("device", Json()), "id", true, "/device");
        if (!device)
            return device.error();
        call.kind = CallKind::AddDevice;
        call.device = *device;
        return call;
    }
    if (action == "devices" && s.size() == 6) {
        if (method != "DELETE")
            return methodNotAllowed(request);
        if (s[5].empty())
            return Error{"device_token_missing", "device id must be present", ""};
        call.kind = CallKind::DeleteDevice;
        call.device = Device{s[5], {}, std::nullopt, Json::object()};
        return call;
    }
    return notFound(request);
}

} // namespace preflight
