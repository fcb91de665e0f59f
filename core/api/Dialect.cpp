#include "api/Dialect.h"

#include "api/PipelinesDialect.h"
#include "api/TrackV1Dialect.h"
#include "api/TrackV2Dialect.h"

namespace preflight {

Result<std::vector<Result<Call>>> Dialect::parseBatchItems(const HttpRequest &request) const
{
    std::vector<Result<Call>> items;
    items.push_back(parse(request));
    return items;
}

const Dialect &dialectFor(Api api)
{
    static const TrackV1Dialect trackV1;
    static const TrackV2Dialect trackV2;
    static const PipelinesDialect pipelines;
    switch (api) {
    case Api::TrackV2: return trackV2;
    case Api::Pipelines: return pipelines;
    case Api::TrackV1:
    case Api::App: break;
    }
    return trackV1;
}

} // namespace preflight
