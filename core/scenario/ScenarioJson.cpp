#include "scenario/Scenario.h"

#include "common/JsonKeys.h"

namespace preflight {

namespace {

Error bad(const std::string &where, const std::string &message)
{
    return Error{"bad_scenario", message, where};
}

// Every object in the file names its members here; each list is the one place to add a new key.
constexpr std::string_view kRootKeys[] = {"format", "name",      "description", "start",
                                          "vars",   "run_until", "steps",       "expect"};
// A step is a canonical call (callJsonKeys) plus these.
constexpr std::string_view kStepKeys[] = {"at", "label", "fault"};
constexpr std::string_view kFaultKeys[] = {"arrival_delay", "duplicate", "out_of_order", "drop"};
// Members every expectation may have, then each kind's own.
constexpr std::string_view kMessageExpectationKeys[] = {"person", "by",    "message",
                                                        "sent",   "count", "allow_vacuous"};
constexpr std::string_view kJourneyExpectationKeys[] = {"person",  "by",   "journey",
                                                        "entered", "exit", "allow_vacuous"};
constexpr std::string_view kSegmentExpectationKeys[] = {"person", "segment", "member", "at", "allow_vacuous"};
constexpr std::string_view kPlanValidationExpectationKeys[] = {"plan_validation"};

Status knownKeys(const Json &object, std::span<const std::string_view> known, const std::string &where)
{
    if (const std::optional<UnknownKey> unknown = findUnknownKey(object, known))
        return bad(where + "/" + jsonPointerToken(unknown->key), unknown->message);
    return Ok{};
}

// An offset from the scenario's start. The sign is required: "-35d" (history) and "+1h" read the same
// way, and a bare "1h" is refused rather than guessed.
Result<std::int64_t> offsetAt(const Json &object, const char *key, const std::string &where)
{
    const std::string at = where + "/" + key;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return bad(at, std::string("\"") + key + "\" must be an offset such as \"+0m\", \"+30m\", \"-2d\"" +
                           (it == object.end() ? std::string() : ", not " + jsonTypeName(*it)));
    const std::string &text = it->get_ref<const std::string &>();
    const auto millis = parseDurationMillis(text);
    if (!millis)
        return bad(at, "\"" + text + "\" is not an offset (\"+30m\", \"+2d\", \"-35d\", \"+1h30m\")");
    if (text.front() != '+' && text.front() != '-')
        return bad(at, "offset \"" + text + "\" needs a sign: \"+" + text + "\" after the start, \"-" + text +
                           "\" before it");
    return *millis;
}

// A delay within a fault: how much later, never earlier.
Result<std::int64_t> delayAt(const Json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    const auto millis =
        it != object.end() && it->is_string() ? parseDurationMillis(it->get<std::string>()) : std::nullopt;
    if (!millis || *millis < 0)
        return bad(where + "/" + key, std::string(key) + " must be a duration such as \"45m\", not " +
                                          (it == object.end() ? std::string("nothing") : it->dump()));
    return *millis;
}

Result<bool> booleanAt(const Json &object, const char *key, const std::string &where, bool fallback)
{
    const auto it = object.find(key);
    if (it == object.end())
        return fallback;
    if (!it->is_boolean())
        return bad(where + "/" + key,
                   std::string("\"") + key + "\" must be true or false, not " + jsonTypeName(*it));
    return it->get<bool>();
}

Result<std::string> stringAt(const Json &object, const char *key, const std::string &where, const char *what)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::string();
    if (!it->is_string())
        return bad(where + "/" + key, std::string(key) + " must be " + what + ", not " + jsonTypeName(*it));
    return it->get<std::string>();
}

std::string offsetText(std::int64_t millis)
{
    return millis < 0 ? formatDurationMillis(millis) : "+" + formatDurationMillis(millis);
}

Result<StepFault> faultFromJson(const Json &json, const std::string &where)
{
    StepFault fault;
    if (!json.is_object())
        return bad(where, "fault must be an object, not " + jsonTypeName(json));
    if (auto status = knownKeys(json, kFaultKeys, where); !status)
        return status.error();
    if (json.contains("arrival_delay")) {
        auto delay = delayAt(json, "arrival_delay", where);
        if (!delay)
            return delay.error();
        fault.arrivalDelayMillis = *delay;
    }
    if (const auto it = json.find("duplicate"); it != json.end()) {
        if (it->is_boolean()) {
            fault.duplicate = it->get<bool>();
        } else {
            auto after = delayAt(json, "duplicate", where);
            if (!after)
                return bad(where + "/duplicate",
                           "duplicate is true or the delay of the copy (\"5s\"), not " + it->dump());
            fault.duplicate = true;
            fault.duplicateAfterMillis = *after;
        }
    }
    auto outOfOrder = booleanAt(json, "out_of_order", where, false);
    if (!outOfOrder)
        return outOfOrder.error();
    fault.outOfOrder = *outOfOrder;
    auto drop = booleanAt(json, "drop", where, false);
    if (!drop)
        return drop.error();
    fault.drop = *drop;
    return fault;
}

Status commonExpectationMembers(const Json &json, const std::string &where, Expectation &expectation)
{
    if (const auto it = json.find("person"); it != json.end()) {
        // Templates stay in place until the run; the identity's shape is checked now.
        if (auto identity = identityFromJson(*it, where + "/person"); !identity)
            return identity.error();
        else if (identity->isEmpty())
            return bad(where + "/person",
                       "person needs an identifier (id, email, phone, cio_id, anonymous_id)");
        expectation.person = *it;
    }
    if (json.contains("by")) {
        auto by = offsetAt(json, "by", where);
        if (!by)
            return by.error();
        expectation.byMillis = *by;
    }
    if (const auto it = json.find("allow_vacuous"); it != json.end()) {
        if (!it->is_boolean())
            return bad(where + "/allow_vacuous", "allow_vacuous must be true or false");
        expectation.allowVacuous = it->get<bool>();
    }
    return Ok{};
}

Result<Expectation> expectationFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return bad(where, "an expectation must be an object");
    Expectation expectation;
    expectation.where = where;
    const auto checkKeys = [&](std::span<const std::string_view> known) -> Status {
        if (auto status = knownKeys(json, known, where); !status)
            return status;
        return commonExpectationMembers(json, where, expectation);
    };
    if (json.contains("message")) {
        if (auto status = checkKeys(kMessageExpectationKeys); !status)
            return status.error();
        if (!json.at("message").is_string() || json.at("message").get_ref<const std::string &>().empty())
            return bad(where + "/message", "message must be the message name");
        expectation.message = json.at("message").get<std::string>();
        auto sent = booleanAt(json, "sent", where, true);
        if (!sent)
            return sent.error();
        expectation.kind = *sent ? Expectation::Kind::MessageSent : Expectation::Kind::MessageNotSent;
        if (const auto it = json.find("count"); it != json.end()) {
            const std::optional<std::uint64_t> count = wholeNumberUpTo(*it, 1'000'000);
            if (!count)
                return bad(where + "/count",
                           "count must be a whole number from 0 to 1000000, not " + it->dump());
            if (!*sent)
                return bad(where + "/count", "count applies to \"sent\": true");
            expectation.count = static_cast<int>(*count);
        }
        return expectation;
    }
    if (json.contains("journey")) {
        if (auto status = checkKeys(kJourneyExpectationKeys); !status)
            return status.error();
        if (!json.at("journey").is_string() || json.at("journey").get_ref<const std::string &>().empty())
            return bad(where + "/journey", "journey must be the campaign name");
        expectation.journey = json.at("journey").get<std::string>();
        if (json.contains("exit")) {
            if (json.contains("entered"))
                return bad(where + "/entered", "an expectation checks \"entered\" or \"exit\", not both");
            if (!json.at("exit").is_string())
                return bad(where + "/exit",
                           "exit must be a reason code (converted, left_segment, no_longer_matching, ...)");
            expectation.kind = Expectation::Kind::JourneyExit;
            expectation.exitReason = json.at("exit").get<std::string>();
        } else {
            auto entered = booleanAt(json, "entered", where, true);
            if (!entered)
                return entered.error();
            expectation.kind =
                *entered ? Expectation::Kind::JourneyEntered : Expectation::Kind::JourneyNotEntered;
        }
        return expectation;
    }
    if (json.contains("segment")) {
        if (auto status = checkKeys(kSegmentExpectationKeys); !status)
            return status.error();
        if (!json.at("segment").is_string() || json.at("segment").get_ref<const std::string &>().empty())
            return bad(where + "/segment", "segment must be the segment name");
        expectation.kind = Expectation::Kind::SegmentMembership;
        expectation.segment = json.at("segment").get<std::string>();
        auto member = booleanAt(json, "member", where, true);
        if (!member)
            return member.error();
        expectation.member = *member;
        auto at = offsetAt(json, "at", where);
        if (!at)
            return at.error();
        expectation.atMillis = *at;
        return expectation;
    }
    if (json.contains("plan_validation")) {
        if (auto status = knownKeys(json, kPlanValidationExpectationKeys, where); !status)
            return status.error();
        if (json.at("plan_validation") != "clean")
            return bad(where + "/plan_validation", "plan_validation must be \"clean\"");
        expectation.kind = Expectation::Kind::PlanValidationClean;
        return expectation;
    }
    const std::optional<UnknownKey> unknown =
        findUnknownKey(json, {"message", "journey", "segment", "plan_validation", "person", "by"});
    return bad(unknown ? where + "/" + jsonPointerToken(unknown->key) : where,
               (unknown ? unknown->message + ": an" : "An") +
                   std::string(
                       " expectation has one of \"message\", \"journey\", \"segment\", \"plan_validation\""));
}

