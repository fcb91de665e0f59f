#include "ScenarioRun.h"

#include "plan/PlanFile.h"
#include "scenario/ScenarioRunner.h"
#include "validate/Validator.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFileInfo>

namespace preflight::ui {

std::string fileBeside(const std::string &scenarioPath, const char *pattern)
{
    const QDir folder = QFileInfo(QString::fromStdString(scenarioPath)).absoluteDir();
    const QStringList found = folder.entryList({QString::fromLatin1(pattern)}, QDir::Files, QDir::Name);
    return found.size() == 1 ? folder.filePath(found.front()).toStdString() : std::string();
}

Result<WorkbenchRun> runWorkbenchScenario(const RunInputs &inputs,
                                          const std::function<void(int, int)> &progress,
                                          const std::atomic_bool &cancel)
{
    auto journeys = loadJourneysFile(inputs.journeysPath);
    if (!journeys)
        return journeys.error();
    WorkbenchRun run;
    run.journeysPath = inputs.journeysPath;
    run.planPath = inputs.planPath;
    run.steps.resize(inputs.scenario.steps.size());

    const Error cancelled{"cancelled", "the run was cancelled", inputs.scenario.path};
    std::shared_ptr<Validator> validator;
    if (!inputs.planPath.empty()) {
        auto plan = loadPlan(inputs.planPath);
        if (!plan)
            return plan.error();
        validator = std::make_shared<Validator>(*plan);
    }
    // Progress: one tick per validated call, per delivered call and per replayed call.
    int done = 0;
    int total = int(inputs.scenario.steps.size()) * 3;
    auto tick = [&] {
        if (progress)
            progress(++done, total);
    };

    RunnerStages stages;
    if (validator) {
        stages.validate = [&, validator](const Call &call) {
            std::vector<StepViolation> out;
            if (cancel)
                return out;
            for (const Violation &violation : validator->validate(call)) {
                if (violation.severity == Severity::Error)
                    out.push_back({0, violation.code, violation.pointer, violation.message});
            }
            tick();
            return out;
        };
    }
    auto workspace = std::make_shared<Workspace>();
    stages.send = [&](const std::vector<ScheduledCall> &calls) -> Status {
        total = int(inputs.scenario.steps.size()) + int(calls.size()) * 2;
        for (const ScheduledCall &scheduled : calls) {
            if (cancel)
                return cancelled;
            StepOutcome &outcome = run.steps.at(scheduled.step);
            // The in-process workspace accepts what the sandbox would: 200 for a stored call.
            outcome.httpStatus = 200;
            outcome.delivery = scheduled.duplicate ? "delivered twice (retry)" : "delivered";
            outcome.occurredAt = scheduled.call.occurredAt.value_or(0);
            if (!scheduled.duplicate)
                outcome.arrivedAt = scheduled.call.arrivedAt.value_or(outcome.occurredAt);
            outcome.name = scheduled.call.name.empty() ? std::string(toString(scheduled.call.kind))
                                                       : scheduled.call.name;
            tick();
        }
        return Ok{};
    };
    stages.makeWorkspace = [&, workspace] {
        return ChangeSource{
            [&, workspace](const Call &call, UnixMillis arrivedAt) {
                tick();
                return workspace->apply(call, arrivedAt).changes;
            },
            [workspace](const Identity &identity) { return personKeyIn(*workspace, identity); }};
    };
    ExpandOptions options;
    options.runId = inputs.runId;
    auto result = runScenario(inputs.scenario, *journeys, stages, options);
    if (!result)
        return result.error();
    if (cancel)
        return cancelled;
    run.result = std::move(*result);
    if (validator)
        run.result.notes.push_back("validated against " + inputs.planPath);
    for (StepOutcome &outcome : run.steps)
        outcome.validated = validator != nullptr;
    for (const StepViolation &violation : run.result.violations) {
        if (violation.step < run.steps.size())
            run.steps[violation.step].violations.push_back(violation);
    }
    // Read back: who each step's person is in the workspace now, and what it holds for them.
    auto expanded = expandScenario(inputs.scenario, options);
    if (expanded) {
        for (const ScheduledCall &dropped : expanded->dropped) {
            StepOutcome &outcome = run.steps.at(dropped.step);
            outcome.delivery = "dropped (never arrives)";
            outcome.occurredAt = dropped.call.occurredAt.value_or(0);
            outcome.name =
                dropped.call.name.empty() ? std::string(toString(dropped.call.kind)) : dropped.call.name;
        }
        for (const ScheduledCall &scheduled : expanded->calls) {
            if (scheduled.duplicate)
                continue;
            StepOutcome &outcome = run.steps.at(scheduled.step);
            outcome.personKey = personKeyIn(*workspace, scheduled.call.identity);
            outcome.readBack =
                outcome.personKey.empty() ? "no person stored" : "stored for person " + outcome.personKey;
        }
    }
    return run;
}

} // namespace preflight::ui
