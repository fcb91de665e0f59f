#include "runner/ScenarioDelivery.h"

#include "api/Dialect.h"
#include "call/DedupeId.h"
#include "env/TestCustomers.h"
#include "outbox/Outbox.h"
#include "outbox/ReadBack.h"
#include "runner/ReadBackExpectations.h"
#include "validate/Validator.h"

#include <QDateTime>

#include <algorithm>
#include <map>
#include <memory>

namespace preflight {

namespace {

struct Sent {
    std::size_t index = 0; // in the expanded calls
    std::int64_t outboxId = 0;
};

// What the send stage leaves for the read-back stage.
struct SendStageOutput {
    std::vector<Sent> sent;
    std::vector<CallDelivery> deliveries;
    std::vector<ScheduledCall> calls;  // the scheduled calls with their dedupe ids
    std::vector<OrderedJson> requests; // per call: the request as queued, redacted
    std::vector<std::string> notes;    // calls sent on another surface than the run's
};

DeliveryState deliveryState(const ReadBack::Item &item)
{
    switch (item.state) {
    case OutboxState::Pending: return DeliveryState::Sent;
    case OutboxState::Dead: return DeliveryState::Refused;
    case OutboxState::Done: break;
    }
    switch (item.visibility) {
    case ReadBack::Visibility::Visible: return DeliveryState::Visible;
    case ReadBack::Visibility::Missing: return DeliveryState::Missing;
    case ReadBack::Visibility::NotChecked: break;
    }
    return DeliveryState::Acknowledged;
}

} // namespace

Result<Api> deliveryApi(const Environment &environment, std::optional<Api> wanted)
{
    if (wanted) {
        if (*wanted == Api::App || !environment.uses(*wanted))
            return Error{"api_unavailable",
                         "environment '" + environment.name + "' does not send with " +
                             std::string(toString(*wanted)),
                         environment.name};
        return *wanted;
    }
    for (Api api : {Api::TrackV1, Api::TrackV2, Api::Pipelines}) {
        if (environment.uses(api))
            return api;
    }
    return Error{"api_unavailable", "environment '" + environment.name + "' uses no sending API",
                 environment.name};
}

Result<ScenarioResult> runScenarioDelivered(const Scenario &scenario, const Journeys &journeys,
                                            const Validator *validator, const DeliveryTarget &target,
                                            Outbox &outbox, const DeliverySettings &settings,
                                            const ExpandOptions &options)
{
    Result<Api> api = deliveryApi(target.environment, settings.api);
    if (!api)
        return api.error();
    const ApiTarget apiTarget = target.apiTarget();
    auto state = std::make_shared<SendStageOutput>();
    const Error cancelled{"cancelled", "the run was cancelled", scenario.path};
    auto isCancelled = [&settings] { return settings.cancel && settings.cancel->load(); };
    // Progress: one tick per validated call, per settled delivery and per call read back.
    auto validated = std::make_shared<int>(0);
    auto callCount = std::make_shared<int>(int(scenario.steps.size()));
    auto report = [&settings, callCount](int done) {
        if (settings.progress)
            settings.progress(std::min(done, 3 * *callCount), 3 * *callCount);
    };

    RunnerStages stages;
    if (validator) {
        stages.validate = [validator, validated, report](const Call &call) {
            report(++*validated);
            std::vector<StepViolation> out;
            for (const Violation &violation : validator->validate(call)) {
                if (violation.severity == Severity::Error)
                    out.push_back({0, violation.code, violation.pointer, violation.message});
            }
            return out;
        };
    }
    stages.send = [&, state, api = *api](const std::vector<ScheduledCall> &scheduled) -> Status {
        if (isCancelled())
            return cancelled;
        state->calls = scheduled;
        *callCount = int(scheduled.size());
        *validated = *callCount; // without a plan nothing was validated: that stage is done too
        report(*validated);
        std::vector<OutboxEntry> entries;
        for (std::size_t i = 0; i < state->calls.size(); ++i) {
            ScheduledCall &item = state->calls[i];
            Call &call = item.call;
            const std::string where = scenario.path + ": step " + std::to_string(item.step);
            if (call.dedupeId.empty())
                call.dedupeId =
                    derivedDedupeId(options.runId + "\n" + scenario.path + "\n" + std::to_string(item.step) +
                                    "\n" + std::string(toString(call.kind)) + "\n" + call.name);
            if (target.environment.kind == EnvironmentKind::Workspace)
                TestCustomers::tag(call);
            if (target.environment.production && !TestCustomers::hasTestIdentity(call))
                return Error{"production_test_id",
                             "in a production environment a test person's id must start with '" +
                                 std::string(TestCustomers::kIdPrefix) + "' (see docs/sending.md)",
                             where};
            const Api callApi = apiCarrying(call, api);
            if (callApi != api)
                state->notes.push_back("step " + std::to_string(item.step) + " (" +
                                       std::string(toString(call.kind)) + ") was sent on " +
                                       std::string(toString(callApi)) + ": " + std::string(toString(api)) +
                                       " has no such call");
            Result<HttpRequest> request = dialectFor(callApi).render(call, apiTarget);
            if (!request)
                return Error{request.error().code, request.error().message, where};
            OutboxEntry entry;
            entry.environment = target.environment.name;
            entry.api = callApi;
            // The duplicate is a request of its own in the outbox; on the wire it carries the same dedupe id.
            entry.dedupeId = call.dedupeId + (item.duplicate ? "~duplicate" : "");
            entry.request = std::move(*request);
            state->requests.push_back(toJson(entry.request));
            entries.push_back(std::move(entry));
        }
        Result<Outbox::EnqueueReport> queued = outbox.enqueue(entries, QDateTime::currentMSecsSinceEpoch());
        if (!queued)
            return queued.error();
        for (std::size_t i = 0; i < queued->ids.size(); ++i)
            state->sent.push_back({i, queued->ids[i]});
        DrainSettings drain = settings.drain;
        drain.progress = [&, previous = settings.drain.progress](int done, int dead, int pending) {
            if (previous)
                previous(done, dead, pending);
            report(*callCount + done + dead);
        };
        Result<OutboxSender::Totals> totals =
            drainOutbox(outbox, target.environment.name, target.credentials, drain);
        if (!totals)
            return totals.error();
        return Ok{};
    };
    stages.readBack = [&, state](const std::vector<ScheduledCall> &) -> Result<std::vector<ScheduledCall>> {
        if (isCancelled())
            return cancelled;
        std::vector<ReadBack::Item> items;
        // The acknowledged copy of a duplicate lands on the same event (same id): its original tells.
        std::vector<bool> acknowledgedCopy;
        for (const Sent &sent : state->sent) {
            Result<OutboxEntry> entry = outbox.entry(sent.outboxId);
            ReadBack::Item item;
            item.call = state->calls[sent.index].call;
            item.state = entry ? entry->state : OutboxState::Pending;
            item.status = entry ? entry->lastStatus : 0;
            if (entry && entry->state == OutboxState::Dead)
                item.detail = entry->lastResponse;
            acknowledgedCopy.push_back(state->calls[sent.index].duplicate && item.state == OutboxState::Done);
            items.push_back(std::move(item));
        }
        // Acknowledged calls are read back as the later ones left them: through the primary after a merge,
        // with an overwritten attribute's final value.
        std::vector<ScheduledCall> acknowledged;
        std::vector<std::size_t> acknowledgedAt;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].state == OutboxState::Done) {
                acknowledged.push_back(state->calls[state->sent[i].index]);
                acknowledgedAt.push_back(i);
            }
        }
        std::vector<ExpectedReadBack> expectedAt(items.size());
        const std::vector<ExpectedReadBack> expected = expectedReadBacks(acknowledged);
        for (std::size_t a = 0; a < acknowledged.size(); ++a) {
            ReadBack::Item &item = items[acknowledgedAt[a]];
            item.readAs = expected[a].readAs;
            item.attributes = expected[a].attributes;
            expectedAt[acknowledgedAt[a]] = expected[a];
        }
        std::vector<ReadBack::Item> checked;
        std::vector<std::size_t> checkedAt;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!acknowledgedCopy[i] && expectedAt[i].ignored.empty()) {
                checked.push_back(items[i]);
                checkedAt.push_back(i);
            }
        }
        ReadBack::poll(checked, apiTarget, settings.readBackTimeoutMs, target.inProcess() ? 100 : 1000);
        report(3 * *callCount);
        for (std::size_t i = 0; i < checked.size(); ++i)
            items[checkedAt[i]] = checked[i];

        // Landed: acknowledged and not read back as missing. A duplicate lands when its original does.
        std::map<std::string, DeliveryState> originalState;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const ScheduledCall &scheduled = state->calls[state->sent[i].index];
            const ReadBack::Item &item = items[i];
            CallDelivery delivery;
            delivery.step = scheduled.step;
            delivery.kind = std::string(toString(scheduled.call.kind));
            delivery.name = scheduled.call.name;
            delivery.dedupeId = scheduled.call.dedupeId;
            delivery.duplicate = scheduled.duplicate;
            delivery.status = item.status;
            delivery.request = state->requests[state->sent[i].index];
            if (acknowledgedCopy[i]) {
                delivery.state = DeliveryState::Acknowledged;
                delivery.detail = "the same dedupe id as step " + std::to_string(scheduled.step) + "'s call";
            } else {
                delivery.state = deliveryState(item);
                delivery.detail = delivery.state == DeliveryState::Visible ? expectedAt[i].note : item.detail;
                if (delivery.state == DeliveryState::Acknowledged && !expectedAt[i].ignored.empty())
                    delivery.detail =
                        "the workspace ignores it (" + expectedAt[i].ignored + "): nothing to read back";
                if (delivery.state == DeliveryState::Missing && expectedAt[i].mergedAway &&
                    item.call.kind != CallKind::Identify) {
                    // Landed, then taken away: the merge dropped it with the secondary.
                    delivery.state = DeliveryState::Acknowledged;
                    delivery.detail = "not on the primary (" + item.detail + "): " + expectedAt[i].note +
                                      ", and an event older than 30 days by the workspace's clock goes with "
                                      "the secondary";
                }
                originalState[scheduled.call.dedupeId] = delivery.state;
            }
            state->deliveries.push_back(delivery);
        }
        std::vector<ScheduledCall> landedCalls;
        for (const Sent &sent : state->sent) {
            const ScheduledCall &scheduled = state->calls[sent.index];
            const auto original = originalState.find(scheduled.call.dedupeId);
            if (original != originalState.end() && landed(original->second))
                landedCalls.push_back(scheduled); // arrivedAt: the scenario's virtual arrival time
        }
        return landedCalls;
    };

    Result<ScenarioResult> result = runScenario(scenario, journeys, stages, options);
    if (!result)
        return result;
    result->target = target.describe() + " with " + std::string(toString(*api));
    result->deliveries = std::move(state->deliveries);
    result->notes.insert(result->notes.end(), state->notes.begin(), state->notes.end());
    // The runner failed each call the replay leaves out; the delivery says why.
    for (const CallDelivery &delivery : result->deliveries) {
        if (landed(delivery.state))
            continue;
        const std::string call = "step " + std::to_string(delivery.step) + " " + delivery.kind +
                                 (delivery.name.empty() ? "" : " " + delivery.name) +
                                 (delivery.duplicate ? " (duplicate)" : "");
        const std::string state(toString(delivery.state));
        result->notes.push_back(call + " was " + state + ": the replay leaves it out");
        for (ExpectationResult &expectation : result->expectations) {
            if (expectation.description == call + " is replayed")
                expectation.detail = "it was " + state +
                                     (delivery.detail.empty() ? "" : " (" + delivery.detail + ")") +
                                     ", so the replay leaves it out and no expectation sees it";
        }
    }
    return result;
}

} // namespace preflight
