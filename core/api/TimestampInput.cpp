#include "api/TimestampInput.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace preflight {

namespace {

// Digit count of an optionally negative integer, or nullopt when the text is not one.
std::optional<std::size_t> integerDigits(std::string_view text)
{
    if (!text.empty() && text.front() == '-')
        text.remove_prefix(1);
    if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        }))
        return std::nullopt;
    return text.size();
}

std::int64_t toInteger(std::string_view text)
{
    return std::stoll(std::string(text));
}

constexpr std::size_t kMaxSecondsDigits = 11; // up to year 5138
constexpr std::size_t kMillisDigits = 13;     // 2001-09-09 .. 2286-11-20

} // namespace

std::string_view toString(TimestampInputFormat format)
{
    switch (format) {
    case TimestampInputFormat::Auto: return "auto";
    case TimestampInputFormat::UnixSeconds: return "unix-seconds";
    case TimestampInputFormat::UnixMillis: return "unix-millis";
    case TimestampInputFormat::Iso8601: return "iso8601";
    }
    return "auto";
}

std::optional<TimestampInputFormat> timestampInputFormatFromString(std::string_view text)
{
    for (TimestampInputFormat format : {TimestampInputFormat::Auto, TimestampInputFormat::UnixSeconds,
                                        TimestampInputFormat::UnixMillis, TimestampInputFormat::Iso8601}) {
        if (toString(format) == text)
            return format;
    }
    return std::nullopt;
}

Result<UnixMillis> parseTimestampInput(std::string_view text, TimestampInputFormat format,
                                       const std::string &where)
{
    const std::string shown(text);
    const auto digits = integerDigits(text);
    if (format == TimestampInputFormat::Iso8601 || (format == TimestampInputFormat::Auto && !digits)) {
        if (const auto instant = parseIso8601(text))
            return *instant;
        return Error{"timestamp_not_iso8601",
                     "\"" + shown + "\" is not an ISO-8601 date-time with a zone (e.g. 2026-11-22T19:38:51Z)",
                     where};
    }
    if (!digits)
        return Error{"timestamp_invalid",
                     "\"" + shown + "\" is not a whole number of " +
                         (format == TimestampInputFormat::UnixMillis ? "milliseconds" : "seconds"),
                     where};
    if (format == TimestampInputFormat::UnixMillis) {
        if (*digits <= kMaxSecondsDigits)
            return Error{"timestamp_in_seconds",
                         shown + " has " + std::to_string(*digits) +
                             " digits: that is unix seconds, but milliseconds were declared",
                         where};
        return toInteger(text);
    }
    if (*digits == kMillisDigits)
        return Error{
            "timestamp_in_milliseconds",
            shown + " has 13 digits: that is milliseconds, where unix seconds are expected (divide by 1000, "
                    "or declare unix-millis)",
            where};
    if (*digits > kMaxSecondsDigits)
        return Error{"timestamp_invalid", shown + " is too large to be unix seconds", where};
    return toInteger(text) * 1000;
}

} // namespace preflight
