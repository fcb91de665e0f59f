#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"

#include <vector>

namespace preflight {

// One API surface: how a Call becomes a request and back. Limits live next to each dialect (Limits.h).
//
// render: builds exactly the request Customer.io's official libraries send (URL on target.origin(api()),
//   percent-encoded identifiers, JSON body, Basic auth header marked secret). It refuses, before anything
//   is sent, a call the surface cannot carry (code "unsupported_call"), one missing what the API requires
//   (e.g. "identifier_missing", "device_token_missing") or one breaking a limit (LimitCode::*); Error::where
//   is the offending field of the Call as a JSON pointer ("/name", "/properties/cart", "/batch/3").
//
// parse: reads a request as the real API would; the sandbox builds the HttpRequest from what it received
//   (method, absolute URL as received, headers, body). Authentication is not checked here (see
//   HttpRequest::basicCredentials). Error::code is stable; Error::message is the API's documented message
//   where it documents one (Track v1, verbatim); Error::where is a JSON pointer into the body (or "" for
//   the URL). "not_found" means no such route (404), "method_not_allowed" a known path with another method.
//
// parseBatchItems: for batch endpoints (/api/v2/batch, Pipelines /batch), which answer per item: the
//   outer Result fails when the request as a whole is refused (not JSON, no batch array, batch too
//   large); otherwise one Result per item in order (the index is the item's batch_index). A failed item's
//   where is the pointer inside the whole body ("/batch/3/name"). For any other request it answers one
//   item, the result of parse.
class Dialect
{
public:
    virtual ~Dialect() = default;

    virtual Api api() const = 0;
    virtual Result<HttpRequest> render(const Call &call, const ApiTarget &target) const = 0;
    virtual Result<Call> parse(const HttpRequest &request) const = 0;
    virtual Result<std::vector<Result<Call>>> parseBatchItems(const HttpRequest &request) const;
};

// The dialect of a data-in surface. Api::App has no dialect; it answers the Track v1 dialect.
const Dialect &dialectFor(Api api);

// The surface a call goes to when a run sends on `preferred`: `preferred` when it carries the call, else
// the only one Customer.io offers for it — Track v1 for manual segment changes, Track v2 for objects and
// relationships. A team's integration does the same: Pipelines has no call of those kinds.
Api apiCarrying(const Call &call, Api preferred);

} // namespace preflight
