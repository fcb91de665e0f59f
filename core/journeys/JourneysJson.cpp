#include "journeys/Journeys.h"

#include "common/Ascii.h"
#include "common/JsonKeys.h"
#include "journeys/ValueMatch.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

namespace preflight {

namespace {

struct OpName {
    ValueFilter::Op op;
    const char *name;
};
constexpr std::array<OpName, 10> kOps = {{
    {ValueFilter::Op::Equals, "eq"},
    {ValueFilter::Op::NotEquals, "ne"},
    {ValueFilter::Op::Less, "lt"},
    {ValueFilter::Op::Greater, "gt"},
    {ValueFilter::Op::LessOrEqual, "lte"},
    {ValueFilter::Op::GreaterOrEqual, "gte"},
    {ValueFilter::Op::Exists, "exists"},
    {ValueFilter::Op::NotExists, "not_exists"},
    {ValueFilter::Op::Contains, "contains"},
    {ValueFilter::Op::WithinPast, "within_past"},
}};

Error bad(const std::string &where, const std::string &message)
{
    return Error{"bad_journeys", message, where};
}

// Every object in the file names its members here; each list is the one place to add a new key.
constexpr std::string_view kRootKeys[] = {"format", "settings", "segments", "campaigns"};
constexpr std::string_view kSettingsKeys[] = {"segment_update_latency", "timezone"};
constexpr std::string_view kSegmentKeys[] = {"name", "condition", "manual_id"};
constexpr std::string_view kCampaignKeys[] = {"name",       "trigger", "audience", "frequency",
                                              "dedupe_key", "steps",   "exit",     "choices"};
constexpr std::string_view kEventTriggerKeys[] = {"event", "where"};
constexpr std::string_view kSegmentTriggerKeys[] = {"segment"};
constexpr std::string_view kFrequencyKeys[] = {"at_most_once_per"};
constexpr std::string_view kExitKeys[] = {"goal", "when_leaving_segment", "when_no_longer_matching"};
constexpr std::string_view kGoalKeys[] = {"event", "match", "where", "within"};
constexpr std::string_view kChoicesKeys[] = {"concurrent_runs", "goal_before_first_message", "delay_anchor"};
constexpr std::string_view kStepKinds[] = {"delay", "time_window", "wait_until", "message", "branch"};
constexpr std::string_view kTimeWindowKeys[] = {"start", "end", "days", "timezone", "fallback_timezone"};
constexpr std::string_view kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::string_view kWaitUntilKeys[] = {"event",   "match",    "where",
                                               "timeout", "on_event", "on_timeout"};
constexpr std::string_view kMessageKeys[] = {"channel", "name", "conditions", "template"};
constexpr std::string_view kTemplateKeys[] = {"subject", "body"};
constexpr std::string_view kBranchKeys[] = {"if", "then", "else"};
constexpr std::string_view kPerformedKeys[] = {"performed", "where",   "within",
                                               "at_least",  "at_most", "match"};
constexpr std::string_view kNotPerformedKeys[] = {"not_performed", "where", "within", "match"};
constexpr std::string_view kRelatedObjectKeys[] = {"related_object", "where"};
constexpr std::string_view kConditionKinds[] = {
    "all",           "any",        "attribute",      "performed",
    "not_performed", "in_segment", "not_in_segment", "related_object"};

// A member of an object: its pointer, built only when an error needs it.
std::string member(const std::string &where, std::string_view key)
{
    return where + "/" + jsonPointerToken(key);
}

Status knownKeys(const Json &object, std::span<const std::string_view> known, const std::string &where)
{
    if (const std::optional<UnknownKey> unknown = findUnknownKey(object, known))
        return bad(member(where, unknown->key), unknown->message);
    return Ok{};
}

Status knownKeys(const Json &object, std::initializer_list<std::string_view> known, const std::string &where)
{
    return knownKeys(object, std::span<const std::string_view>(known.begin(), known.size()), where);
}

Result<bool> booleanAt(const Json &object, const char *key, const std::string &where, bool fallback)
{
    const auto it = object.find(key);
    if (it == object.end())
        return fallback;
    if (!it->is_boolean())
        return bad(member(where, key),
                   std::string("\"") + key + "\" must be true or false, not " + jsonTypeName(*it));
    return it->get<bool>();
}

// Counts in conditions ("at_least": 2): whole, not negative, and small enough to mean something.
Result<std::optional<int>> countAt(const Json &object, const char *key, const std::string &where)
{
    constexpr std::uint64_t kMaxCount = 1'000'000;
    const auto it = object.find(key);
    if (it == object.end())
        return std::optional<int>();
    const std::optional<std::uint64_t> count = wholeNumberUpTo(*it, kMaxCount);
    if (!count)
        return bad(member(where, key), std::string(key) + " must be a whole number from 0 to " +
                                           std::to_string(kMaxCount) + ", not " + it->dump());
    return std::optional<int>(static_cast<int>(*count));
}

Result<std::int64_t> durationAt(const Json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return bad(where + "/" + key,
                   std::string("\"") + key + "\" must be a duration such as \"30m\", \"24h\", \"7d\"" +
                       (it == object.end() ? std::string() : ", not " + jsonTypeName(*it)));
    const auto millis = parseDurationMillis(it->get<std::string>());
    if (!millis || *millis < 0)
        return bad(where + "/" + key,
                   "\"" + it->get<std::string>() + "\" is not a duration (use \"30m\", \"24h\", \"7d\")");
    return *millis;
}

Result<std::string> stringAt(const Json &object, const char *key, const std::string &where,
                             bool required = true)
{
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required)
            return bad(where, std::string("missing \"") + key + "\"");
        return std::string();
    }
    if (!it->is_string() || it->get<std::string>().empty())
        return bad(where + "/" + key, std::string("\"") + key + "\" must be a non-empty string");
    return it->get<std::string>();
}

