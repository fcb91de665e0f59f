// What the sandbox does with a request body on each surface: the first byte picks the API and route, the
// rest is the body. Every dialect must answer with a call or an error, whatever the bytes.
#include "api/Dialect.h"
#include "api/HttpRequest.h"

#include <array>
#include <cstdint>
#include <string>

namespace {

struct Route {
    preflight::Api api;
    const char *method;
    const char *path;
};

constexpr std::array kRoutes{
    Route{preflight::Api::TrackV1, "PUT", "/api/v1/customers/u1"},
    Route{preflight::Api::TrackV1, "POST", "/api/v1/customers/u1/events"},
    Route{preflight::Api::TrackV1, "POST", "/api/v1/events"},
    Route{preflight::Api::TrackV1, "POST", "/api/v1/merge_customers"},
    Route{preflight::Api::TrackV1, "PUT", "/api/v1/customers/u1/devices"},
    Route{preflight::Api::TrackV2, "POST", "/api/v2/entity"},
    Route{preflight::Api::TrackV2, "POST", "/api/v2/batch"},
    Route{preflight::Api::Pipelines, "POST", "/v1/identify"},
    Route{preflight::Api::Pipelines, "POST", "/v1/track"},
    Route{preflight::Api::Pipelines, "POST", "/v1/batch"},
    Route{preflight::Api::Pipelines, "POST", "/v1/alias"},
    Route{preflight::Api::Pipelines, "POST", "/v1/group"},
    Route{preflight::Api::TrackV1, "POST", "/api/v1/segments/7/add_customers?id_type=email"},
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const Route &route = kRoutes[data[0] % kRoutes.size()];
    preflight::HttpRequest request;
    request.method = route.method;
    request.url = std::string("http://127.0.0.1:1") + route.path;
    request.setHeader("Content-Type", "application/json");
    request.body.assign(reinterpret_cast<const char *>(data) + 1, size - 1);
    const preflight::Dialect &dialect = preflight::dialectFor(route.api);
    (void)dialect.parse(request);
    (void)dialect.parseBatchItems(request);
    return 0;
}
