#pragma once

#include "plan/Plan.h"

#include <string>
#include <vector>

namespace preflight::ui {

// One meaningful difference between two plans, named by where it is ("event order_completed › property
// total") and what changed ("type: string → number"), independent of key order or formatting.
struct PlanDifference {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    std::string where;
    std::string what;
    friend bool operator==(const PlanDifference &, const PlanDifference &) = default;
};

class PlanDiff
{
public:
    static std::vector<PlanDifference> compare(const Plan &before, const Plan &after);
};

} // namespace preflight::ui