Result<std::vector<ValueFilter>> filtersAt(const Json &object, const char *key, const std::string &where,
                                           const char *subject)
{
    std::vector<ValueFilter> out;
    const auto it = object.find(key);
    if (it == object.end())
        return out;
    if (!it->is_array())
        return bad(where + "/" + key, std::string("\"") + key + "\" must be an array of filters");
    for (std::size_t i = 0; i < it->size(); ++i) {
        auto filter = valueFilterFromJson((*it)[i], where + "/" + key + "/" + std::to_string(i), subject);
        if (!filter)
            return filter.error();
        out.push_back(std::move(*filter));
    }
    return out;
}

Json filtersToJson(const std::vector<ValueFilter> &filters, const char *subjectKey = "property")
{
    Json out = Json::array();
    for (const ValueFilter &filter : filters)
        out.push_back(toJson(filter, subjectKey));
    return out;
}

Result<EventMatch> eventMatchFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return bad(where, "must be an object with \"event\"");
    EventMatch match;
    auto event = stringAt(json, "event", where);
    if (!event)
        return event.error();
    match.event = *event;
    auto filters = filtersAt(json, "where", where, "property");
    if (!filters)
        return filters.error();
    match.where = std::move(*filters);
    auto key = stringAt(json, "match", where, false);
    if (!key)
        return key.error();
    match.matchKey = *key == "person" ? std::string() : *key;
    return match;
}

Json toJson(const EventMatch &match)
{
    Json out = {{"event", match.event}, {"match", match.matchKey.empty() ? "person" : match.matchKey}};
    if (!match.where.empty())
        out["where"] = filtersToJson(match.where);
    return out;
}

Result<int> minuteOfDay(const Json &object, const char *key, const std::string &where)
{
    auto text = stringAt(object, key, where);
    if (!text)
        return text.error();
    const std::string &value = *text;
    const auto digit = [&value](std::size_t i) { return value[i] >= '0' && value[i] <= '9'; };
    if (value.size() != 5 || value[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
        return bad(where + "/" + key, "\"" + value + "\" must be a time of day \"HH:MM\"");
    const int hours = (value[0] - '0') * 10 + (value[1] - '0');
    const int minutes = (value[3] - '0') * 10 + (value[4] - '0');
    if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0))
        return bad(where + "/" + key, "\"" + value + "\" is not a time of day (00:00 to 24:00)");
    return hours * 60 + minutes;
}

std::string formatMinute(int minute)
{
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
    return text;
}

Result<Step::Then> thenAt(const Json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    if (it == object.end())
        return Step::Then::Continue;
    if (*it == "continue")
        return Step::Then::Continue;
    if (*it == "exit")
        return Step::Then::Exit;
    return bad(where + "/" + key,
               std::string("\"") + key + "\" must be \"continue\" or \"exit\", not " + it->dump());
}

Result<std::vector<Step>> stepsFromJson(const Json &json, const std::string &where);

