#include "sim/TimerQueue.h"

#include <cassert>
#include <utility>

namespace preflight {

const Timer *TimerQueue::second() const
{
    if (m_size < 2)
        return nullptr;
    // The runner-up is the best of what is left once top() is gone: the other source's best, the next
    // in top()'s lane or heap (its lane's second timer, or the heap root's children), and the lanes
    // next in line (the lane heap root's children).
    const Timer *best = nullptr;
    const auto consider = [&best](const Timer &timer) {
        if (!best || timer.before(*best))
            best = &timer;
    };
    if (fromHeap()) {
        for (std::size_t child = 1; child <= kArity && child < m_heap.size(); ++child)
            consider(m_heap[child]);
        if (!m_laneOrder.empty())
            consider(m_lanes[m_laneOrder.front().lane].front());
    } else {
        const std::deque<Timer> &lane = m_lanes[m_laneOrder.front().lane];
        if (lane.size() > 1)
            consider(lane[1]);
        for (std::size_t child = 1; child <= 2 && child < m_laneOrder.size(); ++child)
            consider(m_lanes[m_laneOrder[child].lane].front());
        if (!m_heap.empty())
            consider(m_heap.front());
    }
    return best;
}

bool TimerQueue::fromHeap() const
{
    if (m_laneOrder.empty())
        return true;
    if (m_heap.empty())
        return false;
    const Timer &heap = m_heap.front();
    const LaneFront &lane = m_laneOrder.front();
    return heap.at != lane.at ? heap.at < lane.at : heap.seq < lane.seq;
}

void TimerQueue::refreshTop()
{
    if (m_size > 0)
        m_top = fromHeap() ? m_heap.front() : m_lanes[m_laneOrder.front().lane].front();
}

void TimerQueue::push(const Timer &timer, std::size_t lane)
{
    if (m_size++ == 0 || timer.before(m_top))
        m_top = timer;
    if (lane == kNoLane) {
        pushHeap(timer);
        return;
    }
    if (lane >= m_lanes.size())
        m_lanes.resize(lane + 1);
    std::deque<Timer> &queue = m_lanes[lane];
    if (queue.empty()) {
        queue.push_back(timer);
        m_laneOrder.push_back(frontOf(lane, timer));
        siftLaneUp(m_laneOrder.size() - 1);
    } else if (queue.back().before(timer)) {
        queue.push_back(timer); // the front, and so the lane's place, is unchanged
    } else {
        pushHeap(timer);
    }
}

void TimerQueue::pop()
{
    assert(m_size > 0);
    --m_size;
    if (fromHeap()) {
        popHeap();
        refreshTop();
        return;
    }
    const std::size_t lane = m_laneOrder.front().lane;
    std::deque<Timer> &queue = m_lanes[lane];
    queue.pop_front();
    if (queue.empty()) {
        m_laneOrder.front() = m_laneOrder.back();
        m_laneOrder.pop_back();
    } else {
        m_laneOrder.front() = frontOf(lane, queue.front());
    }
    if (!m_laneOrder.empty())
        siftLaneDown(0);
    refreshTop();
}

void TimerQueue::reserveLanes(std::size_t count)
{
    if (count > m_lanes.size())
        m_lanes.resize(count);
}

void TimerQueue::siftLaneUp(std::size_t position)
{
    while (position > 0) {
        const std::size_t parent = (position - 1) / 2;
        if (!m_laneOrder[position].before(m_laneOrder[parent]))
            break;
        std::swap(m_laneOrder[position], m_laneOrder[parent]);
        position = parent;
    }
}

void TimerQueue::siftLaneDown(std::size_t position)
{
    const std::size_t size = m_laneOrder.size();
    while (true) {
        std::size_t best = position;
        for (std::size_t child = 2 * position + 1; child <= 2 * position + 2 && child < size; ++child) {
            if (m_laneOrder[child].before(m_laneOrder[best]))
                best = child;
        }
        if (best == position)
            break;
        std::swap(m_laneOrder[position], m_laneOrder[best]);
        position = best;
    }
}

// A four-way heap: a quarter of a binary heap's depth, and the children a pop compares sit next to each
// other.
void TimerQueue::pushHeap(const Timer &timer)
{
    std::size_t index = m_heap.size();
    m_heap.push_back(timer);
    while (index > 0) {
        const std::size_t parent = (index - 1) / kArity;
        if (!timer.before(m_heap[parent]))
            break;
        m_heap[index] = m_heap[parent];
        index = parent;
    }
    m_heap[index] = timer;
}

void TimerQueue::popHeap()
{
    const Timer last = m_heap.back();
    m_heap.pop_back();
    if (m_heap.empty())
        return;
    const std::size_t size = m_heap.size();
    std::size_t index = 0;
    while (true) {
        const std::size_t first = index * kArity + 1;
        if (first >= size)
            break;
        std::size_t best = first;
        const std::size_t end = first + kArity < size ? first + kArity : size;
        for (std::size_t child = first + 1; child < end; ++child) {
            if (m_heap[child].before(m_heap[best]))
                best = child;
        }
        if (!m_heap[best].before(last))
            break;
        m_heap[index] = m_heap[best];
        index = best;
    }
    m_heap[index] = last;
}

} // namespace preflight
