#pragma once

#include "journeys/Journeys.h"

#include <QString>

namespace preflight::ui {

// A campaign's rules in plain words: trigger, filters, frequency, steps, goal and exits.
QString summarizeCampaign(const Campaign &campaign);
QString summarizeCondition(const Condition &condition);

} // namespace preflight::ui