Result<Step> stepFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object() || json.size() != 1)
        return bad(where, "a step is an object with one of \"delay\", \"time_window\", \"wait_until\", "
                          "\"message\", \"branch\"");
    if (auto status = knownKeys(json, kStepKinds, where); !status)
        return bad(status.error().where, status.error().message + " (a step is one of delay, time_window, "
                                                                  "wait_until, message, branch)");
    const std::string kind = json.begin().key();
    const Json &body = json.begin().value();
    const std::string at = where + "/" + kind;
    Step step;
    if (kind == "delay") {
        step.kind = Step::Kind::Delay;
        const auto millis = body.is_string() ? parseDurationMillis(body.get<std::string>()) : std::nullopt;
        if (!millis || *millis < 0)
            return bad(at, "a delay is a duration such as \"30m\", not " + body.dump());
        step.durationMillis = *millis;
    } else if (kind == "time_window") {
        step.kind = Step::Kind::TimeWindow;
        if (!body.is_object())
            return bad(at, "a time window is {\"start\": \"HH:MM\", \"end\": \"HH:MM\"} (UTC)");
        if (auto status = knownKeys(body, kTimeWindowKeys, at); !status)
            return status.error();
        auto start = minuteOfDay(body, "start", at);
        if (!start)
            return start.error();
        auto end = minuteOfDay(body, "end", at);
        if (!end)
            return end.error();
        step.windowStartMinute = *start;
        step.windowEndMinute = *end;
        if (const auto days = body.find("days"); days != body.end()) {
            if (!days->is_array() || days->empty())
                return bad(at + "/days", "days is a non-empty array of \"mon\" … \"sun\"");
            step.windowDays = 0;
            for (std::size_t d = 0; d < days->size(); ++d) {
                const Json &day = (*days)[d];
                const auto found = day.is_string() ? std::find(std::begin(kDayNames), std::end(kDayNames),
                                                               day.get<std::string>())
                                                   : std::end(kDayNames);
                if (found == std::end(kDayNames))
                    return bad(at + "/days/" + std::to_string(d),
                               day.dump() +
                                   " is not a day: \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" "
                                   "or \"sun\"");
                step.windowDays |= static_cast<std::uint8_t>(1u << (found - std::begin(kDayNames)));
            }
        }
        for (const char *key : {"timezone", "fallback_timezone"}) {
            auto zone = stringAt(body, key, at, false);
            if (!zone)
                return zone.error();
            const bool person = std::string_view(key) == "timezone" && *zone == "person";
            if (!zone->empty() && !person && !isTimeZoneName(*zone))
                return bad(at + "/" + key, "\"" + *zone +
                                               "\" is not an IANA time zone (such as \"Europe/Berlin\")" +
                                               (std::string_view(key) == "timezone" ? " or \"person\"" : ""));
            (std::string_view(key) == "timezone" ? step.windowZone : step.windowFallbackZone) = *zone;
        }
        if (!step.windowFallbackZone.empty() && step.windowZone != "person")
            return bad(at + "/fallback_timezone",
                       "a fallback zone only applies with \"timezone\": \"person\"");
    } else if (kind == "wait_until") {
        step.kind = Step::Kind::WaitUntil;
        if (auto status = knownKeys(body, kWaitUntilKeys, at); !status)
            return status.error();
        auto match = eventMatchFromJson(body, at);
        if (!match)
            return match.error();
        step.waitFor = std::move(*match);
        if (body.contains("timeout")) {
            auto timeout = durationAt(body, "timeout", at);
            if (!timeout)
                return timeout.error();
            step.timeoutMillis = *timeout;
        }
        auto onEvent = thenAt(body, "on_event", at);
        if (!onEvent)
            return onEvent.error();
        auto onTimeout = thenAt(body, "on_timeout", at);
        if (!onTimeout)
            return onTimeout.error();
        step.onEvent = *onEvent;
        step.onTimeout = *onTimeout;
    } else if (kind == "message") {
        step.kind = Step::Kind::Message;
        if (!body.is_object())
            return bad(at, "a message is {\"channel\": \"email\"|\"sms\"|\"push\", \"name\": ...}");
        if (auto status = knownKeys(body, kMessageKeys, at); !status)
            return status.error();
        auto channel = stringAt(body, "channel", at);
        if (!channel)
            return channel.error();
        if (*channel != "email" && *channel != "sms" && *channel != "push")
            return bad(at + "/channel",
                       "channel must be \"email\", \"sms\" or \"push\", not \"" + *channel + "\"");
        auto name = stringAt(body, "name", at);
        if (!name)
            return name.error();
        step.channel = *channel;
        step.name = *name;
        if (body.contains("template")) {
            const Json &value = body.at("template");
            const std::string here = at + "/template";
            if (value.is_string()) {
                if (value.get<std::string>().empty())
                    return bad(here, "a template file path must not be empty");
                step.messageTemplate.file = value.get<std::string>();
            } else if (value.is_object()) {
                if (auto status = knownKeys(value, kTemplateKeys, here); !status)
                    return status.error();
                auto subject = stringAt(value, "subject", here, false);
                if (!subject)
                    return subject.error();
                auto text = stringAt(value, "body", here, false);
                if (!text)
                    return text.error();
                step.messageTemplate.subject = *subject;
                step.messageTemplate.body = *text;
            } else {
                return bad(here, "a template is a file path beside the journeys file, or {\"subject\": ..., "
                                 "\"body\": ...}, not " +
                                     jsonTypeName(value));
            }
        }
        if (body.contains("conditions")) {
            auto condition = conditionFromJson(body.at("conditions"), at + "/conditions");
            if (!condition)
                return condition.error();
            step.condition = std::move(*condition);
        }
    } else if (kind == "branch") {
        step.kind = Step::Kind::Branch;
        if (!body.is_object() || !body.contains("if"))
            return bad(at, "a branch is {\"if\": condition, \"then\": [steps], \"else\": [steps]}");
        if (auto status = knownKeys(body, kBranchKeys, at); !status)
            return status.error();
        auto condition = conditionFromJson(body.at("if"), at + "/if");
        if (!condition)
            return condition.error();
        step.condition = std::move(*condition);
        for (const char *key : {"then", "else"}) {
            if (!body.contains(key))
                continue;
            auto steps = stepsFromJson(body.at(key), at + "/" + key);
            if (!steps)
                return steps.error();
            (std::string(key) == "then" ? step.thenSteps : step.elseSteps) = std::move(*steps);
        }
    }
    return step;
}

Result<std::vector<Step>> stepsFromJson(const Json &json, const std::string &where)
{
    if (!json.is_array())
        return bad(where, "steps must be an array");
    std::vector<Step> steps;
    for (std::size_t i = 0; i < json.size(); ++i) {
        auto step = stepFromJson(json[i], where + "/" + std::to_string(i));
        if (!step)
            return step.error();
        steps.push_back(std::move(*step));
    }
    return steps;
}

Json stepsToJson(const std::vector<Step> &steps);

