#pragma once

#include "common/Time.h"

#include <cstdint>
#include <deque>
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

// Timers by (at, seq), earliest first.
// Most timers are "the same step's delay, from now": pushed in the order they fall due. The caller names
// such a family a lane; a lane is a FIFO, so pushing and popping touch its two ends, where a heap of a
// quarter of a million timers costs a cache miss per level. A timer that would not keep its lane in order
// (a delay counted from a late event's timestamp, say) goes to a four-way heap instead, as does every
// timer pushed with kNoLane. The earliest lane fronts are kept in a small heap of their own.
class TimerQueue
{
public:
    static constexpr std::size_t kNoLane = static_cast<std::size_t>(-1);

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    // Kept as a copy: the simulator asks before every change whether anything is due.
    const Timer &top() const { return m_top; }
    // The timer that comes out after top() if nothing is pushed meanwhile; null when top() is the last.
    // For fetching the memory it concerns ahead of time.
    const Timer *second() const;
    void push(const Timer &timer, std::size_t lane = kNoLane);
    void pop();
    // Creates lanes 0..count-1 up front: growing the lanes later copies every queued timer (a deque's
    // move may throw, so the vector copies).
    void reserveLanes(std::size_t count);

private:
    static constexpr std::size_t kArity = 4;
    // A non-empty lane, by its front's (at, seq): sifting compares these without reaching into the deques.
    struct LaneFront {
        UnixMillis at = 0;
        std::uint64_t seq = 0;
        std::size_t lane = 0;
        bool before(const LaneFront &other) const { return at != other.at ? at < other.at : seq < other.seq; }
    };
    static LaneFront frontOf(std::size_t lane, const Timer &timer) { return {timer.at, timer.seq, lane}; }
    bool fromHeap() const; // the earliest timer is the heap's, not a lane's
    void refreshTop();
    void pushHeap(const Timer &timer);
    void popHeap();
    void siftLaneUp(std::size_t position);
    void siftLaneDown(std::size_t position);

    std::vector<Timer> m_heap;
    std::vector<std::deque<Timer>> m_lanes;
    std::vector<LaneFront> m_laneOrder; // non-empty lanes, a binary heap by their fronts
    std::size_t m_size = 0;
    Timer m_top; // the earliest timer, when not empty
};

} // namespace preflight
