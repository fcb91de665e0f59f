#include "scenario/Scenario.h"

namespace preflight {

namespace {

Error bad(const std::string &where, const std::string &message)
{
    return Error{"bad_scenario", message, where};
}

Result<std::int64_t> offsetAt(const Json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    const auto millis =
        it != object.end() && it->is_string() ? parseDurationMillis(it->get<std::string>()) : std::nullopt;
    if (!millis)
        return bad(where + "/" + key,
                   std::string("\"") + key + "\" must be an offset such as \"+0m\", \"+30m\", \"+2d\"");
    return *millis;
}

std::string offsetText(std::int64_t millis)
{
    return millis < 0 ? formatDurationMillis(millis) : "+" + formatDurationMillis(millis);
}

Result<StepFault> faultFromJson(const Json &json, const std::string &where)
{
    StepFault fault;
    if (!json.is_object())
        return bad(where, "fault must be an object");
    for (const auto &[key, value] : json.items()) {
        if (key == "arrival_delay") {
            auto delay = offsetAt(json, "arrival_delay", where);
            if (!delay || *delay < 0)
                return bad(where + "/arrival_delay",
                           "arrival_delay must be a positive duration such as \"45m\"");
            fault.arrivalDelayMillis = *delay;
        } else if (key == "duplicate") {
            if (value.is_boolean()) {
                fault.duplicate = value.get<bool>();
            } else {
                auto after = offsetAt(json, "duplicate", where);
                if (!after)
                    return bad(where + "/duplicate", "duplicate is true or the delay of the copy (\"5s\")");
                fault.duplicate = true;
                fault.duplicateAfterMillis = *after;
            }
        } else if (key == "out_of_order" && value.is_boolean()) {
            fault.outOfOrder = value.get<bool>();
        } else if (key == "drop" && value.is_boolean()) {
            fault.drop = value.get<bool>();
        } else {
            return bad(where + "/" + key,
                       "unknown fault \"" + key + "\" (arrival_delay, duplicate, out_of_order, drop)");
        }
    }
    return fault;
}

Result<Expectation> expectationFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return bad(where, "an expectation must be an object");
    Expectation expectation;
    expectation.where = where;
    if (json.contains("person"))
        expectation.person = json["person"];
    if (json.contains("allow_vacuous")) {
        if (!json["allow_vacuous"].is_boolean())
            return bad(where + "/allow_vacuous", "allow_vacuous must be true or false");
        expectation.allowVacuous = json["allow_vacuous"].get<bool>();
    }
    if (json.contains("by")) {
        auto by = offsetAt(json, "by", where);
        if (!by)
            return by.error();
        expectation.byMillis = *by;
    }
    if (json.contains("message")) {
        if (!json["message"].is_string())
            return bad(where + "/message", "message must be the message name");
        expectation.message = json["message"].get<std::string>();
        const bool sent = json.value("sent", true);
        expectation.kind = sent ? Expectation::Kind::MessageSent : Expectation::Kind::MessageNotSent;
        if (json.contains("count")) {
            if (!json["count"].is_number_integer() || json["count"].get<int>() < 0)
                return bad(where + "/count", "count must be a non-negative integer");
            expectation.count = json["count"].get<int>();
        }
        return expectation;
    }
    if (json.contains("journey")) {
        if (!json["journey"].is_string())
            return bad(where + "/journey", "journey must be the campaign name");
        expectation.journey = json["journey"].get<std::string>();
        if (json.contains("exit")) {
            if (!json["exit"].is_string())
                return bad(where + "/exit",
                           "exit must be a reason code (converted, left_segment, no_longer_matching, ...)");
            expectation.kind = Expectation::Kind::JourneyExit;
            expectation.exitReason = json["exit"].get<std::string>();
        } else {
            expectation.kind = json.value("entered", true) ? Expectation::Kind::JourneyEntered
                                                           : Expectation::Kind::JourneyNotEntered;
        }
        return expectation;
    }
    if (json.contains("segment")) {
        if (!json["segment"].is_string())
            return bad(where + "/segment", "segment must be the segment name");
        expectation.kind = Expectation::Kind::SegmentMembership;
        expectation.segment = json["segment"].get<std::string>();
        expectation.member = json.value("member", true);
        auto at = offsetAt(json, "at", where);
        if (!at)
            return at.error();
        expectation.atMillis = *at;
        return expectation;
    }
    if (json.contains("plan_validation")) {
        if (json["plan_validation"] != "clean")
            return bad(where + "/plan_validation", "plan_validation must be \"clean\"");
        expectation.kind = Expectation::Kind::PlanValidationClean;
        return expectation;
    }
    return bad(where, "an expectation has one of \"message\", \"journey\", \"segment\", \"plan_validation\"");
}

} // namespace