Json toJson(const Step &step)
{
    switch (step.kind) {
    case Step::Kind::Delay: return {{"delay", formatDurationMillis(step.durationMillis)}};
    case Step::Kind::TimeWindow:
        return {{"time_window", [&step] {
                     Json window = {{"start", formatMinute(step.windowStartMinute)},
                                    {"end", formatMinute(step.windowEndMinute)}};
                     if (step.windowDays != kEveryDay) {
                         window["days"] = Json::array();
                         for (std::size_t d = 0; d < 7; ++d)
                             if (step.windowDays & (1u << d))
                                 window["days"].push_back(kDayNames[d]);
                     }
                     if (!step.windowZone.empty())
                         window["timezone"] = step.windowZone;
                     if (!step.windowFallbackZone.empty())
                         window["fallback_timezone"] = step.windowFallbackZone;
                     return window;
                 }()}};
    case Step::Kind::WaitUntil: {
        Json body = toJson(step.waitFor);
        if (step.timeoutMillis)
            body["timeout"] = formatDurationMillis(*step.timeoutMillis);
        body["on_event"] = step.onEvent == Step::Then::Exit ? "exit" : "continue";
        body["on_timeout"] = step.onTimeout == Step::Then::Exit ? "exit" : "continue";
        return {{"wait_until", body}};
    }
    case Step::Kind::Message: {
        Json body = {{"channel", step.channel}, {"name", step.name}};
        if (step.condition)
            body["conditions"] = toJson(*step.condition);
        const MessageTemplate &message = step.messageTemplate;
        if (!message.file.empty()) {
            body["template"] = message.file;
        } else if (!message.isEmpty()) {
            body["template"] = Json::object();
            if (!message.subject.empty())
                body["template"]["subject"] = message.subject;
            if (!message.body.empty())
                body["template"]["body"] = message.body;
        }
        return {{"message", body}};
    }
    case Step::Kind::Branch: {
        Json body = {{"if", toJson(*step.condition)},
                     {"then", stepsToJson(step.thenSteps)},
                     {"else", stepsToJson(step.elseSteps)}};
        return {{"branch", body}};
    }
    }
    return Json::object();
}

Json stepsToJson(const std::vector<Step> &steps)
{
    Json out = Json::array();
    for (const Step &step : steps)
        out.push_back(toJson(step));
    return out;
}

Result<Choices> choicesFromJson(const Json &json, const std::string &where)
{
    Choices choices;
    if (!json.is_object())
        return bad(where, "choices must be an object");
    if (auto status = knownKeys(json, kChoicesKeys, where); !status)
        return status.error();
    for (const auto &[key, value] : json.items()) {
        const std::string at = where + "/" + key;
        if (key == "concurrent_runs" && (value == "allow" || value == "skip"))
            choices.concurrentRuns = value == "allow";
        else if (key == "goal_before_first_message" && (value == "exit" || value == "ignore"))
            choices.goalBeforeFirstMessageExits = value == "exit";
        else if (key == "delay_anchor" && (value == "arrival" || value == "occurred"))
            choices.delayFromOccurred = value == "occurred";
        else
            return bad(at, value.dump() + " is not a value of " + key +
                               " (concurrent_runs: allow|skip, goal_before_first_message: exit|ignore, "
                               "delay_anchor: arrival|occurred)");
    }
    return choices;
}

Result<Trigger> triggerFromJson(const Json &trigger, const std::string &at)
{
    Trigger out;
    if (trigger.contains("segment")) {
        if (auto status = knownKeys(trigger, kSegmentTriggerKeys, at); !status)
            return status.error();
        auto segment = stringAt(trigger, "segment", at);
        if (!segment)
            return segment.error();
        out.segment = *segment;
        return out;
    }
    if (auto status = knownKeys(trigger, kEventTriggerKeys, at); !status)
        return status.error();
    auto event = stringAt(trigger, "event", at);
    if (!event)
        return event.error();
    out.event = *event;
    auto filters = filtersAt(trigger, "where", at, "property");
    if (!filters)
        return filters.error();
    out.where = std::move(*filters);
    return out;
}

Result<Frequency> frequencyFromJson(const Json &json, const std::string &at)
{
    if (json == "every_time")
        return Frequency{Frequency::Kind::EveryTime, 0};
    if (json == "once")
        return Frequency{Frequency::Kind::Once, 0};
    if (json.is_object() && json.contains("at_most_once_per")) {
        if (auto status = knownKeys(json, kFrequencyKeys, at); !status)
            return status.error();
        auto period = durationAt(json, "at_most_once_per", at);
        if (!period)
            return period.error();
        return Frequency{Frequency::Kind::OncePerPeriod, *period};
    }
    return bad(at,
               "frequency is \"once\", \"every_time\" or {\"at_most_once_per\": \"7d\"}, not " + json.dump());
}

Status exitFromJson(const Json &json, const std::string &at, Campaign &campaign)
{
    if (!json.is_object())
        return bad(at, "exit must be an object");
    if (auto status = knownKeys(json, kExitKeys, at); !status)
        return status;
    if (const auto goal = json.find("goal"); goal != json.end()) {
        if (auto status = knownKeys(*goal, kGoalKeys, at + "/goal"); !status)
            return status;
        auto match = eventMatchFromJson(*goal, at + "/goal");
        if (!match)
            return match.error();
        auto within = durationAt(*goal, "within", at + "/goal");
        if (!within)
            return within.error();
        campaign.goal = Goal{std::move(*match), *within};
    }
    auto leaving = stringAt(json, "when_leaving_segment", at, false);
    if (!leaving)
        return leaving.error();
    campaign.exitWhenLeavingSegment = *leaving;
    auto noLongerMatching = booleanAt(json, "when_no_longer_matching", at, true);
    if (!noLongerMatching)
        return noLongerMatching.error();
    campaign.exitWhenNoLongerMatching = *noLongerMatching;
    return Ok{};
}

