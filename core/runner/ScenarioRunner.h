#pragma once

#include "journeys/Journeys.h"
#include "scenario/Scenario.h"
#include "scenario/ScenarioResult.h"
#include "workspace/ApplyResult.h"

#include <functional>
#include <memory>

namespace preflight {

// Where the calls of a run end up and how they come back: the seam between the runner and a workspace.
struct ChangeSource {
    std::function<ApplyResult(const Call &, UnixMillis arrivedAt)> apply;
    PersonResolver personKeyFor;
};

// The run, stage by stage: expand → validate → send → read back → replay through a workspace →
// simulate → check. Every stage but expand and simulate is pluggable; unset stages are skipped (and
// say so in the result's notes) or use the in-process default.
struct RunnerStages {
    // Checks one call against the plan. Unset: no plan validation (plan_validation expectations skip).
    std::function<std::vector<StepViolation>(const Call &)> validate;
    // Delivers the calls to a target (outbox → environment). Unset: nothing leaves the process.
    std::function<Status(const std::vector<ScheduledCall> &)> send;
    // What the target stored, in arrival order. Unset: the calls as scheduled.
    std::function<Result<std::vector<ScheduledCall>>(const std::vector<ScheduledCall> &)> readBack;
    // A fresh workspace per scenario. Unset: an in-process Workspace.
    std::function<ChangeSource()> makeWorkspace;
};

class Workspace;

// The failed verdict for a call the scenario sent that the replay leaves out ("step 3 track … is replayed").
ExpectationResult omittedCall(const Scenario &scenario, const ScheduledCall &call);

// A fresh in-memory Workspace (core/workspace) as a change source.
ChangeSource makeInProcessWorkspace();
// The workspace's person key (cio_id) for the first identifier of `identity` it knows; "" when none.
std::string personKeyIn(const Workspace &workspace, const Identity &identity);

// Runs one scenario. Bad input (templates, times) is an Error; failed expectations are in the result.
Result<ScenarioResult> runScenario(const Scenario &scenario, const Journeys &journeys,
                                   const RunnerStages &stages, const ExpandOptions &options = {});

} // namespace preflight
