#include "runner/ScenarioRunner.h"

#include "sim/Simulator.h"
#include "workspace/Workspace.h"

#include <QElapsedTimer>

#include <algorithm>
#include <map>

namespace preflight {

ExpectationResult omittedCall(const Scenario &scenario, const ScheduledCall &call)
{
    ExpectationResult omitted;
    omitted.description = "step " + std::to_string(call.step) + " " + std::string(toString(call.call.kind)) +
                          (call.call.name.empty() ? "" : " " + call.call.name) +
                          (call.duplicate ? " (duplicate)" : "") + " is replayed";
    omitted.status = ExpectationResult::Status::Failed;
    omitted.detail = "the read-back did not find it, so the replay leaves it out and no expectation sees it";
    omitted.where = scenario.path + "#/steps/" + std::to_string(call.step);
    return omitted;
}

namespace {

std::vector<StepRecord> stepRecords(const Scenario &scenario, const ExpandedScenario &expanded,
                                    const PersonResolver &personKeyFor)
{
    std::vector<StepRecord> steps(scenario.steps.size());
    auto record = [&steps](const ScheduledCall &scheduled) -> StepRecord * {
        if (scheduled.duplicate || scheduled.step >= steps.size())
            return nullptr;
        StepRecord &step = steps[scheduled.step];
        const Call &call = scheduled.call;
        step.name = call.name.empty() ? std::string(toString(call.kind)) : call.name;
        step.occurredAt = call.occurredAt.value_or(0);
        return &step;
    };
    for (const ScheduledCall &dropped : expanded.dropped) {
        if (StepRecord *step = record(dropped))
            step->dropped = true;
    }
    for (const ScheduledCall &scheduled : expanded.calls) {
        if (StepRecord *step = record(scheduled)) {
            step->arrivedAt = scheduled.call.arrivedAt.value_or(step->occurredAt);
            step->personKey = personKeyFor(scheduled.call.identity);
        }
    }
    return steps;
}

} // namespace

ChangeSource makeInProcessWorkspace()
{
    auto workspace = std::make_shared<Workspace>();
    return ChangeSource{
        [workspace](const Call &call, UnixMillis arrivedAt) { return workspace->apply(call, arrivedAt); },
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
    std::vector<ScheduledCall> landed = expanded->calls;
    std::vector<ExpectationResult> omissions;
    if (stages.readBack) {
        auto read = stages.readBack(expanded->calls);
        if (!read)
            return read.error();
        landed = std::move(*read);
        for (const ScheduledCall &sent : expanded->calls) {
            const bool replayed =
                std::any_of(landed.begin(), landed.end(), [&sent](const ScheduledCall &call) {
                    return call.step == sent.step && call.duplicate == sent.duplicate;
                });
            if (!replayed)
                omissions.push_back(omittedCall(scenario, sent));
        }
    }

    ChangeSource workspace = stages.makeWorkspace ? stages.makeWorkspace() : makeInProcessWorkspace();
    Simulator simulator(journeys);
    std::map<std::string, std::size_t> stepOfEventId; // the step whose event first carried each id
    for (const ScheduledCall &scheduled : landed) {
        const Call &call = scheduled.call;
        const UnixMillis arrivedAt = call.arrivedAt.value_or(call.occurredAt.value_or(expanded->origin));
        const ApplyResult applied = workspace.apply(call, arrivedAt);
        if (applied.reason == IgnoreReason::DuplicateEventId) {
            // The workspace ignores it without a change; the timeline still shows what it ignored.
            const auto first = stepOfEventId.find(call.dedupeId);
            const WorkspaceChange ignored = ignoredDuplicate(
                call, workspace.personKeyFor(call.identity), arrivedAt,
                first != stepOfEventId.end() ? "same id as step " + std::to_string(first->second)
                                             : "same id as an earlier event");
            if (!ignored.personKey.empty())
                simulator.apply(ignored);
        } else if (!call.dedupeId.empty() && applied.accepted) {
            stepOfEventId.emplace(call.dedupeId, scheduled.step);
        }
        for (const WorkspaceChange &change : applied.changes)
            simulator.apply(change);
    }
    simulator.advanceTo(expanded->runUntil);
    result.steps = stepRecords(scenario, *expanded, workspace.personKeyFor);
    result.timeline = simulator.takeTimeline();
    result.expectations = checkExpectations(scenario, journeys, *expanded, result.timeline,
                                            workspace.personKeyFor, result.violations, result.validated);
    // A call the scenario sent but the replay leaves out would make every verdict about it vacuous.
    for (ExpectationResult &omission : omissions)
        result.expectations.push_back(std::move(omission));
    result.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    return result;
}

} // namespace preflight
