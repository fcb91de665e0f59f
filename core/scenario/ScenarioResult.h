#pragma once

#include "api/HttpRequest.h"
#include "journeys/Journeys.h"
#include "scenario/Scenario.h"
#include "sim/Timeline.h"

#include <functional>
#include <string>
#include <vector>

namespace preflight {

struct ExpectationResult {
    enum class Status { Passed, Failed, Skipped };
    std::string description;
    Status status = Status::Passed;
    std::string detail; // what was found, and why (the timeline entries behind the verdict)
    std::string where;  // the expectation's JSON pointer
};

// One plan-validation finding for one step, as the validate stage reports it.
struct StepViolation {
    std::size_t step = 0;
    std::string code;
    std::string pointer;
    std::string message;
};

// What became of one call on its way to the environment (`preflight-cli run`).
enum class DeliveryState {
    Sent,         // on the wire, no answer yet
    Acknowledged, // 2xx; nothing (or nothing more) to read back
    Visible,      // read back through the App-API-shaped endpoints
    Missing,      // acknowledged, but the read-back did not find it
    Refused,      // a permanent 4xx, in the outbox's dead letters
};
std::string_view toString(DeliveryState state);
// The target has it, so the replay includes it.
constexpr bool landed(DeliveryState state)
{
    return state == DeliveryState::Visible || state == DeliveryState::Acknowledged;
}

struct CallDelivery {
    std::size_t step = 0;
    std::string kind;
    std::string name;
    std::string dedupeId;
    bool duplicate = false; // the retried copy the scenario's duplicate fault sends
    DeliveryState state = DeliveryState::Sent;
    int status = 0; // the last HTTP status
    std::string detail;
    OrderedJson request; // the request as sent, secrets redacted (toJson(HttpRequest)); null when none
};

// One scenario step as the run saw it: when it happened and arrived, and whose it is in the timeline.
struct StepRecord {
    std::string name; // the event's name, or the call's kind
    UnixMillis occurredAt = 0;
    UnixMillis arrivedAt = 0;
    bool dropped = false;  // happened, never arrived (fault drop)
    std::string personKey; // the timeline's person key after the replay; "" when the replay never saw them
};

struct ScenarioResult {
    std::string name;
    std::string file;
    UnixMillis origin = 0;
    Timeline timeline;
    std::vector<ExpectationResult> expectations;
    std::vector<StepViolation> violations;
    bool validated = false;               // a plan validator ran
    std::vector<std::string> notes;       // stages skipped, choices made
    std::string target;                   // where the calls went ("" when nothing left the process)
    std::vector<CallDelivery> deliveries; // one per call sent, in arrival order
    std::vector<StepRecord> steps;        // one per scenario step
    double seconds = 0;

    bool passed() const;
};

// Resolves an expectation's person (an identity) to the timeline's person key; "" when unknown.
using PersonResolver = std::function<std::string(const Identity &)>;

// `journeys` tells which campaigns send a message and which segments exist, so that a negative
// expectation nothing could have tested fails as vacuous.
std::vector<ExpectationResult> checkExpectations(const Scenario &scenario, const Journeys &journeys,
                                                 const ExpandedScenario &expanded, const Timeline &timeline,
                                                 const PersonResolver &resolvePerson,
                                                 const std::vector<StepViolation> &violations,
                                                 bool validated);

// Reports: the machine-readable JSON and JUnit XML for CI (one testsuite per scenario, one testcase per
// expectation), and the text printed by `preflight-cli run`.
Json reportToJson(const std::vector<ScenarioResult> &results);

// One request a run report (`preflight.run-report/1`) recorded, for opening in the payload inspector.
struct ReportedRequest {
    std::string scenario;
    std::size_t step = 0;
    std::string kind;
    std::string name;
    std::string state;
    HttpRequest request; // redacted
};
// Every request in a run report, in order. Error (with the JSON pointer) when the report is not one.
Result<std::vector<ReportedRequest>> requestsInRunReport(const Json &report);
std::string reportToJUnitXml(const std::vector<ScenarioResult> &results);
std::string reportToText(const ScenarioResult &result);
// "Delivery to …:" and one line per call with its state; "" when nothing was sent.
std::string deliveriesToText(const ScenarioResult &result);

} // namespace preflight