Result<Campaign> campaignFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return bad(where, "a campaign must be an object");
    if (auto status = knownKeys(json, kCampaignKeys, where); !status)
        return status.error();
    Campaign campaign;
    auto name = stringAt(json, "name", where);
    if (!name)
        return name.error();
    campaign.name = *name;
    const auto trigger = json.find("trigger");
    if (trigger == json.end() || !trigger->is_object())
        return bad(trigger == json.end() ? where : where + "/trigger",
                   "missing \"trigger\" ({\"event\": ...} or {\"segment\": ...})");
    auto parsedTrigger = triggerFromJson(*trigger, where + "/trigger");
    if (!parsedTrigger)
        return parsedTrigger.error();
    campaign.trigger = std::move(*parsedTrigger);
    if (const auto it = json.find("audience"); it != json.end()) {
        auto audience = conditionFromJson(*it, where + "/audience");
        if (!audience)
            return audience.error();
        campaign.audience = std::move(*audience);
    }
    if (const auto it = json.find("frequency"); it != json.end()) {
        auto frequency = frequencyFromJson(*it, where + "/frequency");
        if (!frequency)
            return frequency.error();
        campaign.frequency = *frequency;
    }
    auto dedupe = stringAt(json, "dedupe_key", where, false);
    if (!dedupe)
        return dedupe.error();
    campaign.dedupeKey = *dedupe;
    if (const auto it = json.find("steps"); it != json.end()) {
        auto steps = stepsFromJson(*it, where + "/steps");
        if (!steps)
            return steps.error();
        campaign.steps = std::move(*steps);
    }
    if (const auto it = json.find("exit"); it != json.end()) {
        if (auto status = exitFromJson(*it, where + "/exit", campaign); !status)
            return status.error();
    }
    if (const auto it = json.find("choices"); it != json.end()) {
        auto choices = choicesFromJson(*it, where + "/choices");
        if (!choices)
            return choices.error();
        campaign.choices = *choices;
    }
    return campaign;
}

Json toJson(const Campaign &campaign)
{
    Json out = {{"name", campaign.name}};
    Json trigger = Json::object();
    if (campaign.trigger.isSegment()) {
        trigger["segment"] = campaign.trigger.segment;
    } else {
        trigger["event"] = campaign.trigger.event;
        if (!campaign.trigger.where.empty())
            trigger["where"] = filtersToJson(campaign.trigger.where);
    }
    out["trigger"] = trigger;
    if (campaign.audience)
        out["audience"] = toJson(*campaign.audience);
    switch (campaign.frequency.kind) {
    case Frequency::Kind::EveryTime: out["frequency"] = "every_time"; break;
    case Frequency::Kind::Once: out["frequency"] = "once"; break;
    case Frequency::Kind::OncePerPeriod:
        out["frequency"] = {{"at_most_once_per", formatDurationMillis(campaign.frequency.periodMillis)}};
        break;
    }
    if (!campaign.dedupeKey.empty())
        out["dedupe_key"] = campaign.dedupeKey;
    out["steps"] = stepsToJson(campaign.steps);
    Json exit = Json::object();
    if (campaign.goal) {
        exit["goal"] = toJson(campaign.goal->match);
        exit["goal"]["within"] = formatDurationMillis(campaign.goal->withinMillis);
    }
    if (!campaign.exitWhenLeavingSegment.empty())
        exit["when_leaving_segment"] = campaign.exitWhenLeavingSegment;
    if (!campaign.exitWhenNoLongerMatching)
        exit["when_no_longer_matching"] = false;
    if (!exit.empty())
        out["exit"] = exit;
    const Choices defaults;
    if (!(campaign.choices == defaults)) {
        Json choices = Json::object();
        if (campaign.choices.concurrentRuns != defaults.concurrentRuns)
            choices["concurrent_runs"] = campaign.choices.concurrentRuns ? "allow" : "skip";
        if (campaign.choices.goalBeforeFirstMessageExits != defaults.goalBeforeFirstMessageExits)
            choices["goal_before_first_message"] =
                campaign.choices.goalBeforeFirstMessageExits ? "exit" : "ignore";
        if (campaign.choices.delayFromOccurred != defaults.delayFromOccurred)
            choices["delay_anchor"] = campaign.choices.delayFromOccurred ? "occurred" : "arrival";
        out["choices"] = choices;
    }
    return out;
}

// A keyed condition (performed … "match": "cart_id") compares with a run's trigger; the first one in a
// condition that has no run (a segment, an audience), or nullptr.
const Condition *firstKeyedCondition(const Condition &condition)
{
    if (!condition.matchKey.empty())
        return &condition;
    for (const Condition &child : condition.children)
        if (const Condition *keyed = firstKeyedCondition(child))
            return keyed;
    return nullptr;
}

// Keyed conditions in the steps of a campaign without a triggering event to take the key from.
const Condition *firstKeyedCondition(const std::vector<Step> &steps)
{
    for (const Step &step : steps) {
        if (step.condition)
            if (const Condition *keyed = firstKeyedCondition(*step.condition))
                return keyed;
        for (const auto *branch : {&step.thenSteps, &step.elseSteps})
            if (const Condition *keyed = firstKeyedCondition(*branch))
                return keyed;
    }
    return nullptr;
}

// Names must resolve: a campaign naming a segment that does not exist would silently never fire.
Status checkSegmentReferences(const Condition &condition, const Journeys &journeys, const std::string &where)
{
    if ((condition.kind == Condition::Kind::InSegment || condition.kind == Condition::Kind::NotInSegment) &&
        !journeys.segment(condition.segment))
        return bad(where, "unknown segment \"" + condition.segment + "\"");
    for (std::size_t i = 0; i < condition.children.size(); ++i) {
        auto status = checkSegmentReferences(condition.children[i], journeys, where);
        if (!status)
            return status;
    }
    return Ok{};
}

} // namespace

