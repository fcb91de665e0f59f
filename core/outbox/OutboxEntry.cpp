#include "outbox/OutboxEntry.h"

namespace preflight {

std::string_view toString(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending:
        return "pending";
    case OutboxState::Done:
        return "done";
    case OutboxState::Dead:
        return "dead";
    }
    return "pending";
}

std::optional<OutboxState> outboxStateFromString(std::string_view text)
{
    for (OutboxState state : {OutboxState::Pending, OutboxState::Done, OutboxState::Dead}) {
        if (toString(state) == text)
            return state;
    }
    return std::nullopt;
}

Json toJson(const HttpRequest &request)
{
    Json headers = Json::array();
    for (const HttpHeader &header : request.headers)
        headers.push_back(Json::array({header.name, header.secret ? std::string("<redacted>") : header.value}));
    return Json{{"method", request.method}, {"url", request.url}, {"headers", headers}, {"body", request.body}};
}

Result<HttpRequest> httpRequestFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return Error{"request_not_object", "a request must be a JSON object", where};
    HttpRequest request;
    const auto text = [&](const char *key, std::string &out, bool required) -> bool {
        const auto it = json.find(key);
        if (it == json.end())
            return !required;
        if (!it->is_string())
            return false;
        out = it->get<std::string>();
        return true;
    };
    if (!text("method", request.method, true) || request.method.empty())
        return Error{"request_method", "\"method\" must be a non-empty string", where + "/method"};
    if (!text("url", request.url, true) || request.url.empty())
        return Error{"request_url", "\"url\" must be a non-empty string", where + "/url"};
    if (!text("body", request.body, false)) {
        const Json &body = json["body"];
        request.body = body.dump(); // an object body is accepted and sent compact
    }
    if (const auto it = json.find("headers"); it != json.end()) {
        if (it->is_object()) {
            for (const auto &[name, value] : it->items()) {
                if (!value.is_string())
                    return Error{"request_header", "header values must be strings", where + "/headers/" + name};
                request.headers.push_back({name, value.get<std::string>(), false});
            }
        } else if (it->is_array()) {
            for (std::size_t i = 0; i < it->size(); ++i) {
                const Json &pair = (*it)[i];
                if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
                    return Error{"request_header", "a header must be [name, value]",
                                 where + "/headers/" + std::to_string(i)};
                request.headers.push_back({pair[0].get<std::string>(), pair[1].get<std::string>(), false});
            }
        } else {
            return Error{"request_header", "\"headers\" must be an array of [name, value] or an object",
                         where + "/headers"};
        }
    }
    return request;
}

} // namespace preflight
