#pragma once

#include "journeys/Journeys.h"

#include <optional>
#include <string>

namespace preflight {

// Does `object` (event data or person attributes) pass the filter at virtual time `now`?
bool matchesFilter(const ValueFilter &filter, const Json &object, UnixMillis now);
bool matchesAll(const std::vector<ValueFilter> &filters, const Json &object, UnixMillis now);

// The value at a plain key as text, for matching runs by key ("cart_id"); nullopt when absent or null.
std::optional<std::string> keyValue(const Json &object, const std::string &key);

// A timestamp attribute or property: unix seconds, unix milliseconds or ISO-8601.
std::optional<UnixMillis> instantFromValue(const Json &value);

// "cart_value > 60" for reasons in the timeline.
std::string describe(const ValueFilter &filter);

} // namespace preflight
