#include "transport/TokenBucket.h"

#include <algorithm>
#include <cmath>

namespace preflight {

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : m_rate(ratePerSecond > 0 ? ratePerSecond : 1.0)
    , m_capacity(burst > 0 ? burst : std::max(1.0, m_rate / 10.0))
    , m_tokens(m_capacity)
{
}

std::int64_t TokenBucket::take(std::int64_t nowMs)
{
    const double now = static_cast<double>(nowMs);
    if (m_lastMs < 0)
        m_lastMs = now;
    if (now > m_lastMs) {
        m_tokens = std::min(m_capacity, m_tokens + (now - m_lastMs) * m_rate / 1000.0);
        m_lastMs = now;
    }
    // Tokens may go negative: that is the queue of reservations already handed out.
    m_tokens -= 1.0;
    if (m_tokens >= 0)
        return 0;
    return static_cast<std::int64_t>(std::ceil(-m_tokens * 1000.0 / m_rate));
}

} // namespace preflight
