#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

enum class Severity { Error, Warning };
std::string_view toString(Severity severity);

// One way a payload departs from the plan. `code` is stable (scripts and CI filter on it); `pointer` is a
// JSON pointer into the payload as given ("/properties/items/0/price").
struct Violation {
    std::string code;
    std::string pointer;
    std::string message;
    std::string expected;   // what the plan says, e.g. "number"
    std::string actual;     // what the payload holds, e.g. "\"59.00\" (string)"
    std::string suggestion; // a fix where one is known: "did you mean `order_completed`?"
    Severity severity = Severity::Error;
    friend bool operator==(const Violation &, const Violation &) = default;
};

// The stable codes. Docs: docs/plan-format.md#violation-codes.
namespace ViolationCode {
inline constexpr std::string_view UnknownEvent = "unknown_event";
inline constexpr std::string_view EventAlias = "event_alias";
inline constexpr std::string_view EventNameConvention = "event_name_convention";
inline constexpr std::string_view MissingEventName = "missing_event_name";
inline constexpr std::string_view MissingRequired = "missing_required";
inline constexpr std::string_view MissingDedupeKey = "missing_dedupe_key";
inline constexpr std::string_view WrongType = "wrong_type";
inline constexpr std::string_view EnumMismatch = "enum_mismatch";
inline constexpr std::string_view OutOfRange = "out_of_range";
inline constexpr std::string_view TooFewItems = "too_few_items";
inline constexpr std::string_view PatternMismatch = "pattern_mismatch";
inline constexpr std::string_view UnknownProperty = "unknown_property";
inline constexpr std::string_view UnknownAttribute = "unknown_attribute";
inline constexpr std::string_view UnknownObjectType = "unknown_object_type";
inline constexpr std::string_view BadTimestamp = "bad_timestamp";
inline constexpr std::string_view MissingIdentity = "missing_identity";
inline constexpr std::string_view IdentifierNotAccepted = "identifier_not_accepted";
inline constexpr std::string_view UnsupportedPayload = "unsupported_payload";
} // namespace ViolationCode

// A payload is accepted when none of its violations is an error (warnings are advice).
bool hasErrors(const std::vector<Violation> &violations);

} // namespace preflight