Result<ValueFilter> valueFilterFromJson(const Json &json, const std::string &where, const char *subjectKey)
{
    if (!json.is_object())
        return bad(where,
                   std::string("a filter is {\"") + subjectKey + "\": ..., \"op\": ..., \"value\": ...}");
    if (auto status = knownKeys(json, {std::string_view(subjectKey), "op", "value"}, where); !status)
        return status.error();
    ValueFilter filter;
    auto subject = stringAt(json, subjectKey, where);
    if (!subject)
        return subject.error();
    filter.path = *subject;
    const auto opMember = json.find("op");
    if (opMember != json.end() && !opMember->is_string())
        return bad(where + "/op", "op must be a string such as \"eq\", not " + jsonTypeName(*opMember));
    const std::string opName = opMember == json.end() ? std::string("eq") : opMember->get<std::string>();
    bool known = false;
    for (const OpName &op : kOps) {
        if (opName == op.name) {
            filter.op = op.op;
            known = true;
        }
    }
    if (!known)
        return bad(where + "/op",
                   "unknown op \"" + opName +
                       "\" (eq, ne, lt, gt, lte, gte, exists, not_exists, contains, within_past)");
    const bool needsValue = filter.op != ValueFilter::Op::Exists && filter.op != ValueFilter::Op::NotExists;
    if (needsValue && !json.contains("value"))
        return bad(where, "op \"" + opName + "\" needs a \"value\"");
    if (!needsValue && json.contains("value"))
        return bad(where + "/value", "op \"" + opName + "\" takes no \"value\"");
    const bool ordering = filter.op == ValueFilter::Op::Less || filter.op == ValueFilter::Op::Greater ||
                          filter.op == ValueFilter::Op::LessOrEqual ||
                          filter.op == ValueFilter::Op::GreaterOrEqual;
    // An ordering on anything but a number would never match: say so instead of running a dead filter.
    if (ordering && !asNumber(json.at("value")))
        return bad(where + "/value", "op \"" + opName +
                                         "\" compares numbers; \"value\" must be a number, not " +
                                         json.at("value").dump());
    if (filter.op == ValueFilter::Op::WithinPast) {
        auto window = durationAt(json, "value", where);
        if (!window)
            return window.error();
        filter.windowMillis = *window;
    }
    if (needsValue)
        filter.value = json.at("value");
    return filter;
}

Json toJson(const ValueFilter &filter, const char *subjectKey)
{
    Json out = {{subjectKey, filter.path}};
    for (const OpName &op : kOps) {
        if (op.op == filter.op)
            out["op"] = op.name;
    }
    if (filter.op != ValueFilter::Op::Exists && filter.op != ValueFilter::Op::NotExists)
        out["value"] = filter.value;
    return out;
}

Result<Condition> conditionFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return bad(where, "a condition must be an object");
    Condition condition;
    if (json.contains("all") || json.contains("any")) {
        const bool all = json.contains("all");
        condition.kind = all ? Condition::Kind::All : Condition::Kind::Any;
        const std::string key = all ? "all" : "any";
        if (auto status = knownKeys(json, {std::string_view(key)}, where); !status)
            return status.error();
        const Json &items = json.at(key);
        if (!items.is_array() || items.empty())
            return bad(where + "/" + key, "\"" + key + "\" must be a non-empty array of conditions");
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto child = conditionFromJson(items[i], where + "/" + key + "/" + std::to_string(i));
            if (!child)
                return child.error();
            condition.children.push_back(std::move(*child));
        }
        return condition;
    }
    if (json.contains("attribute")) {
        condition.kind = Condition::Kind::Attribute;
        auto filter = valueFilterFromJson(json, where, "attribute");
        if (!filter)
            return filter.error();
        condition.attribute = std::move(*filter);
        return condition;
    }
    if (json.contains("in_segment") || json.contains("not_in_segment")) {
        const bool in = json.contains("in_segment");
        condition.kind = in ? Condition::Kind::InSegment : Condition::Kind::NotInSegment;
        const std::string_view key = in ? "in_segment" : "not_in_segment";
        if (auto status = knownKeys(json, {key}, where); !status)
            return status.error();
        auto segment = stringAt(json, key.data(), where);
        if (!segment)
            return segment.error();
        condition.segment = *segment;
        return condition;
    }
    if (json.contains("related_object")) {
        condition.kind = Condition::Kind::RelatedObject;
        if (auto status = knownKeys(json, kRelatedObjectKeys, where); !status)
            return status.error();
        auto type = stringAt(json, "related_object", where);
        if (!type)
            return type.error();
        if (!isPositiveDecimalId(*type))
            return bad(where + "/related_object",
                       "an object type is named by its id, a whole number such as \"1\", not \"" + *type +
                           "\"");
        condition.objectTypeId = *type;
        auto filters = filtersAt(json, "where", where, "attribute");
        if (!filters)
            return filters.error();
        condition.where = std::move(*filters);
        return condition;
    }
    if (json.contains("performed") || json.contains("not_performed")) {
        const bool performed = json.contains("performed");
        condition.kind = performed ? Condition::Kind::Performed : Condition::Kind::NotPerformed;
        if (auto status = knownKeys(json,
                                    performed ? std::span<const std::string_view>(kPerformedKeys)
                                              : std::span<const std::string_view>(kNotPerformedKeys),
                                    where);
            !status)
            return status.error();
        auto event = stringAt(json, performed ? "performed" : "not_performed", where);
        if (!event)
            return event.error();
        condition.event = *event;
        auto filters = filtersAt(json, "where", where, "property");
        if (!filters)
            return filters.error();
        condition.where = std::move(*filters);
        if (json.contains("within")) {
            auto within = durationAt(json, "within", where);
            if (!within)
                return within.error();
            condition.withinMillis = *within;
        }
        auto key = stringAt(json, "match", where, false);
        if (!key)
            return key.error();
        condition.matchKey = *key == "person" ? std::string() : *key;
        auto atLeast = countAt(json, "at_least", where);
        if (!atLeast)
            return atLeast.error();
        auto atMost = countAt(json, "at_most", where);
        if (!atMost)
            return atMost.error();
        if (*atLeast)
            condition.atLeast = **atLeast;
        else if (*atMost)
            condition.atLeast = 0;
        condition.atMost = *atMost;
        if (condition.atMost && *condition.atMost < condition.atLeast)
            return bad(where + "/at_most", "at_most (" + std::to_string(*condition.atMost) +
                                               ") is below at_least (" + std::to_string(condition.atLeast) +
                                               "): no count can match");
        return condition;
    }
    const std::optional<UnknownKey> unknown = findUnknownKey(json, kConditionKinds);
    return bad(unknown ? member(where, unknown->key) : where,
               (unknown ? unknown->message + ": a" : "A") +
                   std::string(" condition has one of \"all\", \"any\", \"attribute\", \"performed\", "
                               "\"not_performed\", \"in_segment\", \"not_in_segment\", "
                               "\"related_object\""));
}

