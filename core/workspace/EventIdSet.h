#pragma once

#include <cstdint>
#include <vector>

namespace preflight {

// The hashes of seen event ids: open addressing with linear probing, 8 bytes a slot and no allocation
// per id, because a workspace remembers millions of them. 0 is reserved for "empty", 1 for "erased";
// callers never store either (the workspace maps a hash of 0 or 1 to 2).
class EventIdSet
{
public:
    bool contains(std::uint64_t hash) const;
    void insert(std::uint64_t hash);
    void erase(std::uint64_t hash);
    std::size_t size() const { return m_size; }

private:
    static constexpr std::uint64_t kEmpty = 0;
    static constexpr std::uint64_t kErased = 1;
    std::size_t slotOf(std::uint64_t hash) const
    {
        return static_cast<std::size_t>(hash * 0x9E3779B97F4A7C15ULL) & (m_slots.size() - 1);
    }
    void grow();

    std::vector<std::uint64_t> m_slots;
    std::size_t m_size = 0; // live ids
    std::size_t m_used = 0; // live ids and erased markers
};

} // namespace preflight