Result<Scenario> scenarioFromJson(const Json &json, const std::string &origin)
{
    const std::string root = origin + "#";
    if (!json.is_object())
        return bad(root, "a scenario is a JSON object");
    if (json.value("format", std::string()) != kScenarioFormat)
        return bad(root + "/format", std::string("\"format\" must be \"") + kScenarioFormat + "\"");
    Scenario scenario;
    scenario.path = origin;
    scenario.name = json.value("name", std::string());
    if (scenario.name.empty())
        return bad(root + "/name", "a scenario needs a \"name\"");
    scenario.description = json.value("description", std::string());
    if (json.contains("start")) {
        const auto start =
            json["start"].is_string() ? parseIso8601(json["start"].get<std::string>()) : std::nullopt;
        if (!start)
            return bad(root + "/start", "start must be an ISO-8601 date-time with a zone");
        scenario.start = *start;
    }
    if (json.contains("vars")) {
        if (!json["vars"].is_object())
            return bad(root + "/vars", "vars must be an object of strings");
        for (const auto &[key, value] : json["vars"].items()) {
            if (!value.is_string())
                return bad(root + "/vars/" + key, "a var must be a string");
        }
        scenario.vars = json["vars"];
    }
    if (json.contains("run_until")) {
        auto until = offsetAt(json, "run_until", root);
        if (!until)
            return until.error();
        scenario.runUntilMillis = *until;
    }
    const Json steps = json.value("steps", Json::array());
    if (!steps.is_array() || steps.empty())
        return bad(root + "/steps", "a scenario needs a non-empty \"steps\" array");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::string at = root + "/steps/" + std::to_string(i);
        if (!steps[i].is_object())
            return bad(at, "a step is an object");
        ScenarioStep step;
        auto offset = offsetAt(steps[i], "at", at);
        if (!offset)
            return offset.error();
        step.offsetMillis = *offset;
        step.label = steps[i].value("label", std::string());
        if (steps[i].contains("fault")) {
            auto fault = faultFromJson(steps[i]["fault"], at + "/fault");
            if (!fault)
                return fault.error();
            step.fault = *fault;
        }
        step.call = steps[i];
        for (const char *key : {"at", "label", "fault"})
            step.call.erase(key);
        // Checked now with placeholders in place, so a typo is reported before anything runs.
        auto call = callFromJson(step.call, at);
        if (!call)
            return call.error();
        if (call->occurredAt || call->arrivedAt)
            return bad(at, "steps take their times from \"at\" and faults; remove occurred_at/arrived_at");
        scenario.steps.push_back(std::move(step));
    }
    const Json expectations = json.value("expect", Json::array());
    if (!expectations.is_array())
        return bad(root + "/expect", "expect must be an array");
    for (std::size_t i = 0; i < expectations.size(); ++i) {
        auto expectation = expectationFromJson(expectations[i], root + "/expect/" + std::to_string(i));
        if (!expectation)
            return expectation.error();
        scenario.expectations.push_back(std::move(*expectation));
    }
    return scenario;
}

Result<Scenario> loadScenarioFile(const std::string &path)
{
    auto json = readJsonFile(path);
    if (!json)
        return json.error();
    return scenarioFromJson(*json, path);
}