Result<ScenarioStep> stepFromJson(const Json &json, const std::string &at)
{
    if (!json.is_object())
        return bad(at, "a step is an object, not " + jsonTypeName(json));
    // Checked against the call's members and the step's own together, so a suggestion can be either.
    std::vector<std::string_view> known(std::begin(kStepKeys), std::end(kStepKeys));
    known.insert(known.end(), callJsonKeys().begin(), callJsonKeys().end());
    if (auto status = knownKeys(json, known, at); !status)
        return status.error();
    ScenarioStep step;
    auto offset = offsetAt(json, "at", at);
    if (!offset)
        return offset.error();
    step.offsetMillis = *offset;
    auto label = stringAt(json, "label", at, "text");
    if (!label)
        return label.error();
    step.label = *label;
    if (const auto it = json.find("fault"); it != json.end()) {
        auto fault = faultFromJson(*it, at + "/fault");
        if (!fault)
            return fault.error();
        step.fault = *fault;
    }
    step.call = json;
    for (const std::string_view key : kStepKeys)
        step.call.erase(std::string(key));
    // Checked now with placeholders in place, so a typo is reported before anything runs.
    auto call = callFromJson(step.call, at);
    if (!call)
        return call.error();
    if (call->occurredAt || call->arrivedAt)
        return bad(at, "steps take their times from \"at\" and faults; remove occurred_at/arrived_at");
    return step;
}

} // namespace

