#pragma once

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

struct ScenarioResult {
    std::string name;
    std::string file;
    UnixMillis origin = 0;
    Timeline timeline;
    std::vector<ExpectationResult> expectations;
    std::vector<StepViolation> violations;
    bool validated = false;         // a plan validator ran
    std::vector<std::string> notes; // stages skipped, choices made
    double seconds = 0;

    bool passed() const;
};

// Resolves an expectation's person (an identity) to the timeline's person key; "" when unknown.
using PersonResolver = std::function<std::string(const Identity &)>;

std::vector<ExpectationResult> checkExpectations(const Scenario &scenario, const ExpandedScenario &expanded,
                                                 const Timeline &timeline,
                                                 const PersonResolver &resolvePerson,
                                                 const std::vector<StepViolation> &violations,
                                                 bool validated);

// Reports: the machine-readable JSON and JUnit XML for CI (one testsuite per scenario, one testcase per
// expectation), and the text printed by `preflight-cli run`.
Json reportToJson(const std::vector<ScenarioResult> &results);
std::string reportToJUnitXml(const std::vector<ScenarioResult> &results);
std::string reportToText(const ScenarioResult &result);

} // namespace preflight
