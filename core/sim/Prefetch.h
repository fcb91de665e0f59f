#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace preflight {

inline constexpr std::size_t kCacheLine = 64;

// Asks the CPU to bring the cache line that holds `address` in. Only a hint: where the compiler has no
// way to give it, nothing happens and nothing else changes.
inline void prefetchLine(const void *address)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

// Fetches the first lines of a person's list into the cache: a change or timer reads most of its items
// (runs are scanned for ids and keys, events counted), and a Run spans two lines.
template <typename T> void prefetchItems(const std::vector<T> &items)
{
    constexpr std::size_t kMostLines = 4;
    const auto *begin = reinterpret_cast<const char *>(items.data());
    const std::size_t bytes = std::min(items.size() * sizeof(T), kMostLines * kCacheLine);
    for (std::size_t offset = 0; offset < bytes; offset += kCacheLine)
        prefetchLine(begin + offset);
}

} // namespace preflight
