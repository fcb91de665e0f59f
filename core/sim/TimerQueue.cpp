#include "sim/TimerQueue.h"

namespace preflight {

void TimerQueue::push(const Timer &timer)
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

void TimerQueue::pop()
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
