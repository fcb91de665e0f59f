#pragma once

#include <cstdint>

namespace preflight {

// Spaces requests evenly a little below a rate limit, on a caller-supplied clock (milliseconds), deciding
// when each one actually goes out, so that no one-second window holds more requests than the limit.
// Pacing at kShare of the limit leaves 1000 × (1/kShare − 1) ms a second of slack: a request that goes
// out later than that (a busy event loop) restarts the schedule instead of letting the next ones make
// up for it with a burst; within the slack the schedule holds, so small delays cost no throughput.
class RequestPacer
{
public:
    static constexpr double kShare = 0.98;

    explicit RequestPacer(double limitPerSecond = 100.0);

    double limit() const { return m_limit; }
    // Milliseconds until the next request may go out (0: now).
    std::int64_t wait(std::int64_t nowMs) const;
    // Records that a request went out at `nowMs` (when wait() said 0).
    void sent(std::int64_t nowMs);

private:
    double m_limit;
    double m_intervalMs;
    double m_slackMs;
    double m_nextMs = 0;
    bool m_started = false;
};

} // namespace preflight
