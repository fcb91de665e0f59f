#pragma once

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

    friend bool operator==(const HttpRequest &, const HttpRequest &) = default;
};

} // namespace preflight
