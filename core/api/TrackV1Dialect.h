#pragma once

#include "api/Dialect.h"

namespace preflight {

// Track API v1 ("classic"), paths under /api/v1 (CUSTOMERIO.md, customerio-node lib/track.ts):
//   identify       PUT    /customers/{identifier}            body: attributes (+ email, anonymous_id)
//   delete         DELETE /customers/{identifier}            no body
//   track          POST   /customers/{identifier}/events     {"name","data","timestamp"?,"id"?}
//   page / screen  POST   /customers/{identifier}/events     {"type":"page"|"screen","name","data",...}
//   anonymous      POST   /events                            {"anonymous_id"?,"name","data",...,"type"?}
//   suppress       POST   /customers/{identifier}/suppress   no body (unsuppress likewise)
//   add_device     PUT    /customers/{identifier}/devices
//   {"device":{"id","platform","last_used"?,"attributes"?}} delete_device  DELETE
//   /customers/{identifier}/devices/{token} merge          POST   /merge_customers {"primary":{one
//   id},"secondary":{one id}}
// {identifier} is the identity's id, else email, else "cio_" + cio_id, percent-encoded as one segment.
// On identify, the identity's email (when the path uses id or cio_id) and anonymous_id travel as the
// "email" and "anonymous_id" attributes; parse takes them back into the identity.
// Timestamps are whole unix seconds. Alias, group and batch do not exist here (unsupported_call).
class TrackV1Dialect final : public Dialect
{
public:
    Api api() const override { return Api::TrackV1; }
    Result<HttpRequest> render(const Call &call, const ApiTarget &target) const override;
    Result<Call> parse(const HttpRequest &request) const override;
};

} // namespace preflight
