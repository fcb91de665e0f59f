#include "sandbox/SandboxRoute.h"

#include "api/UrlParts.h"

#include <array>

namespace preflight {

namespace {

using Endpoint = SandboxRoute::Endpoint;

// One row per path shape; "*" is a path parameter. Longer shapes first is not needed: segments match
// exactly by count.
struct RouteRow {
    const char *method;
    std::array<const char *, 6> segments; // nullptr-terminated
    std::optional<Api> api;
    Endpoint endpoint;
};

const RouteRow kRoutes[] = {
    {"PUT", {"api", "v1", "customers", "*"}, Api::TrackV1, Endpoint::Identify},
    {"DELETE", {"api", "v1", "customers", "*"}, Api::TrackV1, Endpoint::DeleteCustomer},
    {"POST", {"api", "v1", "customers", "*", "events"}, Api::TrackV1, Endpoint::CustomerEvent},
    {"POST", {"api", "v1", "events"}, Api::TrackV1, Endpoint::AnonymousEvent},
    {"POST", {"api", "v1", "customers", "*", "suppress"}, Api::TrackV1, Endpoint::Suppress},
    {"POST", {"api", "v1", "customers", "*", "unsuppress"}, Api::TrackV1, Endpoint::Unsuppress},
    {"PUT", {"api", "v1", "customers", "*", "devices"}, Api::TrackV1, Endpoint::AddDevice},
    {"DELETE", {"api", "v1", "customers", "*", "devices", "*"}, Api::TrackV1, Endpoint::DeleteDevice},
    {"POST", {"api", "v1", "merge_customers"}, Api::TrackV1, Endpoint::MergeCustomers},
    {"GET", {"api", "v1", "accounts", "region"}, Api::TrackV1, Endpoint::Region},
    {"POST", {"api", "v1", "metrics"}, Api::TrackV1, Endpoint::DeliveryMetric},
    {"POST", {"api", "v1", "push", "events"}, Api::TrackV1, Endpoint::DeliveryMetric},
    {"POST", {"api", "v1", "segments", "*", "add_customers"}, Api::TrackV1, Endpoint::ManualSegment},
    {"POST", {"api", "v1", "segments", "*", "remove_customers"}, Api::TrackV1, Endpoint::ManualSegment},
    {"POST", {"api", "v1", "forms", "*", "submit"}, Api::TrackV1, Endpoint::FormSubmit},
    {"POST", {"api", "v2", "entity"}, Api::TrackV2, Endpoint::Entity},
    {"POST", {"api", "v2", "batch"}, Api::TrackV2, Endpoint::V2Batch},
    {"POST", {"v1", "identify"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"POST", {"v1", "track"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"POST", {"v1", "page"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"POST", {"v1", "screen"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"POST", {"v1", "group"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"POST", {"v1", "alias"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"POST", {"v1", "batch"}, Api::Pipelines, Endpoint::PipelinesCall},
    {"GET", {"v1", "customers", "*", "attributes"}, Api::App, Endpoint::CustomerAttributes},
    {"GET", {"v1", "customers", "*", "activities"}, Api::App, Endpoint::CustomerActivities},
    {"GET", {"v1", "customers"}, Api::App, Endpoint::CustomersByEmail},
    {"GET", {"v1", "customers", "*", "segments"}, Api::App, Endpoint::CustomerSegments},
    {"GET", {"v1", "customers", "*", "relationships"}, Api::App, Endpoint::CustomerRelationships},
    {"GET", {"v1", "objects", "*", "*", "attributes"}, Api::App, Endpoint::ObjectAttributes},
    {"GET", {"v1", "objects", "*", "*", "relationships"}, Api::App, Endpoint::ObjectRelationships},
    {"GET", {"preflight", "activity"}, std::nullopt, Endpoint::PreflightActivity},
    {"GET", {"preflight", "activity", "count"}, std::nullopt, Endpoint::PreflightCount},
    {"GET", {"preflight", "activity", "stream"}, std::nullopt, Endpoint::PreflightStream},
    {"POST", {"preflight", "reset"}, std::nullopt, Endpoint::PreflightReset},
    {"GET", {"preflight", "health"}, std::nullopt, Endpoint::PreflightHealth},
};

// Which API an unknown path is under, so its 404 comes in that API's shape. Pipelines and the App API
// share "/v1" on the sandbox's one origin: "/v1/customers/…" and "/v1/objects/…" are the App API's.
std::optional<Api> apiOfUnknownPath(const std::vector<std::string_view> &segments)
{
    if (segments.size() >= 2 && segments[0] == "api" && segments[1] == "v1")
        return Api::TrackV1;
    if (segments.size() >= 2 && segments[0] == "api" && segments[1] == "v2")
        return Api::TrackV2;
    if (segments.size() >= 2 && segments[0] == "v1")
        return segments[1] == "customers" || segments[1] == "objects" ? Api::App : Api::Pipelines;
    return std::nullopt;
}

} // namespace

std::optional<std::string> SandboxRoute::decodeSegment(std::string_view segment)
{
    std::string out;
    if (!percentDecode(segment, out))
        return std::nullopt;
    return out;
}

std::string SandboxRoute::personInPath() const
{
    const bool customerPath = (api == Api::TrackV1 || api == Api::App) &&
                              endpoint != Endpoint::ManualSegment && endpoint != Endpoint::FormSubmit &&
                              endpoint != Endpoint::ObjectAttributes &&
                              endpoint != Endpoint::ObjectRelationships;
    return customerPath && !captures.empty() ? captures.front() : std::string{};
}

SandboxRoute SandboxRoute::resolve(std::string_view method, std::string_view path)
{
    std::vector<std::string_view> segments;
    if (path.empty() || path.front() != '/')
        return {};
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        segments.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    // A trailing slash ("/v1/track/") is the same resource.
    if (segments.size() > 1 && segments.back().empty())
        segments.pop_back();

    SandboxRoute result;
    for (const RouteRow &row : kRoutes) {
        std::size_t count = 0;
        while (count < row.segments.size() && row.segments[count])
            ++count;
        if (count != segments.size())
            continue;
        std::vector<std::string> captures;
        bool same = true;
        for (std::size_t i = 0; i < count && same; ++i) {
            std::string_view want = row.segments[i];
            if (want == "*") {
                auto decoded = decodeSegment(segments[i]);
                if (!decoded || segments[i].empty())
                    same = false;
                else
                    captures.push_back(std::move(*decoded));
            } else {
                same = segments[i] == want;
            }
        }
        if (!same)
            continue;
        if (method != row.method) {
            result.match = Match::WrongMethod;
            result.api = row.api;
            if (!result.allowedMethods.empty())
                result.allowedMethods += ", ";
            result.allowedMethods += row.method;
            continue;
        }
        if (row.api == Api::Pipelines)
            captures.emplace_back(segments[1]);
        result.match = Match::Found;
        result.api = row.api;
        result.endpoint = row.endpoint;
        result.captures = std::move(captures);
        result.allowedMethods.clear();
        return result;
    }
    if (result.match == Match::UnknownPath)
        result.api = apiOfUnknownPath(segments);
    return result;
}

} // namespace preflight
