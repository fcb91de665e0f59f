#include "api/Api.h"

namespace preflight {

std::string_view toString(Api api)
{
    switch (api) {
    case Api::TrackV1: return "track-v1";
    case Api::TrackV2: return "track-v2";
    case Api::Pipelines: return "pipelines";
    case Api::App: return "app";
    }
    return "unknown";
}

std::string_view displayName(Api api)
{
    switch (api) {
    case Api::TrackV1: return "Track v1";
    case Api::TrackV2: return "Track v2";
    case Api::Pipelines: return "the Pipelines API";
    case Api::App: return "the App API";
    }
    return "an unknown API";
}

std::optional<Api> apiFromString(std::string_view text)
{
    for (Api api : {Api::TrackV1, Api::TrackV2, Api::Pipelines, Api::App}) {
        if (toString(api) == text)
            return api;
    }
    return std::nullopt;
}

std::string_view toString(Region region)
{
    return region == Region::EU ? "eu" : "us";
}

std::optional<Region> regionFromString(std::string_view text)
{
    if (text == "us")
        return Region::US;
    if (text == "eu")
        return Region::EU;
    return std::nullopt;
}

std::string defaultOrigin(Api api, Region region)
{
    const bool eu = region == Region::EU;
    switch (api) {
    case Api::TrackV1:
    case Api::TrackV2: return eu ? "https://track-eu.customer.io" : "https://track.customer.io";
    case Api::Pipelines: return eu ? "https://cdp-eu.customer.io" : "https://cdp.customer.io";
    case Api::App: return eu ? "https://api-eu.customer.io" : "https://api.customer.io";
    }
    return {};
}

Credentials sandboxTestCredentials()
{
    return {"preflight-site", "preflight-api-key", "preflight-write-key", "preflight-app-key"};
}

} // namespace preflight
