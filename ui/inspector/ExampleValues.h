#pragma once

#include "common/Json.h"
#include "plan/Plan.h"

namespace preflight::ui {

// Plausible example values that pass the plan, so an operator starts from a call the plan accepts:
// enum values, minimums, timestamp formats, a required array's first item. Used to pre-fill the inspector.
Json exampleValue(const PropertySpec &spec);
// `existing` with every required property of `event` that it lacks added (present values are kept).
Json withRequiredExamples(const EventSpec &event, Json existing);

} // namespace preflight::ui
