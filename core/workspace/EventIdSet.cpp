#include "workspace/EventIdSet.h"

namespace preflight {

bool EventIdSet::contains(std::uint64_t hash) const
{
    if (m_slots.empty())
        return false;
    for (std::size_t slot = slotOf(hash);; slot = (slot + 1) & (m_slots.size() - 1)) {
        if (m_slots[slot] == hash)
            return true;
        if (m_slots[slot] == kEmpty)
            return false;
    }
}

void EventIdSet::insert(std::uint64_t hash)
{
    if ((m_used + 1) * 2 > m_slots.size())
        grow();
    std::size_t slot = slotOf(hash);
    while (m_slots[slot] != kEmpty && m_slots[slot] != kErased) {
        if (m_slots[slot] == hash)
            return;
        slot = (slot + 1) & (m_slots.size() - 1);
    }
    if (m_slots[slot] == kEmpty)
        ++m_used;
    m_slots[slot] = hash;
    ++m_size;
}

void EventIdSet::erase(std::uint64_t hash)
{
    if (m_slots.empty())
        return;
    for (std::size_t slot = slotOf(hash);; slot = (slot + 1) & (m_slots.size() - 1)) {
        if (m_slots[slot] == hash) {
            m_slots[slot] = kErased;
            --m_size;
            return;
        }
        if (m_slots[slot] == kEmpty)
            return;
    }
}

void EventIdSet::grow()
{
    // Rehashing drops the erased markers; the table doubles only when live ids need the room.
    std::vector<std::uint64_t> old = std::move(m_slots);
    std::size_t capacity = old.empty() ? 1024 : old.size();
    while ((m_size + 1) * 2 > capacity)
        capacity *= 2;
    if ((m_size + 1) * 4 > capacity)
        capacity *= 2;
    m_slots.assign(capacity, kEmpty);
    m_size = 0;
    m_used = 0;
    for (std::uint64_t hash : old) {
        if (hash != kEmpty && hash != kErased)
            insert(hash);
    }
}

} // namespace preflight
