#include "ScenarioRun.h"

#include "outbox/Outbox.h"
#include "plan/PlanFile.h"
#include "runner/ScenarioDelivery.h"
#include "validate/Validator.h"

#include <QTemporaryDir>

#include <optional>

namespace preflight::ui {

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
    for (std::size_t i = 0; i < run.result.steps.size() && i < run.steps.size(); ++i) {
        const StepRecord &step = run.result.steps[i];
        StepOutcome &outcome = run.steps[i];
        outcome.name = step.name;
        outcome.occurredAt = step.occurredAt;
        outcome.arrivedAt = step.arrivedAt;
        outcome.personKey = step.personKey;
        if (step.dropped)
            outcome.delivery = "dropped (never arrives)";
    }
    for (const CallDelivery &delivery : run.result.deliveries) {
        if (delivery.step >= run.steps.size() || delivery.duplicate)
            continue;
        StepOutcome &outcome = run.steps[delivery.step];
        const std::string state(toString(delivery.state));
        outcome.httpStatus = delivery.status;
        outcome.delivery = delivery.state == DeliveryState::Refused ? "refused" : "delivered";
        outcome.readBack = delivery.detail.empty() ? state : state + ": " + delivery.detail;
    }
    for (const CallDelivery &delivery : run.result.deliveries) {
        if (delivery.duplicate && delivery.step < run.steps.size())
            run.steps[delivery.step].delivery = "delivered twice (retry)";
    }
    return run;
}

} // namespace preflight::ui
