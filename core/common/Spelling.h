#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// Near-miss matching for "did you mean": event names, enum values, property names and file keys all use
// it, so every suggestion the program makes follows one rule.

// Lower case with spaces, underscores and dashes removed: names equal under this are near-duplicates.
std::string normalizedName(std::string_view name);
// Insertions, deletions, substitutions and swaps of neighbouring characters needed to turn a into b.
std::size_t editDistance(std::string_view a, std::string_view b);
// The candidate closest to name (normalized match first, then small edit distance), or empty.
std::string closestName(std::string_view name, const std::vector<std::string> &candidates);

} // namespace preflight
