#pragma once

#include "api/HttpRequest.h"
#include "common/Time.h"
#include "sandbox/SandboxOutcome.h"
#include "sandbox/SandboxRoute.h"

#include <map>
#include <string>

namespace preflight {

// Reads an authenticated request with its API's dialect and applies the call to the workspace; answers
// App API read-back from the workspace. The server does routing, authentication, limits, faults and
// persistence around it; replay at start goes through `ingest` again with the original arrival time.
class SandboxProcessor
{
public:
    SandboxOutcome ingest(const SandboxRoute &route, const HttpRequest &request, UnixMillis arrivedAt);
    SandboxOutcome readBack(const SandboxRoute &route, const std::map<std::string, std::string> &query);
    void reset();

private:
    std::size_t m_applied = 0;
};

} // namespace preflight
