#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// Percent-encodes a value as one whole path segment or query value: every byte outside RFC 3986's
// unreserved set is encoded, so '+', '@', '/', ' ' become %2B, %40, %2F, %20 (as customerio-node's
// encodeURIComponent, customerio-python's quote(safe='') and customerio-ruby's url_encode do).
std::string percentEncode(std::string_view value);
// Decodes %XX escapes; false on a malformed escape.
bool percentDecode(std::string_view text, std::string &out);

// An absolute URL ("https://host/a/b?x=1") or a bare path ("/a/b") split into its parts.
struct UrlParts {
    std::string origin;                // "https://host", empty for a bare path
    std::string path;                  // "/a/b", still percent-encoded
    std::string query;                 // "x=1" without '?'
    std::vector<std::string> segments; // path segments, decoded
};
// False when the path holds a malformed escape.
bool splitUrl(std::string_view url, UrlParts &out);
// The decoded value of the first `key=` in a query ("a=1&b=2"; '+' is a space); nullopt when absent.
std::optional<std::string> queryValue(std::string_view query, std::string_view key);

} // namespace preflight
