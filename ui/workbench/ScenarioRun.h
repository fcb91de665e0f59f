#pragma once

#include "journeys/Journeys.h"
#include "runner/DeliveryTarget.h"
#include "sandbox/SandboxConfig.h"
#include "scenario/ScenarioResult.h"

#include <QString>

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
    // Where the calls go, with its credentials: the console's sandbox by default. The built-in sandbox
    // without an origin starts one for the run.
    DeliveryTarget target{Environment::builtInSandbox(), sandboxTestCredentials(), nullptr};
    // The outbox for a workspace (durable: what was accepted for sending survives a crash); "" for a
    // sandbox, which acknowledges at once and lives on, so a scratch outbox suffices.
    QString outboxPath;
};

// Runs one scenario the way `preflight-cli run --env NAME` does: validates each call against the plan,
// sends it through an outbox to the target, reads back what landed and replays that through the
// journeys. Reports progress (0..total) and stops between stages when `cancel` is set.
// Safe to call on a worker thread: it shares nothing with the caller but its arguments.
Result<WorkbenchRun> runWorkbenchScenario(const RunInputs &inputs,
                                          const std::function<void(int, int)> &progress,
                                          const std::atomic_bool &cancel);

} // namespace preflight::ui
