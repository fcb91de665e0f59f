#include "api/UrlParts.h"

#include "common/Ascii.h"

#include <algorithm>

namespace preflight {

namespace {
// RFC 3986 unreserved characters; ASCII only, whatever the C locale says is alphanumeric.
bool isUnreserved(unsigned char c)
{
    return absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

std::string percentEncode(std::string_view value)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0f]);
        }
    }
    return out;
}

bool percentDecode(std::string_view text, std::string &out)
{
    out.clear();
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size())
            return false;
        const int high = hexValue(text[i + 1]);
        const int low = hexValue(text[i + 2]);
        if (high < 0 || low < 0)
            return false;
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return true;
}

bool splitUrl(std::string_view url, UrlParts &out)
{
    out = UrlParts{};
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos && rest.substr(0, 1) != "/") {
        const auto pathStart = rest.find('/', scheme + 3);
        const auto queryStart = rest.find('?', scheme + 3);
        const auto end = std::min(pathStart, queryStart);
        out.origin = std::string(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    if (const auto fragment = rest.find('#'); fragment != std::string_view::npos)
        rest = rest.substr(0, fragment);
    if (const auto query = rest.find('?'); query != std::string_view::npos) {
        out.query = std::string(rest.substr(query + 1));
        rest = rest.substr(0, query);
    }
    out.path = rest.empty() ? "/" : std::string(rest);
    std::string_view path = out.path;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        std::string decoded;
        if (!percentDecode(path.substr(start, end - start), decoded))
            return false;
        out.segments.push_back(std::move(decoded));
        start = end + 1;
    }
    // "/a/b/" keeps a trailing empty segment so "/customers/" is not mistaken for "/customers".
    return true;
}

std::optional<std::string> queryValue(std::string_view query, std::string_view key)
{
    while (!query.empty()) {
        const auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto equals = pair.find('=');
        if (pair.substr(0, equals) != key)
            continue;
        std::string value(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1));
        std::replace(value.begin(), value.end(), '+', ' ');
        std::string decoded;
        if (!percentDecode(value, decoded))
            return value;
        return decoded;
    }
    return std::nullopt;
}

} // namespace preflight
