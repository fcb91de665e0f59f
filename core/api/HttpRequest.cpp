#include "api/HttpRequest.h"

#include <algorithm>
#include <cctype>

namespace preflight {

namespace {
bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}
} // namespace

std::string HttpRequest::header(std::string_view name) const
{
    for (const HttpHeader &h : headers) {
        if (equalsIgnoringCase(h.name, name))
            return h.value;
    }
    return {};
}

bool HttpRequest::hasHeader(std::string_view name) const
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const HttpHeader &h) { return equalsIgnoringCase(h.name, name); });
}

void HttpRequest::setHeader(std::string name, std::string value, bool secret)
{
    for (HttpHeader &h : headers) {
        if (equalsIgnoringCase(h.name, name)) {
            h.value = std::move(value);
            h.secret = secret;
            return;
        }
    }
    headers.push_back({std::move(name), std::move(value), secret});
}

} // namespace preflight
