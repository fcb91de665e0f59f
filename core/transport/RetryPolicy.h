#pragma once

#include "api/HttpResponse.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace preflight {

// What to do with an entry after one attempt.
enum class RetryDecision { Done, Retry, DeadLetter };

// Exponential backoff with equal jitter, Retry-After honoured; pure apart from the random source.
class RetryPolicy
{
public:
    std::int64_t baseDelayMs = 200;
    std::int64_t maxDelayMs = 30'000;
    std::int64_t maxRetryAfterMs = 300'000; // a server asking for more than this is treated as this
    int maxAttempts = 10;                   // after this many retryable failures the entry is dead-lettered

    // 2xx done; network errors, 408, 429 and 5xx retried; every other status is permanent.
    static RetryDecision classify(const HttpResponse &response);
    // Milliseconds before attempt number `attempt` (1-based count of failures so far) may go out.
    std::int64_t delayMs(int attempt, const HttpResponse &response, std::int64_t nowMs,
                         std::mt19937_64 &random) const;

    // Retry-After as delta-seconds or an HTTP-date (RFC 9110), relative to now; nullopt if unreadable.
    static std::optional<std::int64_t> parseRetryAfterMs(std::string_view value, std::int64_t nowMs);
};

} // namespace preflight
