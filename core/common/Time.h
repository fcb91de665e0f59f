#pragma once

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// Instants are unix time in milliseconds everywhere in core; dialects convert at the edge.
using UnixMillis = std::int64_t;

// "2026-11-22T19:38:51Z" / "...51.123Z"; milliseconds only when non-zero.
std::string toIso8601(UnixMillis instant);
// Accepts RFC 3339 / ISO-8601 date-times with Z or an offset, with or without fractions.
std::optional<UnixMillis> parseIso8601(std::string_view text);

// Durations written as "+30m", "45m", "2d", "1h30m", "90s", "-5m", "1w".
std::optional<std::int64_t> parseDurationMillis(std::string_view text);
std::string formatDurationMillis(std::int64_t millis);

// Whether the IANA time-zone database on this machine knows the name ("Europe/Berlin", "UTC").
bool isTimeZoneName(std::string_view name);

} // namespace preflight