Json toJson(const Scenario &scenario)
{
    Json out = {{"format", kScenarioFormat}, {"name", scenario.name}};
    if (!scenario.description.empty())
        out["description"] = scenario.description;
    if (scenario.start)
        out["start"] = toIso8601(*scenario.start);
    if (!scenario.vars.empty())
        out["vars"] = scenario.vars;
    if (scenario.runUntilMillis)
        out["run_until"] = offsetText(*scenario.runUntilMillis);
    Json steps = Json::array();
    for (const ScenarioStep &step : scenario.steps) {
        Json item = step.call;
        item["at"] = offsetText(step.offsetMillis);
        if (!step.label.empty())
            item["label"] = step.label;
        const StepFault none;
        if (!(step.fault == none)) {
            Json fault = Json::object();
            if (step.fault.arrivalDelayMillis)
                fault["arrival_delay"] = formatDurationMillis(step.fault.arrivalDelayMillis);
            if (step.fault.duplicate)
                fault["duplicate"] = step.fault.duplicateAfterMillis == none.duplicateAfterMillis
                                         ? Json(true)
                                         : Json(formatDurationMillis(step.fault.duplicateAfterMillis));
            if (step.fault.outOfOrder)
                fault["out_of_order"] = true;
            if (step.fault.drop)
                fault["drop"] = true;
            item["fault"] = fault;
        }
        steps.push_back(item);
    }
    out["steps"] = steps;
    Json expectations = Json::array();
    for (const Expectation &expectation : scenario.expectations) {
        Json item = Json::object();
        switch (expectation.kind) {
        case Expectation::Kind::MessageSent:
        case Expectation::Kind::MessageNotSent:
            item["message"] = expectation.message;
            item["sent"] = expectation.kind == Expectation::Kind::MessageSent;
            if (expectation.count)
                item["count"] = *expectation.count;
            break;
        case Expectation::Kind::JourneyEntered:
        case Expectation::Kind::JourneyNotEntered:
            item["journey"] = expectation.journey;
            item["entered"] = expectation.kind == Expectation::Kind::JourneyEntered;
            break;
        case Expectation::Kind::JourneyExit:
            item["journey"] = expectation.journey;
            item["exit"] = expectation.exitReason;
            break;
        case Expectation::Kind::SegmentMembership:
            item["segment"] = expectation.segment;
            item["member"] = expectation.member;
            item["at"] = offsetText(expectation.atMillis);
            break;
        case Expectation::Kind::PlanValidationClean: item["plan_validation"] = "clean"; break;
        }
        if (expectation.byMillis)
            item["by"] = offsetText(*expectation.byMillis);
        if (!expectation.person.is_null())
            item["person"] = expectation.person;
        if (expectation.allowVacuous)
            item["allow_vacuous"] = true;
        expectations.push_back(item);
    }
    out["expect"] = expectations;
    return out;
}

std::string describe(const Expectation &expectation)
{
    std::string text;
    switch (expectation.kind) {
    case Expectation::Kind::MessageSent:
        text = "message \"" + expectation.message + "\" is sent";
        if (expectation.count)
            text += " exactly " + std::to_string(*expectation.count) + " time(s)";
        break;
    case Expectation::Kind::MessageNotSent:
        text = "message \"" + expectation.message + "\" is not sent";
        break;
    case Expectation::Kind::JourneyEntered:
        text = "journey \"" + expectation.journey + "\" is entered";
        break;
    case Expectation::Kind::JourneyNotEntered:
        text = "journey \"" + expectation.journey + "\" is not entered";
        break;
    case Expectation::Kind::JourneyExit:
        text = "journey \"" + expectation.journey + "\" exits with reason \"" + expectation.exitReason + "\"";
        break;
    case Expectation::Kind::SegmentMembership:
        text = std::string(expectation.member ? "in" : "not in") + " segment \"" + expectation.segment +
               "\" at " + offsetText(expectation.atMillis);
        break;
    case Expectation::Kind::PlanValidationClean: text = "every step passes plan validation"; break;
    }
    if (expectation.byMillis)
        text += " by " + offsetText(*expectation.byMillis);
    if (!expectation.person.is_null())
        text += " for " + expectation.person.dump();
    return text;
}

} // namespace preflight
