#pragma once

#include "plan/Plan.h"

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// Name rules shared by the validator and lint, so "did you mean" and the convention check agree.

bool followsConvention(std::string_view name, NamingConvention convention);
// "Order Completed", "orderCompleted", "order-completed" → "order_completed".
std::string toSnakeCase(std::string_view name);
std::string applyConvention(std::string_view name, NamingConvention convention);
// Lower case with spaces, underscores and dashes removed: names equal under this are near-duplicates.
std::string normalizedName(std::string_view name);
std::size_t editDistance(std::string_view a, std::string_view b);
// The candidate closest to name (normalized match first, then small edit distance), or empty.
std::string closestName(std::string_view name, const std::vector<std::string> &candidates);

} // namespace preflight
