#pragma once

#include "common/Json.h"
#include "common/JsonKeys.h" // jsonPointerToken
#include "common/Result.h"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace preflight {

// Customer.io's documented limits, as data (docs.customer.io/journeys/invalid-api-requests, the Track
// and Pipelines OpenAPI descriptions). "KB" is read as 1024 bytes. Sizes are UTF-8 bytes of the compact
// JSON the dialect sends.
struct TrackLimits {
    std::size_t identifierBytes = 150;
    std::size_t attributesPerIdentify = 300;
    std::size_t attributeNameBytes = 150;
    std::size_t attributeValueBytes = 1000;
    std::size_t eventNameBytes = 100;
    std::size_t eventDataBytes = 100'000;
    std::size_t v2EntityBytes = 32 * 1024;
    std::size_t v2BatchBytes = 500 * 1024;
    std::size_t v2BatchItemBytes = 32 * 1024;
};

struct PipelinesLimits {
    std::size_t callBytes = 32 * 1024;
    std::size_t batchBytes = 500 * 1024;
    std::size_t batchItemBytes = 32 * 1024;
};

inline constexpr TrackLimits kTrackLimits{};
inline constexpr PipelinesLimits kPipelinesLimits{};

// The stable codes of the rules (Error::code). Track messages are Customer.io's own, verbatim.
namespace LimitCode {
inline constexpr std::string_view IdentifierMissing = "identifier_missing"; // id attribute must be present
inline constexpr std::string_view IdentifierEmpty = "identifier_empty";     // ... cannot be an empty string
inline constexpr std::string_view IdentifierNotString = "identifier_not_string"; // ... must be a string value
inline constexpr std::string_view IdentifierTooLong = "identifier_too_long";
inline constexpr std::string_view TooManyAttributes = "too_many_attributes";
inline constexpr std::string_view AttributeNameTooLong = "attribute_name_too_long";
inline constexpr std::string_view AttributeValueTooLong = "attribute_value_too_long";
inline constexpr std::string_view EventNameBlank = "event_name_blank";
inline constexpr std::string_view EventNameTooLong = "event_name_too_long";
inline constexpr std::string_view EventDataNotObject = "event_data_not_object";
inline constexpr std::string_view EventDataTooLarge = "event_data_too_large";
inline constexpr std::string_view EntityTooLarge = "entity_too_large";
inline constexpr std::string_view BatchTooLarge = "batch_too_large";
inline constexpr std::string_view BatchItemTooLarge = "batch_item_too_large";
inline constexpr std::string_view CallTooLarge = "call_too_large";
} // namespace LimitCode

// Compact JSON as the dialects send it (never throws: invalid UTF-8 is replaced).
std::string compactJson(const Json &value);

// Each check returns the first broken rule with the field's JSON pointer under `where`.
// An identifier: non-empty, at most 150 bytes.
Status checkTrackIdentifier(std::string_view value, const std::string &where);
// Identify attributes: count, name length, value size (strings by their bytes, others by their JSON).
Status checkTrackAttributes(const Json &attributes, const std::string &where);
// An event: name non-blank and short enough, data an object within the size limit.
Status checkTrackEventName(std::string_view name, const std::string &where);
// `sourceBytes`: the size of the JSON text `data` was parsed from, when known. Compact JSON is at most
// kCompactGrowth times its source (a number such as 1e15 re-serialises as 1000000000000000.0), so a
// small enough source is within the limit without serialising it again.
inline constexpr std::size_t kCompactGrowth = 6;
Status checkTrackEventData(const Json &data, const std::string &where,
                           std::size_t sourceBytes = std::numeric_limits<std::size_t>::max());
// A body or batch item against a byte limit, with the rule's code.
Status checkSize(std::size_t bytes, std::size_t limit, std::string_view code, std::string_view what,
                 const std::string &where);

} // namespace preflight
