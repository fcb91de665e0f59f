#include "api/PipelinesDialect.h"

#include "api/DialectSupport.h"
#include "api/Limits.h"
#include "api/UrlParts.h"
#include "common/Ascii.h"

namespace preflight {

using namespace dialect;

namespace {

constexpr std::string_view kSurface = "Pipelines API";

const char *endpointName(CallKind kind)
{
    switch (kind) {
    case CallKind::Identify: return "identify";
    case CallKind::Track: return "track";
    case CallKind::Page: return "page";
    case CallKind::Screen: return "screen";
    case CallKind::Group: return "group";
    case CallKind::Alias: return "alias";
    case CallKind::Batch: return "batch";
    default: return nullptr;
    }
}

std::optional<CallKind> kindFromName(std::string_view name)
{
    for (CallKind kind : {CallKind::Identify, CallKind::Track, CallKind::Page, CallKind::Screen,
                          CallKind::Group, CallKind::Alias, CallKind::Batch}) {
        if (name == endpointName(kind))
            return kind;
    }
    return std::nullopt;
}

// Every call type the official Pipelines libraries put in a batch: cdp-analytics-node and Segment's
// analytics-node send alias() only there.
bool batchable(CallKind kind)
{
    return kind == CallKind::Identify || kind == CallKind::Track || kind == CallKind::Page ||
           kind == CallKind::Screen || kind == CallKind::Group || kind == CallKind::Alias;
}

} // namespace

Result<Json> PipelinesDialect::renderMessage(const Call &call, bool withType, const std::string &where)
{
    const char *endpoint = endpointName(call.kind);
    if (!endpoint || call.kind == CallKind::Batch) {
        Error error = unsupported(call, kSurface);
        error.where = where + error.where;
        return error;
    }
    Json message = Json::object();
    if (withType)
        message["type"] = endpoint;
    if (call.kind == CallKind::Alias) {
        if (call.identity.id.empty())
            return missing(LimitCode::IdentifierMissing, "alias needs the new userId",
                           where + "/identity/id");
        if (call.secondary.id.empty())
            return missing(LimitCode::IdentifierMissing, "alias needs the previousId",
                           where + "/secondary/id");
        message["userId"] = call.identity.id;
        message["previousId"] = call.secondary.id;
    } else {
        if (call.identity.id.empty() && call.identity.anonymousId.empty())
            return missing(LimitCode::IdentifierMissing,
                           "Pipelines calls need a userId (identity id) or an anonymousId",
                           where + "/identity");
        if (!call.identity.id.empty())
            message["userId"] = call.identity.id;
        if (!call.identity.anonymousId.empty())
            message["anonymousId"] = call.identity.anonymousId;
    }
    switch (call.kind) {
    case CallKind::Identify: {
        Json traits = call.properties;
        if (!call.identity.email.empty())
            traits["email"] = call.identity.email;
        message["traits"] = traits;
        break;
    }
    case CallKind::Track:
        if (call.name.find_first_not_of(" \t\r\n") == std::string::npos)
            return missing(LimitCode::EventNameBlank, "track needs an event name", where + "/name");
        message["event"] = call.name;
        message["properties"] = call.properties;
        break;
    case CallKind::Page:
    case CallKind::Screen:
        if (!call.name.empty())
            message["name"] = call.name;
        message["properties"] = call.properties;
        break;
    case CallKind::Group:
        if (call.groupId.empty())
            return missing("group_id_missing", "group needs a groupId", where + "/group_id");
        message["groupId"] = call.groupId;
        message["traits"] = call.properties;
        break;
    default: break;
    }
    if (call.occurredAt)
        message["timestamp"] = toIso8601(*call.occurredAt);
    if (!call.dedupeId.empty())
        message["messageId"] = call.dedupeId;
    if (!call.context.empty())
        message["context"] = call.context;
    return message;
}

Result<Call> PipelinesDialect::parseMessage(const Json &message, CallKind kind, const std::string &where)
{
    if (!message.is_object())
        return Error{"invalid_message", "a message must be a JSON object", where};
    Call call;
    call.kind = kind;
    auto userId = readString(message, "userId", where + "/userId");
    if (!userId)
        return userId.error();
    auto anonymousId = readString(message, "anonymousId", where + "/anonymousId");
    if (!anonymousId)
        return anonymousId.error();
    // A given identifier of only whitespace names nobody: refused as the official libraries refuse it.
    const auto blank = [&](const std::string &value, const char *key) -> std::optional<Error> {
        if (value.empty() || !stripAsciiWhitespace(value).empty())
            return std::nullopt;
        return Error{std::string(LimitCode::IdentifierEmpty), std::string(key) + " must not be blank",
                     where + "/" + key};
    };
    if (auto error = blank(*userId, "userId"))
        return *error;
    if (auto error = blank(*anonymousId, "anonymousId"))
        return *error;
    if (kind == CallKind::Alias) {
        auto previousId = readString(message, "previousId", where + "/previousId");
        if (!previousId)
            return previousId.error();
        if (auto error = blank(*previousId, "previousId"))
            return *error;
        if (userId->empty() || previousId->empty())
            return Error{std::string(LimitCode::IdentifierMissing), "alias needs userId and previousId",
                         where};
        call.identity.id = *userId;
        call.secondary.id = *previousId;
    } else {
        if (userId->empty() && anonymousId->empty())
            return Error{std::string(LimitCode::IdentifierMissing), "userId or anonymousId is required",
                         where};
        call.identity.id = *userId;
        call.identity.anonymousId = *anonymousId;
    }
    switch (kind) {
    case CallKind::Identify: {
        auto traits = readObject(message, "traits", where + "/traits");
        if (!traits)
            return traits.error();
        if (const auto email = traits->find("email"); email != traits->end() && email->is_string()) {
            call.identity.email = email->get<std::string>();
            traits->erase(email);
        }
        call.properties = std::move(*traits);
        break;
    }
    case CallKind::Track:
    case CallKind::Page:
    case CallKind::Screen: {
        const char *nameKey = kind == CallKind::Track ? "event" : "name";
        auto name = readString(message, nameKey, where + "/" + nameKey);
        if (!name)
            return name.error();
        if (kind == CallKind::Track && name->find_first_not_of(" \t\r\n") == std::string::npos)
            return Error{std::string(LimitCode::EventNameBlank), "event is required", where + "/event"};
        call.name = *name;
        auto properties = readObject(message, "properties", where + "/properties");
        if (!properties)
            return properties.error();
        call.properties = std::move(*properties);
        break;
    }
    case CallKind::Group: {
        auto groupId = readString(message, "groupId", where + "/groupId");
        if (!groupId)
            return groupId.error();
        if (groupId->empty())
            return Error{"group_id_missing", "groupId is required", where + "/groupId"};
        call.groupId = *groupId;
        auto traits = readObject(message, "traits", where + "/traits");
        if (!traits)
            return traits.error();
        call.properties = std::move(*traits);
        break;
    }
    default: break;
    }
    if (const auto timestamp = message.find("timestamp");
        timestamp != message.end() && !timestamp->is_null()) {
        const auto instant =
            timestamp->is_string() ? parseIso8601(timestamp->get<std::string>()) : std::nullopt;
        if (!instant)
            return Error{"bad_timestamp", "timestamp must be an ISO-8601 date-time with a zone",
                         where + "/timestamp"};
        call.occurredAt = *instant;
    }
    auto messageId = readString(message, "messageId", where + "/messageId");
    if (!messageId)
        return messageId.error();
    call.dedupeId = *messageId;
    auto context = readObject(message, "context", where + "/context");
    if (!context)
        return context.error();
    call.context = std::move(*context);
    return call;
}

Result<HttpRequest> PipelinesDialect::render(const Call &call, const ApiTarget &target) const
{
    const char *endpoint = endpointName(call.kind);
    if (!endpoint)
        return unsupported(call, kSurface);
    HttpRequest request;
    request.method = "POST";
    request.url = target.origin(Api::Pipelines) + "/v1/" + endpoint;
    if (call.kind == CallKind::Batch) {
        Json items = Json::array();
        for (std::size_t i = 0; i < call.batch.size(); ++i) {
            const std::string where = "/batch/" + std::to_string(i);
            if (!batchable(call.batch[i].kind))
                return Error{"unsupported_call",
                             "a Pipelines batch carries identify, track, page, screen, group and alias only",
                             where + "/kind"};
            auto message = renderMessage(call.batch[i], true, where);
            if (!message)
                return message.error();
            if (auto ok = checkSize(compactJson(*message).size(), kPipelinesLimits.batchItemBytes,
                                    LimitCode::BatchItemTooLarge, "the batch item", where);
                !ok)
                return ok.error();
            items.push_back(std::move(*message));
        }
        if (items.empty())
            return missing("batch_empty", "a batch needs at least one call", "/batch");
        Json body = {{"batch", std::move(items)}};
        if (!call.context.empty())
            body["context"] = call.context;
        setJsonBody(request, body);
        if (auto ok = checkSize(request.body.size(), kPipelinesLimits.batchBytes, LimitCode::BatchTooLarge,
                                "the batch", "/batch");
            !ok)
            return ok.error();
    } else {
        auto message = renderMessage(call, false, "");
        if (!message)
            return message.error();
        setJsonBody(request, *message);
        if (auto ok = checkSize(request.body.size(), kPipelinesLimits.callBytes, LimitCode::CallTooLarge,
                                "the call", "");
            !ok)
            return ok.error();
    }
    setAuthorization(request, basicAuthorization(target.credentials.writeKey, ""));
    if (target.pipelinesStrictMode)
        request.setHeader("X-Strict-Mode", "1");
    return request;
}

Result<std::vector<Result<Call>>> PipelinesDialect::parseBatchItems(const HttpRequest &request) const
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    if (url.path != "/v1/batch")
        return Dialect::parseBatchItems(request);
    return parseBatchBody(
        request, kPipelinesLimits.batchBytes, kPipelinesLimits.batchItemBytes,
        [](const Json &item, const std::string &where) -> Result<Call> {
            const Json type = item.is_object() ? item.value("type", Json()) : Json();
            const auto kind = type.is_string() ? kindFromName(type.get<std::string>()) : std::nullopt;
            if (!kind || !batchable(*kind))
                return Error{"invalid_type", "type must be identify, track, page, screen, group or alias",
                             where + "/type"};
            return parseMessage(item, *kind, where);
        });
}

Result<Call> PipelinesDialect::parse(const HttpRequest &request) const
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    const auto &s = url.segments;
    const auto kind = s.size() == 2 && s[0] == "v1" ? kindFromName(s[1]) : std::nullopt;
    if (!kind)
        return Error{"not_found", "no Pipelines API route for " + request.method + " " + request.url, ""};
    if (request.method != "POST")
        return Error{"method_not_allowed", request.method + " is not allowed on " + request.url, ""};
    if (*kind == CallKind::Batch) {
        auto call = batchCallOf(parseBatchItems(request));
        if (call) {
            // A batch-level context belongs to the batch call (render puts it there).
            const Result<Json> body = parseObjectBody(request);
            if (body && body->contains("context") && (*body)["context"].is_object())
                call->context = (*body)["context"];
        }
        return call;
    }
    if (auto ok = checkSize(request.body.size(), kPipelinesLimits.callBytes, LimitCode::CallTooLarge,
                            "the call", "");
        !ok)
        return ok.error();
    auto body = parseObjectBody(request);
    if (!body)
        return body.error();
    return parseMessage(*body, *kind, "");
}

} // namespace preflight
