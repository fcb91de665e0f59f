#pragma once

#include "common/Json.h"
#include "common/Result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

struct HttpHeader {
    std::string name;
    std::string value;
    bool secret = false; // redacted in every rendering unless the caller asks for the real value
    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

// Exactly what goes on the wire: what the inspector shows, curl reproduces, the outbox stores.
struct HttpRequest {
    std::string method; // "GET", "PUT", "POST", "DELETE"
    std::string url;    // absolute, already percent-encoded
    std::vector<HttpHeader> headers;
    std::string body;

    // Case-insensitive lookup; empty when absent.
    std::string header(std::string_view name) const;
    bool hasHeader(std::string_view name) const;
    void setHeader(std::string name, std::string value, bool secret = false);

    // Header names keep the case given; lookups ignore it.
    // The user and password of its Authorization header (parseBasicAuthorization's rules).
    std::optional<std::pair<std::string, std::string>> basicCredentials() const;

    friend bool operator==(const HttpRequest &, const HttpRequest &) = default;
};

// "Basic base64(user:password)": Track uses site id and API key, Pipelines the write key and "".
std::string basicAuthorization(std::string_view user, std::string_view password);
// The user and password of a Basic Authorization value; nullopt when it is not one. The scheme word is
// case-insensitive (RFC 7617) and whitespace around the token is ignored; the token must be valid
// base64. Without a colon the whole value is the user and the password is empty: a write key sent
// without the ':' Segment's libraries add (docs/sandbox-semantics.md names this choice).
std::optional<std::pair<std::string, std::string>> parseBasicAuthorization(std::string_view value);

// Whether a rendering shows secret header values. Only the transport that sends asks for Reveal.
enum class SecretDisplay { Redact, Reveal };

// What a redacted secret shows: the scheme word is kept ("Basic [redacted]") so a reader sees the kind.
inline constexpr std::string_view kRedacted = "[redacted]";

// {"method", "url", "headers": [{"name", "value", "secret": true?}], "body": "<exact text>"}, keys in
// that order. Secret values are replaced (kRedacted) unless display is Reveal.
OrderedJson toJson(const HttpRequest &request, SecretDisplay display = SecretDisplay::Redact);
// Reads the JSON form back (a redacted secret stays redacted: store Reveal output only in memory).
Result<HttpRequest> httpRequestFromJson(const Json &json);
// The request as it goes on the wire: request line with the path, Host, the headers,
// Content-Length when there is a body, a blank line and the body; CRLF line ends.
std::string toRawHttp(const HttpRequest &request, SecretDisplay display = SecretDisplay::Redact);
// A POSIX-shell curl command line that sends the request (single-quoted arguments).
std::string toCurl(const HttpRequest &request, SecretDisplay display = SecretDisplay::Redact);

} // namespace preflight
