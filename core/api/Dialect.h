#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"

namespace preflight {

// One API surface: how a Call becomes a request and back. Limits live next to each dialect.
class Dialect
{
public:
    virtual ~Dialect() = default;

    virtual Api api() const = 0;
    // Refuses (with the rule and the field) a call the surface cannot carry or whose limits it breaks.
    virtual Result<HttpRequest> render(const Call &call, const ApiTarget &target) const = 0;
    // Reads a request as the real API would; errors carry the API's own message where it documents one.
    virtual Result<Call> parse(const HttpRequest &request) const = 0;
};

} // namespace preflight
