#pragma once

#include "common/Time.h"

#include <cstdint>
#include <vector>

namespace preflight {

// Something the simulator must do at a virtual instant: resume a run, or look at segments again.
struct Timer {
    UnixMillis at = 0;
    std::uint64_t seq = 0; // order of scheduling: breaks ties, and tells a run which timer is current
    std::uint32_t person = 0;
    int runId = 0;       // 0 = segment re-evaluation
    int nameId = -1;     // segment re-evaluation: only segments counting this event (-1: all)
    int windowSlot = -1; // segment re-evaluation because an event leaves this window

    bool before(const Timer &other) const { return at != other.at ? at < other.at : seq < other.seq; }
};

// Timers by (at, seq), earliest first. A four-way heap: a quarter of a binary heap's depth, and the
// children a pop compares sit next to each other, which matters once the heap outgrows the caches.
class TimerQueue
{
public:
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    const Timer &top() const { return m_heap.front(); }
    void push(const Timer &timer);
    void pop();

private:
    static constexpr std::size_t kArity = 4;
    std::vector<Timer> m_heap;
};

} // namespace preflight
