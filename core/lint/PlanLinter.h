#pragma once

#include "common/Json.h"
#include "plan/Plan.h"
#include "validate/Violation.h"

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// A plan-level risk: something that will make journeys misfire once data flows (docs/plan-format.md#lint).
struct LintFinding {
    std::string code;
    Severity severity = Severity::Warning;
    std::string pointer; // JSON pointer into the plan file ("/events/3/properties/1")
    std::string message; // what is wrong and the retention risk it carries
    std::string fix;     // how to fix it
    friend bool operator==(const LintFinding &, const LintFinding &) = default;
};

namespace LintCode {
inline constexpr const char *EmailPrimaryIdentifier = "email_primary_identifier";
inline constexpr const char *AnonymousNotMerged = "anonymous_not_merged";
inline constexpr const char *CartEventWithoutCartId = "cart_event_without_cart_id";
inline constexpr const char *CartEventWithoutItems = "cart_event_without_items";
inline constexpr const char *PurchaseWithoutOrderId = "purchase_without_order_id";
inline constexpr const char *PurchaseWithoutRevenue = "purchase_without_revenue";
inline constexpr const char *NoRefundOrCancelEvent = "no_refund_or_cancel_event";
inline constexpr const char *PurchaseSentClientSide = "purchase_sent_client_side";
inline constexpr const char *NearDuplicateEventNames = "near_duplicate_event_names";
inline constexpr const char *PropertyTypeConflict = "property_type_conflict";
inline constexpr const char *TimestampWithoutFormat = "timestamp_without_format";
inline constexpr const char *AttributeWithoutOwner = "attribute_without_owner";
inline constexpr const char *EventNameConvention = "event_name_convention";
inline constexpr const char *PropertyNameConvention = "property_name_convention";
} // namespace LintCode

// "file#pointer: severity code: message" and an indented "fix:" line, as every command prints a finding.
std::string toText(const LintFinding &finding, std::string_view file);
// {"file", "code", "severity", "pointer", "message", "fix"}, as every command writes a finding in JSON
// (Json or OrderedJson, to suit the document it goes into).
template <typename JsonType> JsonType toJson(const LintFinding &finding, std::string_view file)
{
    return JsonType{{"file", std::string(file)},
                    {"code", finding.code},
                    {"severity", std::string(toString(finding.severity))},
                    {"pointer", finding.pointer},
                    {"message", finding.message},
                    {"fix", finding.fix}};
}

// Every rule, in plan order. Errors make `preflight-cli lint` exit 1.
std::vector<LintFinding> lintPlan(const Plan &plan);

} // namespace preflight
