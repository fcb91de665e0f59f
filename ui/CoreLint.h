#pragma once

#include "LintModel.h"

namespace preflight::ui {

// The lint panel's source: core's plan lint, its findings turned into panel rows.
PlanLinter coreLinter();

} // namespace preflight::ui
