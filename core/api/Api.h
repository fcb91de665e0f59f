#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// The API surfaces Preflight speaks.
enum class Api { TrackV1, TrackV2, Pipelines, App };
enum class Region { US, EU };

std::string_view toString(Api api);    // "track-v1", "track-v2", "pipelines", "app"
std::string_view displayName(Api api); // "Track v1", "Track v2", "the Pipelines API", "the App API"
std::optional<Api> apiFromString(std::string_view text);
std::string_view toString(Region region); // "us", "eu"
std::optional<Region> regionFromString(std::string_view text);

// Scheme and host of a surface in a region, without a path: "https://track.customer.io".
// The sandbox serves every surface at the real paths on one origin, so a client swaps only this.
std::string defaultOrigin(Api api, Region region);

// Secrets of one workspace. Never written to files; see Environment for where they come from.
struct Credentials {
    std::string siteId;    // Track API (Basic user)
    std::string apiKey;    // Track API (Basic password)
    std::string writeKey;  // Pipelines API (Basic user, empty password)
    std::string appApiKey; // App API (Bearer)
    friend bool operator==(const Credentials &, const Credentials &) = default;
};

// The well-known test credentials a Preflight sandbox accepts unless told otherwise (docs/sandbox.md).
Credentials sandboxTestCredentials();

// Where a rendered request goes: an origin per surface (real Customer.io or the sandbox) and the secrets.
struct ApiTarget {
    Region region = Region::US;
    std::string
        originOverride; // empty: Customer.io's origin for the region; else e.g. "http://127.0.0.1:8089"
    Credentials credentials;
    // Pipelines: send "X-Strict-Mode: 1" so the API answers real 400/401 errors instead of a blanket 200.
    bool pipelinesStrictMode = false;

    std::string origin(Api api) const
    {
        return originOverride.empty() ? defaultOrigin(api, region) : originOverride;
    }
};

} // namespace preflight
