#include "api/HttpResponse.h"

#include "common/Ascii.h"

namespace preflight {

std::string HttpResponse::header(std::string_view name) const
{
    for (const auto &[key, value] : headers) {
        if (equalsIgnoringAsciiCase(key, name))
            return value;
    }
    return {};
}

} // namespace preflight
