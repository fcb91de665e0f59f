#pragma once

#include "common/Result.h"
#include "common/Time.h"

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// How a user (CLI flag, imported file) declared its timestamps. The plan's own TimestampEncoding
// (core/plan/Plan.h) maps onto UnixSeconds / Iso8601 / Auto.
enum class TimestampInputFormat {
    Auto,        // ISO-8601 when it has a 'T', unix seconds when it is an integer of at most 11 digits
    UnixSeconds, // integer seconds; a 13-digit number is refused as milliseconds
    UnixMillis,  // integer milliseconds; a number of at most 11 digits is refused as seconds
    Iso8601,     // RFC 3339 date-time with a zone
};

std::string_view toString(TimestampInputFormat format); // "auto", "unix-seconds", "unix-millis", "iso8601"
std::optional<TimestampInputFormat> timestampInputFormatFromString(std::string_view text);

// Converts user input to an instant, refusing what the declared format makes ambiguous. Codes:
// "timestamp_in_milliseconds" (13 digits where seconds are expected), "timestamp_in_seconds",
// "timestamp_not_iso8601", "timestamp_invalid".
Result<UnixMillis> parseTimestampInput(std::string_view text, TimestampInputFormat format,
                                       const std::string &where = {});

} // namespace preflight
