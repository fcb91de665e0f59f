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

Api apiCarrying(const Call &call, Api preferred)
{
    if (isManualSegmentChange(call.kind))
        return Api::TrackV1;
    // Track v1 relates a person only within identify (and unrelates with delete_relationships); the other
    // object and relationship calls are Track v2's.
    const bool v1Carries = call.kind == CallKind::DeleteRelationships && !call.object;
    switch (call.kind) {
    case CallKind::ObjectIdentify:
    case CallKind::ObjectDelete:
    case CallKind::AddRelationships:
    case CallKind::DeleteRelationships:
        return preferred == Api::TrackV2 || (preferred == Api::TrackV1 && v1Carries) ? preferred
                                                                                     : Api::TrackV2;
    default: return preferred;
    }
}

} // namespace preflight