Json toJson(const Condition &condition)
{
    switch (condition.kind) {
    case Condition::Kind::All:
    case Condition::Kind::Any: {
        Json items = Json::array();
        for (const Condition &child : condition.children)
            items.push_back(toJson(child));
        return {{condition.kind == Condition::Kind::All ? "all" : "any", items}};
    }
    case Condition::Kind::Attribute: return toJson(condition.attribute, "attribute");
    case Condition::Kind::InSegment: return {{"in_segment", condition.segment}};
    case Condition::Kind::NotInSegment: return {{"not_in_segment", condition.segment}};
    case Condition::Kind::RelatedObject: {
        Json out = {{"related_object", condition.objectTypeId}};
        if (!condition.where.empty())
            out["where"] = filtersToJson(condition.where, "attribute");
        return out;
    }
    case Condition::Kind::Performed:
    case Condition::Kind::NotPerformed: {
        Json out = {
            {condition.kind == Condition::Kind::Performed ? "performed" : "not_performed", condition.event}};
        if (!condition.where.empty())
            out["where"] = filtersToJson(condition.where);
        if (condition.withinMillis)
            out["within"] = formatDurationMillis(*condition.withinMillis);
        if (!condition.matchKey.empty())
            out["match"] = condition.matchKey;
        if (condition.kind == Condition::Kind::Performed) {
            out["at_least"] = condition.atLeast;
            if (condition.atMost)
                out["at_most"] = *condition.atMost;
        }
        return out;
    }
    }
    return Json::object();
}

const Segment *Journeys::segment(const std::string &name) const
{
    for (const Segment &segment : segments) {
        if (segment.name == name)
            return &segment;
    }
    return nullptr;
}

const Campaign *Journeys::campaign(const std::string &name) const
{
    for (const Campaign &campaign : campaigns) {
        if (campaign.name == name)
            return &campaign;
    }
    return nullptr;
}

