#pragma once

#include "plan/Plan.h"

#include <string>

namespace preflight {

// A readable plan document for marketers: each event, what it means, its required properties and an
// example payload; the person attributes and who owns them.
std::string toMarkdown(const Plan &plan);

} // namespace preflight
