#pragma once

#include "journeys/Journeys.h"
#include "scenario/ScenarioResult.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace preflight::ui {

// What happened to one scenario step in a run: the plan's verdict, the delivery status and what the
// workspace holds afterwards.
struct StepOutcome {
    std::vector<StepViolation> violations;
    bool validated = false;
    int httpStatus = 0;   // 0 = not sent (dropped, or the stage did not run)
    std::string delivery; // "delivered", "dropped", "duplicate delivered"...
    std::string readBack; // the stored state, in words
    UnixMillis occurredAt = 0;
    UnixMillis arrivedAt = 0;
    std::string name; // event name (or the call kind)
    std::string personKey;
};

struct WorkbenchRun {
    ScenarioResult result;
    std::vector<StepOutcome> steps; // one per scenario step
    std::string journeysPath;
    std::string planPath;
};

// The files a run needs, found beside the scenario exactly as `preflight-cli run` finds them.
struct RunInputs {
    Scenario scenario;
    std::string journeysPath;
    std::string planPath; // "" = no plan: validation skipped
    std::string runId = "run-1";
    // The sandbox the calls go to (the console's own); "" starts one for the run.
    std::string sandboxOrigin;
};

// Runs one scenario the way `preflight-cli run --env sandbox` does: validates each call against the plan,
// sends it through an outbox to the sandbox, reads back what landed and replays that through the
// journeys. Reports progress (0..total) and stops between stages when `cancel` is set.
// Safe to call on a worker thread: it shares nothing with the caller but its arguments.
Result<WorkbenchRun> runWorkbenchScenario(const RunInputs &inputs,
                                          const std::function<void(int, int)> &progress,
                                          const std::atomic_bool &cancel);

// The journeys/plan file beside a scenario (the only one of its kind in the folder); "" when none or several.
std::string fileBeside(const std::string &scenarioPath, const char *pattern);

} // namespace preflight::ui