Result<Journeys> journeysFromJson(const Json &json, const std::string &origin)
{
    const std::string root = origin + "#";
    if (!json.is_object())
        return bad(root, "a journeys file is a JSON object");
    if (const auto format = json.find("format"); format == json.end() || *format != kJourneysFormat)
        return bad(root + "/format", std::string("\"format\" must be \"") + kJourneysFormat + "\"");
    if (auto status = knownKeys(json, kRootKeys, root); !status)
        return status.error();
    for (const char *key : {"segments", "campaigns"}) {
        if (json.contains(key) && !json.at(key).is_array())
            return bad(root + "/" + key,
                       std::string("\"") + key + "\" must be an array, not " + jsonTypeName(json.at(key)));
    }
    Journeys journeys;
    if (json.contains("settings")) {
        const Json &settings = json.at("settings");
        if (!settings.is_object())
            return bad(root + "/settings", "settings must be an object, not " + jsonTypeName(settings));
        if (auto status = knownKeys(settings, kSettingsKeys, root + "/settings"); !status)
            return status.error();
        if (settings.contains("segment_update_latency")) {
            auto latency = durationAt(settings, "segment_update_latency", root + "/settings");
            if (!latency)
                return latency.error();
            journeys.segmentUpdateLatencyMillis = *latency;
        }
        auto zone = stringAt(settings, "timezone", root + "/settings", false);
        if (!zone)
            return zone.error();
        if (!zone->empty() && !isTimeZoneName(*zone))
            return bad(root + "/settings/timezone",
                       "\"" + *zone + "\" is not an IANA time zone (such as \"Europe/Berlin\")");
        journeys.timezone = *zone;
    }
    const Json segments = json.value("segments", Json::array());
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string at = root + "/segments/" + std::to_string(i);
        if (!segments[i].is_object())
            return bad(at,
                       "a segment is {\"name\": ..., \"condition\": ...}, not " + jsonTypeName(segments[i]));
        if (auto status = knownKeys(segments[i], kSegmentKeys, at); !status)
            return status.error();
        auto name = stringAt(segments[i], "name", at);
        if (!name)
            return name.error();
        if (journeys.segment(*name))
            return bad(at + "/name", "segment \"" + *name + "\" is defined twice");
        if (segments[i].contains("manual_id")) {
            const Json &id = segments[i].at("manual_id");
            if (segments[i].contains("condition"))
                return bad(at + "/condition", "a manual segment (\"manual_id\") has no condition: people "
                                              "join it through add_customers");
            if (!id.is_number_integer() || id.get<std::int64_t>() < 1 || id.get<std::int64_t>() > 999'999'999)
                return bad(at + "/manual_id",
                           "manual_id is the segment's numeric id in Customer.io, not " + id.dump());
            for (const Segment &other : journeys.segments)
                if (other.manualId == id.get<std::int32_t>())
                    return bad(at + "/manual_id",
                               "manual segment " + id.dump() + " is already \"" + other.name + "\"");
            journeys.segments.push_back({*name, Condition{}, id.get<std::int32_t>()});
            continue;
        }
        if (!segments[i].contains("condition"))
            return bad(at, "missing \"condition\" (or \"manual_id\" for a manual segment)");
        auto condition = conditionFromJson(segments[i].at("condition"), at + "/condition");
        if (!condition)
            return condition.error();
        if (const Condition *keyed = firstKeyedCondition(*condition))
            return bad(at + "/condition", "\"match\": \"" + keyed->matchKey +
                                              "\" ties a condition to a run's trigger; a segment has no run");
        journeys.segments.push_back({*name, std::move(*condition), std::nullopt});
    }
    const Json campaigns = json.value("campaigns", Json::array());
    for (std::size_t i = 0; i < campaigns.size(); ++i) {
        const std::string at = root + "/campaigns/" + std::to_string(i);
        auto campaign = campaignFromJson(campaigns[i], at);
        if (!campaign)
            return campaign.error();
        if (journeys.campaign(campaign->name))
            return bad(at + "/name", "campaign \"" + campaign->name + "\" is defined twice");
        journeys.campaigns.push_back(std::move(*campaign));
    }
    for (std::size_t i = 0; i < journeys.segments.size(); ++i) {
        auto status = checkSegmentReferences(journeys.segments[i].condition, journeys,
                                             root + "/segments/" + std::to_string(i) + "/condition");
        if (!status)
            return status.error();
    }
    for (std::size_t i = 0; i < journeys.campaigns.size(); ++i) {
        const Campaign &campaign = journeys.campaigns[i];
        const std::string at = root + "/campaigns/" + std::to_string(i);
        if (campaign.trigger.isSegment() && !journeys.segment(campaign.trigger.segment))
            return bad(at + "/trigger/segment", "unknown segment \"" + campaign.trigger.segment + "\"");
        if (!campaign.exitWhenLeavingSegment.empty() && !journeys.segment(campaign.exitWhenLeavingSegment))
            return bad(at + "/exit/when_leaving_segment",
                       "unknown segment \"" + campaign.exitWhenLeavingSegment + "\"");
        if (campaign.audience) {
            auto status = checkSegmentReferences(*campaign.audience, journeys, at + "/audience");
            if (!status)
                return status.error();
            if (const Condition *keyed = firstKeyedCondition(*campaign.audience))
                return bad(at + "/audience",
                           "\"match\": \"" + keyed->matchKey +
                               "\" ties a condition to a run's trigger; the audience is checked "
                               "before there is one (use it in a message condition or branch)");
        }
        if (const Condition *keyed = firstKeyedCondition(campaign.steps);
            keyed && campaign.trigger.isSegment())
            return bad(at + "/steps", "\"match\": \"" + keyed->matchKey +
                                          "\" needs the triggering event's value, and a segment-triggered "
                                          "campaign has no triggering event");
    }
    return journeys;
}

namespace {

// Reads each message's template file, relative to the journeys file.
Status loadTemplates(std::vector<Step> &steps, const std::string &folder, const std::string &at)
{
    for (std::size_t i = 0; i < steps.size(); ++i) {
        Step &step = steps[i];
        const std::string here = at + "/" + std::to_string(i);
        if (step.kind == Step::Kind::Message && !step.messageTemplate.file.empty()) {
            const std::string &file = step.messageTemplate.file;
            const std::string path = !file.empty() && file.front() == '/' ? file : folder + file;
            Result<std::string> text = readTextFile(path);
            if (!text)
                return bad(here + "/message/template",
                           "cannot read the template " + file + ": " + text.error().message);
            step.messageTemplate.body = std::move(*text);
        }
        if (auto status = loadTemplates(step.thenSteps, folder, here + "/branch/then"); !status)
            return status;
        if (auto status = loadTemplates(step.elseSteps, folder, here + "/branch/else"); !status)
            return status;
    }
    return Ok{};
}

} // namespace

Result<Journeys> loadJourneysFile(const std::string &path)
{
    auto json = readJsonFile(path);
    if (!json)
        return json.error();
    auto journeys = journeysFromJson(*json, path);
    if (!journeys)
        return journeys;
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    for (std::size_t i = 0; i < journeys->campaigns.size(); ++i)
        if (auto status = loadTemplates(journeys->campaigns[i].steps, folder,
                                        path + "#/campaigns/" + std::to_string(i) + "/steps");
            !status)
            return status.error();
    return journeys;
}

Json toJson(const Journeys &journeys)
{
    Json out = {{"format", kJourneysFormat}};
    Json segments = Json::array();
    for (const Segment &segment : journeys.segments) {
        if (segment.isManual())
            segments.push_back({{"name", segment.name}, {"manual_id", *segment.manualId}});
        else
            segments.push_back({{"name", segment.name}, {"condition", toJson(segment.condition)}});
    }
    out["segments"] = segments;
    Json campaigns = Json::array();
    for (const Campaign &campaign : journeys.campaigns)
        campaigns.push_back(toJson(campaign));
    out["campaigns"] = campaigns;
    if (journeys.segmentUpdateLatencyMillis != 0)
        out["settings"]["segment_update_latency"] = formatDurationMillis(journeys.segmentUpdateLatencyMillis);
    if (!journeys.timezone.empty())
        out["settings"]["timezone"] = journeys.timezone;
    return out;
}

std::string toJourneysFileText(const Journeys &journeys)
{
    return toFileText(toJson(journeys));
}

} // namespace preflight
