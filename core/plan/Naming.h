#pragma once

#include "common/Spelling.h"
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

} // namespace preflight
