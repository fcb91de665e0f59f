#pragma once

#include "journeys/Journeys.h"

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// Does `object` (event data or person attributes) pass the filter at virtual time `now`?
bool matchesFilter(const ValueFilter &filter, const Json &object, UnixMillis now);
bool matchesAll(const std::vector<ValueFilter> &filters, const Json &object, UnixMillis now);

// A filter prepared to be matched against many objects: whether its path is one plain key, and its
// operand as a number, are worked out once instead of at every match (the simulator matches trigger
// filters against most events it sees). Matches exactly as matchesFilter does.
class PreparedFilter
{
public:
    explicit PreparedFilter(ValueFilter filter);
    const ValueFilter &filter() const { return m_filter; }
    bool matches(const Json &object, UnixMillis now) const;

private:
    ValueFilter m_filter;
    bool m_plainKey = true;
    bool m_ordering = false; // <, >, ≤ or ≥ against a number: a number in the data compares at once
    std::optional<double> m_operand; // the value as a number, if it is one
};

bool matchesAll(const std::vector<PreparedFilter> &filters, const Json &object, UnixMillis now);

// A number, or a string holding one: numbers sent as strings ("59.00") compare as numbers, because
// Customer.io's filters coerce them. nullopt for anything else.
std::optional<double> asNumber(const Json &value);

// The value at a plain key; null when absent or null.
const Json *valueAt(const Json &object, const std::string &key);
// The value at a plain key as text, for matching runs by key ("cart_id"); nullopt when absent or null.
std::optional<std::string> keyValue(const Json &object, const std::string &key);
// keyValue(object, key) == expected, without copying the value.
bool keyValueEquals(const Json &object, const std::string &key, std::optional<std::string_view> expected);

// A timestamp attribute or property: unix seconds, unix milliseconds or ISO-8601.
std::optional<UnixMillis> instantFromValue(const Json &value);

// "cart_value > 60" for reasons in the timeline.
std::string describe(const ValueFilter &filter);

} // namespace preflight
