#pragma once

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>

#include <string_view>

namespace preflight {

// Locale-free ASCII helpers for protocol text (header names, tokens). Debian's abseil has its own
// string_view type, so these adapt std::string_view once, here.
inline absl::string_view toAbsl(std::string_view text)
{
    return {text.data(), text.size()};
}

inline bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b)
{
    return absl::EqualsIgnoreCase(toAbsl(a), toAbsl(b));
}

inline bool startsWithIgnoringAsciiCase(std::string_view text, std::string_view prefix)
{
    return absl::StartsWithIgnoreCase(toAbsl(text), toAbsl(prefix));
}

inline std::string_view stripAsciiWhitespace(std::string_view text)
{
    const absl::string_view stripped = absl::StripAsciiWhitespace(toAbsl(text));
    return {stripped.data(), stripped.size()};
}

// Customer.io's numbered ids as text: object type ids ("1", "2"…) and manual segment ids. Digits only,
// no leading zero, at most nine digits so the number fits an int32.
inline bool isPositiveDecimalId(std::string_view text)
{
    return !text.empty() && text.size() <= 9 && text.front() != '0' &&
           text.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace preflight
