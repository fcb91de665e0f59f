#include "transport/RequestPacer.h"

#include <cmath>

namespace preflight {

namespace {
// Keeps a wait that is a whole number of milliseconds from rounding up by one through floating-point noise.
constexpr double kTolerance = 1e-6;
} // namespace

RequestPacer::RequestPacer(double limitPerSecond)
    : m_limit(limitPerSecond > 0 ? limitPerSecond : 1.0)
    , m_intervalMs(1000.0 / (m_limit * kShare))
    , m_slackMs(1000.0 * (1.0 / kShare - 1.0))
{
}

std::int64_t RequestPacer::wait(std::int64_t nowMs) const
{
    const double early = m_nextMs - static_cast<double>(nowMs);
    if (!m_started || early <= kTolerance)
        return 0;
    return static_cast<std::int64_t>(std::ceil(early - kTolerance));
}

void RequestPacer::sent(std::int64_t nowMs)
{
    const double now = static_cast<double>(nowMs);
    // With a request at most `slack` late, n requests span more than (n − 1) × interval − slack, which
    // for n = limit + 1 is at least a second: the limit holds in every window.
    if (!m_started || now - m_nextMs > m_slackMs)
        m_nextMs = now + m_intervalMs; // idle or stalled: start again from now
    else
        m_nextMs += m_intervalMs; // on time or a little late: keep the schedule
    m_started = true;
}

} // namespace preflight
