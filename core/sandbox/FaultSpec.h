#pragma once

#include "common/Result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace preflight {

// What the sandbox does wrong on purpose, per request: "latency=50ms,429=10%,retry-after=2,500=5%,
// 503=5%,drop=2%,slow-body=200ms,seed=7". Shares are of all requests and are drawn in that order, so
// "429=10%,500=5%" answers 429 to about 10% and 500 to about 5% of requests.
struct FaultSpec {
    std::int64_t latencyMillis = 0; // added before every answer
    double share429 = 0;            // 0..1
    int retryAfterSeconds = 1;      // the Retry-After header of a 429
    double share500 = 0;
    double share503 = 0;
    double shareDrop = 0;            // connection closed without an answer
    std::int64_t slowBodyMillis = 0; // the answer's body trickles out over this long
    std::uint64_t seed = 1;

    bool isEmpty() const;
    std::string toString() const;
    static Result<FaultSpec> parse(std::string_view text);
};

} // namespace preflight
