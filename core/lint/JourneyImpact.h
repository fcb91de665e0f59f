#pragma once

#include "journeys/Journeys.h"
#include "plan/PlanDiff.h"

#include <string>
#include <vector>

namespace preflight {

// One place in a journeys file that a plan change reaches, and what happens there.
struct JourneyUse {
    std::string pointer; // into the journeys file: "/campaigns/0/trigger/where/0"
    std::string what;    // "cart_recovery trigger filter cart_value > 60: never matches (removed)"
};

// Every trigger, trigger filter, dedupe key, goal, wait, condition and segment of `journeys` that reads
// the event, property or attribute `change` is about (for a rename, the old name they still use).
std::vector<JourneyUse> journeyUses(const Journeys &journeys, const PlanChange &change);

} // namespace preflight
