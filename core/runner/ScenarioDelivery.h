#pragma once

#include "journeys/Journeys.h"
#include "runner/DeliveryTarget.h"
#include "runner/OutboxDrain.h"
#include "runner/ScenarioRunner.h"

#include <atomic>
#include <functional>
#include <optional>

namespace preflight {

class Outbox;
class Validator;

struct DeliverySettings {
    std::optional<Api> api; // unset: the first of track-v1, track-v2, pipelines the environment uses
    DrainSettings drain;
    int readBackTimeoutMs = 10000;
    // Set from another thread to stop the run between stages (Error "cancelled").
    const std::atomic_bool *cancel = nullptr;
    // Calls validated, then settled in the outbox, then read back: done of 3 × calls.
    std::function<void(int done, int total)> progress;
};

// The API a run sends with: `wanted`, or the first of track-v1, track-v2, pipelines the environment uses.
Result<Api> deliveryApi(const Environment &environment, std::optional<Api> wanted);

// One scenario end to end (`preflight-cli run`): expands it, validates each call against the plan
// (`validator` may be null), queues every call in the outbox in arrival order — the duplicate fault's copy
// as a request of its own with the same dedupe id, delayed and out-of-order calls where their arrival
// puts them — drains the outbox to the target, reads back through the App-API-shaped endpoints what
// landed, and replays exactly what landed through the journeys at the scenario's virtual arrival times
// (a real environment's wall clock never enters the timeline). Each call's delivery is in the result.
// Bad input (templates, a call the dialect cannot render, the production test-id rule) is an Error.
Result<ScenarioResult> runScenarioDelivered(const Scenario &scenario, const Journeys &journeys,
                                            const Validator *validator, const DeliveryTarget &target,
                                            Outbox &outbox, const DeliverySettings &settings,
                                            const ExpandOptions &options = {});

} // namespace preflight
