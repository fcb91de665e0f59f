#include "CoreLint.h"

namespace preflight::ui {

PlanLinter coreLinter()
{
    return [](const Plan &) { return std::vector<LintEntry>{}; };
}

} // namespace preflight::ui
