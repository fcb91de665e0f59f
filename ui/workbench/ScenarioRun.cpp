#include "ScenarioRun.h"

#include "outbox/Outbox.h"
#include "plan/PlanFile.h"
#include "runner/ScenarioDelivery.h"
#include "scenario/ScenarioRunner.h"
#include "validate/Validator.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <optional>

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

    std::optional<Plan> plan;
    std::unique_ptr<Validator> validator;
    if (!inputs.planPath.empty()) {
        auto loaded = loadPlan(inputs.planPath);
        if (!loaded)
            return loaded.error();
        plan = std::move(*loaded);
        validator = std::make_unique<Validator>(*plan);
    }

    DeliveryTarget target = inputs.target;
    if (Status started = startInProcessSandboxIfNeeded(target, plan ? &*plan : nullptr); !started)
        return started.error();
    QTemporaryDir scratch;
    const QString outboxPath =
        inputs.outboxPath.isEmpty() ? scratch.filePath(QStringLiteral("outbox.sqlite")) : inputs.outboxPath;
    Outbox outbox;
    if (Status opened = outbox.open(outboxPath); !opened)
        return opened.error();
    DeliverySettings settings;
    settings.drain.maxAttempts = 5;
    settings.readBackTimeoutMs = 5000;
    settings.cancel = &cancel;
    settings.progress = progress;
    ExpandOptions options;
    options.runId = inputs.runId;
    auto result =
        runScenarioDelivered(inputs.scenario, *journeys, validator.get(), target, outbox, settings, options);
    if (!result)
        return result.error();
    run.result = std::move(*result);
    if (validator)
        run.result.notes.push_back("validated against " + inputs.planPath);
    for (StepOutcome &outcome : run.steps)
        outcome.validated = validator != nullptr;
    for (const StepViolation &violation : run.result.violations) {
        if (violation.step < run.steps.size())
            run.steps[violation.step].violations.push_back(violation);
    }
    for (const CallDelivery &delivery : run.result.deliveries) {
        if (delivery.step >= run.steps.size() || delivery.duplicate)
            continue;
        StepOutcome &outcome = run.steps[delivery.step];
        outcome.httpStatus = delivery.status;
        outcome.delivery = delivery.state == "refused" ? "refused" : "delivered";
        outcome.readBack = delivery.detail.empty() ? delivery.state : delivery.state + ": " + delivery.detail;
    }
    for (const CallDelivery &delivery : run.result.deliveries) {
        if (delivery.duplicate && delivery.step < run.steps.size())
            run.steps[delivery.step].delivery = "delivered twice (retry)";
    }

    // Who each step's person is: the replay's workspace holds what landed, in arrival order, with the
    // same deterministic ids, so applying the same calls here gives the timeline's person keys.
    auto expanded = expandScenario(inputs.scenario, options);
    if (expanded) {
        Workspace workspace;
        for (const ScheduledCall &dropped : expanded->dropped) {
            StepOutcome &outcome = run.steps.at(dropped.step);
            outcome.delivery = "dropped (never arrives)";
            outcome.occurredAt = dropped.call.occurredAt.value_or(0);
            outcome.name =
                dropped.call.name.empty() ? std::string(toString(dropped.call.kind)) : dropped.call.name;
        }
        for (const ScheduledCall &scheduled : expanded->calls) {
            StepOutcome &outcome = run.steps.at(scheduled.step);
            const UnixMillis arrived =
                scheduled.call.arrivedAt.value_or(scheduled.call.occurredAt.value_or(0));
            workspace.apply(scheduled.call, arrived);
            if (scheduled.duplicate)
                continue;
            outcome.occurredAt = scheduled.call.occurredAt.value_or(0);
            outcome.arrivedAt = arrived;
            outcome.name = scheduled.call.name.empty() ? std::string(toString(scheduled.call.kind))
                                                       : scheduled.call.name;
        }
        for (const ScheduledCall &scheduled : expanded->calls) {
            if (!scheduled.duplicate)
                run.steps.at(scheduled.step).personKey = personKeyIn(workspace, scheduled.call.identity);
        }
    }
    return run;
}

} // namespace preflight::ui
