#pragma once

#include "common/Json.h"
#include "common/Result.h"
#include "plan/Plan.h"

#include <string>
#include <string_view>

namespace preflight {

// The "preflight.plan/1" file format (docs/plan-format.md). Reading is strict: unknown keys and wrong
// types are errors located by "origin#/json/pointer"; syntax errors by "origin:line:column".
Result<Plan> loadPlan(const std::string &path);
Result<Plan> planFromText(std::string_view text, std::string_view origin = "plan");
Result<Plan> planFromJson(const Json &json, std::string_view origin = "plan");

// Deterministic text: fixed key order, defaults omitted, 2-space indent, trailing newline. A file written
// by savePlan loads and saves back byte-identical.
std::string toFileText(const Plan &plan);
OrderedJson toJson(const Plan &plan);
OrderedJson toJson(const PropertySpec &property);
Status savePlan(const Plan &plan, const std::string &path);

} // namespace preflight
