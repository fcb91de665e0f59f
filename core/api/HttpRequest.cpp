#include "api/HttpRequest.h"

#include <QByteArray>

#include "common/Ascii.h"

#include <algorithm>

namespace preflight {

std::string HttpRequest::header(std::string_view name) const
{
    for (const HttpHeader &h : headers) {
        if (equalsIgnoringAsciiCase(h.name, name))
            return h.value;
    }
    return {};
}

bool HttpRequest::hasHeader(std::string_view name) const
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const HttpHeader &h) { return equalsIgnoringAsciiCase(h.name, name); });
}

void HttpRequest::setHeader(std::string name, std::string value, bool secret)
{
    for (HttpHeader &h : headers) {
        if (equalsIgnoringAsciiCase(h.name, name)) {
            h.value = std::move(value);
            h.secret = secret;
            return;
        }
    }
    headers.push_back({std::move(name), std::move(value), secret});
}

} // namespace preflight

namespace preflight {

namespace {

std::string displayValue(const HttpHeader &header, SecretDisplay display)
{
    if (!header.secret || display == SecretDisplay::Reveal)
        return header.value;
    const auto space = header.value.find(' ');
    if (space == std::string::npos)
        return std::string(kRedacted);
    return header.value.substr(0, space + 1) + std::string(kRedacted);
}

std::string shellQuote(std::string_view text)
{
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

} // namespace

std::optional<std::pair<std::string, std::string>> HttpRequest::basicCredentials() const
{
    return parseBasicAuthorization(header("Authorization"));
}

std::optional<std::pair<std::string, std::string>> parseBasicAuthorization(std::string_view value)
{
    constexpr std::string_view scheme = "Basic ";
    if (!startsWithIgnoringAsciiCase(value, scheme))
        return std::nullopt;
    const std::string_view token = stripAsciiWhitespace(value.substr(scheme.size()));
    const auto decoded = QByteArray::fromBase64Encoding(
        QByteArray::fromRawData(token.data(), static_cast<qsizetype>(token.size())),
        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &text = *decoded;
    const qsizetype colon = text.indexOf(':');
    if (colon < 0)
        return std::make_pair(text.toStdString(), std::string());
    return std::make_pair(text.left(colon).toStdString(), text.mid(colon + 1).toStdString());
}

std::string basicAuthorization(std::string_view user, std::string_view password)
{
    QByteArray pair = QByteArray::fromRawData(user.data(), static_cast<qsizetype>(user.size()));
    pair += ':';
    pair += QByteArray::fromRawData(password.data(), static_cast<qsizetype>(password.size()));
    return "Basic " + pair.toBase64().toStdString();
}

OrderedJson toJson(const HttpRequest &request, SecretDisplay display)
{
    OrderedJson out = OrderedJson::object();
    out["method"] = request.method;
    out["url"] = request.url;
    OrderedJson headers = OrderedJson::array();
    for (const HttpHeader &header : request.headers) {
        OrderedJson item = {{"name", header.name}, {"value", displayValue(header, display)}};
        if (header.secret)
            item["secret"] = true;
        headers.push_back(std::move(item));
    }
    out["headers"] = std::move(headers);
    out["body"] = request.body;
    return out;
}

Result<HttpRequest> httpRequestFromJson(const Json &json)
{
    if (!json.is_object())
        return Error{"bad_request_json", "a request must be a JSON object", ""};
    HttpRequest request;
    for (const char *key : {"method", "url", "body"}) {
        const auto it = json.find(key);
        if (it == json.end() || !it->is_string())
            return Error{"bad_request_json", std::string(key) + " must be a string", std::string("/") + key};
    }
    request.method = json["method"].get<std::string>();
    request.url = json["url"].get<std::string>();
    request.body = json["body"].get<std::string>();
    const auto headers = json.find("headers");
    if (headers == json.end() || !headers->is_array())
        return Error{"bad_request_json", "headers must be an array", "/headers"};
    for (std::size_t i = 0; i < headers->size(); ++i) {
        const Json &item = (*headers)[i];
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string() ||
            !item.contains("value") || !item["value"].is_string())
            return Error{"bad_request_json", "a header must be {\"name\", \"value\"} strings",
                         "/headers/" + std::to_string(i)};
        request.headers.push_back(
            {item["name"].get<std::string>(), item["value"].get<std::string>(), item.value("secret", false)});
    }
    return request;
}

std::string toRawHttp(const HttpRequest &request, SecretDisplay display)
{
    std::string host;
    std::string target = request.url;
    if (const auto scheme = request.url.find("://"); scheme != std::string::npos) {
        const auto pathStart = request.url.find_first_of("/?", scheme + 3);
        host = request.url.substr(scheme + 3, pathStart == std::string::npos ? std::string::npos
                                                                             : pathStart - scheme - 3);
        target = pathStart == std::string::npos ? "/" : request.url.substr(pathStart);
        if (!target.empty() && target.front() == '?')
            target.insert(target.begin(), '/');
    }
    std::string out = request.method + " " + target + " HTTP/1.1\r\n";
    if (!host.empty() && !request.hasHeader("Host"))
        out += "Host: " + host + "\r\n";
    for (const HttpHeader &header : request.headers)
        out += header.name + ": " + displayValue(header, display) + "\r\n";
    if (!request.body.empty() && !request.hasHeader("Content-Length"))
        out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
    out += "\r\n";
    out += request.body;
    return out;
}

std::string toCurl(const HttpRequest &request, SecretDisplay display)
{
    std::string out = "curl -X " + request.method + " " + shellQuote(request.url);
    for (const HttpHeader &header : request.headers)
        out += " \\\n  -H " + shellQuote(header.name + ": " + displayValue(header, display));
    if (!request.body.empty())
        out += " \\\n  --data-raw " + shellQuote(request.body);
    return out;
}

} // namespace preflight
