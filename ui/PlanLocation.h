#pragma once

#include "plan/Plan.h"

#include <string>

namespace preflight::ui {

// What a JSON pointer into a plan file ("/events/3/properties/1/type") names, so a click on a lint finding
// can select the event, property or attribute it is about.
struct PlanLocation {
    enum class Section { Plan, Identity, Event, Attribute };
    Section section = Section::Plan;
    int event = -1;
    int property = -1; // top-level property of `event`
    int attribute = -1;

    static PlanLocation fromPointer(const Plan &plan, const std::string &pointer);
    std::string describe(const Plan &plan) const; // "order_completed › total", "attribute email", "identity"
};

} // namespace preflight::ui
