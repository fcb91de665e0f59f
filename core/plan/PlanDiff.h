#pragma once

#include "plan/Plan.h"

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// What a plan change does to the people who rely on the plan (docs/plan-format.md, "Versions and
// change review"):
//   Breaking — data valid before is invalid now, or a consumer's assumption breaks (a property removed or
//              renamed, a type narrowed, an optional property made required, an enum value removed, an
//              identifier rule changed);
//   Additive — what was valid stays valid, and there is more (a new optional property, event, enum value);
//   Cosmetic — nothing a payload or journey can notice (descriptions, owners, the changelog).
enum class ChangeImpact { Breaking, Additive, Cosmetic };
std::string_view toString(ChangeImpact impact);

// One semantic difference between two plans, independent of key order or formatting.
struct PlanChange {
    enum class Kind { Added, Removed, Changed, Renamed };
    Kind kind = Kind::Changed;
    ChangeImpact impact = ChangeImpact::Cosmetic;
    std::string code;   // stable rule id: "event_removed", "property_type_changed", "enum_value_removed"…
    std::string where;  // "event order_completed › property total"
    std::string what;   // "type: number → string"
    std::string why;    // for a breaking change: what breaks ("payloads that send it as a number fail")
    std::string advice; // what to do instead (renames: dual-send for a transition period)
    // JSON pointer into the new plan file; a removal points at the list it was removed from.
    std::string pointer;
    // The event, attribute or property the change is about, for tracing it to journeys: the event's name,
    // the attribute's name, or the property's path inside its event ("items[].sku").
    std::string event;
    std::string attribute;
    std::string property;
    std::string renamedFrom; // a rename: the old event name, or the old property path
    friend bool operator==(const PlanChange &, const PlanChange &) = default;
};
std::string_view toString(PlanChange::Kind kind);

// Every difference, in a stable order (plan, identity, attributes, events, object types). Removed and
// added items that look alike (same type, near-identical name) are reported once, as a likely rename.
std::vector<PlanChange> diffPlans(const Plan &before, const Plan &after);

// The plan's own version rule: `version` is one integer, like SchemaVer's MODEL, that must increase when
// a change is breaking (additive and cosmetic changes may keep it). Returns the finding
// ("version_not_bumped", breaking, at /version) when the rule is broken, and a "version_lowered" one when the
// version went down.
std::vector<PlanChange> versionFindings(const Plan &before, const Plan &after,
                                        const std::vector<PlanChange> &changes);

} // namespace preflight
