#include "transport/RequestAuth.h"

#include "common/Ascii.h"

#include <algorithm>

namespace preflight::RequestAuth {

HttpRequest withoutCredentials(HttpRequest request)
{
    std::erase_if(request.headers, [](const HttpHeader &header) {
        if (header.secret)
            return true;
        return equalsIgnoringAsciiCase(header.name, "authorization") ||
               equalsIgnoringAsciiCase(header.name, "cookie") ||
               equalsIgnoringAsciiCase(header.name, "proxy-authorization");
    });
    return request;
}

void applyCredentials(HttpRequest &request, Api api, const Credentials &credentials)
{
    switch (api) {
    case Api::TrackV1:
    case Api::TrackV2:
        if (!credentials.siteId.empty() || !credentials.apiKey.empty())
            request.setHeader("Authorization", basicAuthorization(credentials.siteId, credentials.apiKey),
                              true);
        break;
    case Api::Pipelines:
        if (!credentials.writeKey.empty())
            request.setHeader("Authorization", basicAuthorization(credentials.writeKey, {}), true);
        break;
    case Api::App:
        if (!credentials.appApiKey.empty())
            request.setHeader("Authorization", "Bearer " + credentials.appApiKey, true);
        break;
    }
}

Api apiForPath(std::string_view url, Api fallback)
{
    const auto scheme = url.find("://");
    const auto pathStart = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
    const std::string_view path =
        pathStart == std::string_view::npos ? std::string_view{} : url.substr(pathStart);
    if (path.starts_with("/api/v1/"))
        return Api::TrackV1;
    if (path.starts_with("/api/v2/"))
        return Api::TrackV2;
    if (path.starts_with("/v1/customers") || path.starts_with("/v1/activities"))
        return Api::App;
    if (path.starts_with("/v1/"))
        return Api::Pipelines;
    return fallback;
}

} // namespace preflight::RequestAuth
