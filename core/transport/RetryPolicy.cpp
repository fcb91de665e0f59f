#include "transport/RetryPolicy.h"

#include "common/Ascii.h"

#include <absl/time/time.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>

namespace preflight {

RetryDecision RetryPolicy::classify(const HttpResponse &response)
{
    if (response.status == 0)
        return RetryDecision::Retry;
    if (response.isSuccess())
        return RetryDecision::Done;
    if (response.status == 408 || response.status == 429 || response.status >= 500)
        return RetryDecision::Retry;
    return RetryDecision::DeadLetter;
}

std::int64_t RetryPolicy::delayMs(int attempt, const HttpResponse &response, std::int64_t nowMs,
                                  std::mt19937_64 &random) const
{
    if (response.status == 429 || response.status == 503) {
        if (auto asked = parseRetryAfterMs(response.header("Retry-After"), nowMs)) {
            // A little jitter on top so many clients told the same second do not return together.
            std::uniform_int_distribution<std::int64_t> spread(0, std::max<std::int64_t>(1, baseDelayMs / 4));
            return std::min(*asked, maxRetryAfterMs) + spread(random);
        }
    }
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const std::int64_t ceiling = std::min(maxDelayMs, baseDelayMs << std::min(exponent, 20));
    // Equal jitter: uniform in [ceiling/2, ceiling] keeps a floor so a storm backs off for real.
    std::uniform_int_distribution<std::int64_t> pick(ceiling / 2, ceiling);
    return pick(random);
}

std::optional<std::int64_t> RetryPolicy::parseRetryAfterMs(std::string_view value, std::int64_t nowMs)
{
    const std::string_view text = stripAsciiWhitespace(value);
    if (text.empty())
        return std::nullopt;
    std::int64_t seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error == std::errc() && end == text.data() + text.size())
        // A server's number is untrusted: cap it before scaling so a huge one cannot overflow.
        return seconds < 0 ? std::nullopt
                           : std::optional<std::int64_t>(
                                 std::min(seconds, std::numeric_limits<std::int64_t>::max() / 1000) * 1000);
    // IMF-fixdate, always in GMT, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"; Customer.io sends no obsolete form.
    absl::Time when;
    std::string parseError;
    if (!absl::ParseTime("%a, %d %b %Y %H:%M:%S GMT", std::string(text), absl::UTCTimeZone(), &when,
                         &parseError))
        return std::nullopt;
    return std::max<std::int64_t>(0, absl::ToUnixMillis(when) - nowMs);
}

} // namespace preflight
