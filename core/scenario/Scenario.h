#pragma once

#include "call/Call.h"
#include "common/Json.h"
#include "common/Result.h"
#include "common/Time.h"

#include <optional>
#include <string>
#include <vector>

namespace preflight {

// What can go wrong between the customer's device and the workspace, per step.
struct StepFault {
    std::int64_t arrivalDelayMillis = 0; // arrives this long after it happened
    bool duplicate = false; // sent twice (a retry); the copy arrives `duplicateAfterMillis` later
    std::int64_t duplicateAfterMillis = 1000;
    bool outOfOrder = false; // arrives just after the next step
    bool drop = false;       // never arrives (client-side only, blocked)
    friend bool operator==(const StepFault &, const StepFault &) = default;
};

struct ScenarioStep {
    std::int64_t offsetMillis = 0; // when it happens, after the scenario's start
    Json call;                     // a canonical Call (core/call/Call.h) with {{templates}}
    StepFault fault;
    std::string label;
    friend bool operator==(const ScenarioStep &, const ScenarioStep &) = default;
};

struct Expectation {
    enum class Kind {
        MessageSent,
        MessageNotSent,
        JourneyEntered,
        JourneyNotEntered,
        JourneyExit,
        SegmentMembership,
        PlanValidationClean
    };
    Kind kind = Kind::MessageSent;
    std::string message;
    std::string journey;
    std::string exitReason;
    std::string segment;
    bool member = true;
    std::optional<std::int64_t> byMillis; // message / journey: up to this offset
    std::optional<int> count;             // message sent exactly this many times
    std::int64_t atMillis = 0;            // segment membership at this offset
    Json person;                          // an identity ({"email": ...}) with templates; null = anyone
    // A negative expectation that nothing tested ("not sent" when the journey never started) fails,
    // unless the scenario says that is the point ("allow_vacuous": true).
    bool allowVacuous = false;
    std::string where; // JSON pointer of the expectation in its file
    friend bool operator==(const Expectation &, const Expectation &) = default;
};

struct Scenario {
    std::string name;
    std::string description;
    std::optional<UnixMillis> start; // default: kDefaultScenarioStart
    Json vars = Json::object();      // shared values, e.g. "cart_id": "cart-{{uuid}}"
    std::vector<ScenarioStep> steps;
    std::vector<Expectation> expectations;
    std::optional<std::int64_t> runUntilMillis; // default: 30 days after the last arrival
    std::string path;                           // the file it came from
    friend bool operator==(const Scenario &, const Scenario &) = default;
};

inline constexpr const char *kScenarioFormat = "preflight.scenario/1";
inline constexpr UnixMillis kDefaultScenarioStart = 1'767'603'600'000; // 2026-01-05T09:00:00Z, a Monday

Result<Scenario> scenarioFromJson(const Json &json, const std::string &origin = {});
Result<Scenario> loadScenarioFile(const std::string &path);
Json toJson(const Scenario &scenario);
std::string describe(const Expectation &expectation);

// A step made concrete: the call with its occurred/arrived times.
struct ScheduledCall {
    std::size_t step = 0;
    Call call;
    bool duplicate = false; // the retried copy
};

struct ExpandedScenario {
    UnixMillis origin = 0;
    std::string runId;
    Json vars = Json::object();         // resolved
    std::vector<ScheduledCall> calls;   // in arrival order (stable by step)
    std::vector<ScheduledCall> dropped; // happened, never arrived
    UnixMillis runUntil = 0;
};

struct ExpandOptions {
    std::string runId = "run-1";
    std::optional<UnixMillis> start; // overrides the scenario's
};

// Resolves templates ({{run_id}}, {{uuid}}, {{var}}), times and faults. Generated uuids are derived
// from the run id, so a run id always expands the same way.
Result<ExpandedScenario> expandScenario(const Scenario &scenario, const ExpandOptions &options = {});
// Applies the same templates to any JSON value (expectation identities).
Result<Json> resolveTemplates(const Json &value, const ExpandedScenario &expanded, const std::string &where);

} // namespace preflight
