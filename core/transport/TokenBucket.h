#pragma once

#include <cstdint>

namespace preflight {

// A token bucket on a caller-supplied clock (milliseconds), so it is testable without sleeping.
// Each take() reserves one token and says how long to wait before using it; reservations queue up,
// so a burst over the rate is spread out instead of refused.
class TokenBucket
{
public:
    explicit TokenBucket(double ratePerSecond = 100.0, double burst = 0.0);

    double rate() const { return m_rate; }
    // Milliseconds to wait before the reserved token may be used (0: at once).
    std::int64_t take(std::int64_t nowMs);

private:
    double m_rate;
    double m_capacity;
    double m_tokens;
    double m_lastMs = -1.0;
};

} // namespace preflight
