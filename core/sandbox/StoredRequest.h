#pragma once

#include "common/Time.h"

#include <cstdint>
#include <string>

namespace preflight {

// A request as the sandbox keeps it on disk: enough to replay it through parse and apply on the next
// start, and to rebuild its activity entry. Credentials are never kept (replay skips authentication).
struct StoredRequest {
    std::int64_t sequence = 0;
    UnixMillis arrivedAt = 0;
    std::string api;
    std::string method;
    std::string path; // query included
    std::string contentType;
    bool strict = false; // Pipelines X-Strict-Mode
    bool replay = false; // it changed the workspace: replayed at the next start
    std::string body;
    int status = 0;
    std::string outcome;
    std::string reason;
    std::string person;
    std::string eventName;
};

} // namespace preflight