Result<Scenario> scenarioFromJson(const Json &json, const std::string &origin)
{
    const std::string root = origin + "#";
    if (!json.is_object())
        return bad(root, "a scenario is a JSON object");
    if (const auto format = json.find("format"); format == json.end() || *format != kScenarioFormat)
        return bad(root + "/format", std::string("\"format\" must be \"") + kScenarioFormat + "\"");
    if (auto status = knownKeys(json, kRootKeys, root); !status)
        return status.error();
    Scenario scenario;
    scenario.path = origin;
    auto name = stringAt(json, "name", root, "the scenario's name");
    if (!name)
        return name.error();
    scenario.name = *name;
    if (scenario.name.empty())
        return bad(root + "/name", "a scenario needs a \"name\"");
    auto description = stringAt(json, "description", root, "text");
    if (!description)
        return description.error();
    scenario.description = *description;
    if (const auto it = json.find("start"); it != json.end()) {
        const auto start = it->is_string() ? parseIso8601(it->get<std::string>()) : std::nullopt;
        if (!start)
            return bad(root + "/start", "start must be an ISO-8601 date-time with a zone");
        scenario.start = *start;
    }
    if (const auto it = json.find("vars"); it != json.end()) {
        if (!it->is_object())
            return bad(root + "/vars", "vars must be an object of strings");
        for (const auto &[key, value] : it->items()) {
            if (!value.is_string())
                return bad(root + "/vars/" + jsonPointerToken(key),
                           "a var must be a string, not " + jsonTypeName(value));
        }
        scenario.vars = *it;
    }
    if (json.contains("run_until")) {
        auto until = offsetAt(json, "run_until", root);
        if (!until)
            return until.error();
        scenario.runUntilMillis = *until;
    }
    const auto steps = json.find("steps");
    if (steps == json.end() || !steps->is_array() || steps->empty())
        return bad(root + "/steps", "a scenario needs a non-empty \"steps\" array");
    for (std::size_t i = 0; i < steps->size(); ++i) {
        auto step = stepFromJson((*steps)[i], root + "/steps/" + std::to_string(i));
        if (!step)
            return step.error();
        scenario.steps.push_back(std::move(*step));
    }
    const auto expectations = json.find("expect");
    if (expectations != json.end() && !expectations->is_array())
        return bad(root + "/expect", "expect must be an array");
    for (std::size_t i = 0; expectations != json.end() && i < expectations->size(); ++i) {
        auto expectation = expectationFromJson((*expectations)[i], root + "/expect/" + std::to_string(i));
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
