#pragma once

#include "common/Result.h"

#include <string>
#include <string_view>

namespace preflight {

// The one file matching `pattern` (a wildcard such as "*.plan.json") in the scenario's folder, as
// `preflight-cli run` and the console find a scenario's journeys and plan. Errors: "no_file" when there
// is none, "ambiguous_file" when there are several; the message names `option`, the flag that names the
// file instead, when there is one.
Result<std::string> fileBesideScenario(const std::string &scenarioPath, std::string_view pattern,
                                       std::string_view option = {});

} // namespace preflight
