#include "scenario/ScenarioRunner.h"

#include "sim/Simulator.h"
#include "workspace/Workspace.h"

#include <QElapsedTimer>

namespace preflight {

ChangeSource makeInProcessWorkspace()
{
    auto workspace = std::make_shared<Workspace>();
    return ChangeSource{[workspace](const Call &call, UnixMillis arrivedAt) {
                            return workspace->apply(call, arrivedAt).changes;
                        },
                        [workspace](const Identity &identity) { return personKeyIn(*workspace, identity); }};
}

std::string personKeyIn(const Workspace &workspace, const Identity &identity)
{
    const std::pair<const std::string *, const char *> identifiers[] = {{&identity.cioId, "cio_id"},
                                                                        {&identity.id, "id"},
                                                                        {&identity.email, "email"},
                                                                        {&identity.phone, "phone"}};
    for (const auto &[value, type] : identifiers) {
        if (value->empty())
            continue;
        if (auto key = workspace.personKey(*value, type))
            return *key;
    }
    return {};
}

Result<ScenarioResult> runScenario(const Scenario &scenario, const Journeys &journeys,
                                   const RunnerStages &stages, const ExpandOptions &options)
{
    QElapsedTimer clock;
    clock.start();
    auto expanded = expandScenario(scenario, options);
    if (!expanded)
        return expanded.error();
    ScenarioResult result;
    result.name = scenario.name;
    result.file = scenario.path;
    result.origin = expanded->origin;

    if (stages.validate) {
        result.validated = true;
        for (const ScheduledCall &scheduled : expanded->calls) {
            if (scheduled.duplicate)
                continue;
            for (StepViolation violation : stages.validate(scheduled.call)) {
                violation.step = scheduled.step;
                result.violations.push_back(std::move(violation));
            }
        }
    }
    for (const ScheduledCall &dropped : expanded->dropped)
        result.notes.push_back("step " + std::to_string(dropped.step) + " (" + dropped.call.name +
                               ") never arrives (fault drop): the workspace does not see it");

    if (stages.send) {
        auto sent = stages.send(expanded->calls);
        if (!sent)
            return sent.error();
    }
    std::vector<Call> landed;
    if (stages.readBack) {
        auto read = stages.readBack(expanded->calls);
        if (!read)
            return read.error();
        landed = std::move(*read);
    } else {
        for (const ScheduledCall &scheduled : expanded->calls)
            landed.push_back(scheduled.call);
    }

    ChangeSource workspace = stages.makeWorkspace ? stages.makeWorkspace() : makeInProcessWorkspace();
    Simulator simulator(journeys);
    for (const Call &call : landed) {
        const UnixMillis arrivedAt = call.arrivedAt.value_or(call.occurredAt.value_or(expanded->origin));
        for (const WorkspaceChange &change : workspace.apply(call, arrivedAt))
            simulator.apply(change);
    }
    simulator.advanceTo(expanded->runUntil);
    result.timeline = simulator.takeTimeline();
    result.expectations = checkExpectations(scenario, *expanded, result.timeline, workspace.personKeyFor,
                                            result.violations, result.validated);
    result.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    return result;
}

} // namespace preflight
