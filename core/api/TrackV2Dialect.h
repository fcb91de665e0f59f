#pragma once

#include "api/Dialect.h"

namespace preflight {

// Track API v2: POST /api/v2/entity (one operation) and POST /api/v2/batch ({"batch": [operations]}).
// An operation: {"type":"person","identifiers":{exactly one of id|email|phone|cio_id},"action",...}:
//   identify       "attributes" (+ email when identified otherwise, anonymous_id)
//   event/page/screen  "name", "attributes" (the event data), "timestamp"? (unix seconds), "id"? (dedupe)
//   delete, suppress, unsuppress   nothing more
//   add_device     "device": {"token","platform","last_used"?,"attributes"?}; delete_device {"token"}
//   merge          "primary"/"secondary": {one identifier} (no "identifiers")
// A Batch call renders to /api/v2/batch (each item ≤ 32 KB, whole body ≤ 500 KB); any other call to
// /api/v2/entity (≤ 32 KB). v2 has no anonymous events, alias or group (unsupported_call).
// parse of a /batch request answers a Batch call (the first failing item fails it); parseBatchItems
// answers each item on its own for the 207 response.
class TrackV2Dialect final : public Dialect
{
public:
    Api api() const override { return Api::TrackV2; }
    Result<HttpRequest> render(const Call &call, const ApiTarget &target) const override;
    Result<Call> parse(const HttpRequest &request) const override;
    Result<std::vector<Result<Call>>> parseBatchItems(const HttpRequest &request) const override;

    // One operation object of the v2 shape; `where` prefixes errors (a Call pointer).
    static Result<Json> renderOperation(const Call &call, const std::string &where);
    // One operation back to a call; `where` prefixes errors (a body pointer, "" or "/batch/3").
    static Result<Call> parseOperation(const Json &operation, const std::string &where);
};

} // namespace preflight
