#include "journeys/Journeys.h"

#include <array>
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

Result<std::int64_t> durationAt(const Json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return bad(where + "/" + key,
                   std::string("\"") + key + "\" must be a duration such as \"30m\", \"24h\", \"7d\"");
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

Json filtersToJson(const std::vector<ValueFilter> &filters)
{
    Json out = Json::array();
    for (const ValueFilter &filter : filters)
        out.push_back(toJson(filter, "property"));
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
    if (value.size() != 5 || value[2] != ':')
        return bad(where + "/" + key, "\"" + value + "\" must be a time of day \"HH:MM\"");
    const int hours = std::atoi(value.substr(0, 2).c_str());
    const int minutes = std::atoi(value.substr(3, 2).c_str());
    if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59)
        return bad(where + "/" + key, "\"" + value + "\" is not a time of day");
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
    return bad(where + "/" + key, std::string("\"") + key + "\" must be \"continue\" or \"exit\"");
}

Result<std::vector<Step>> stepsFromJson(const Json &json, const std::string &where);

Result<Step> stepFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object() || json.size() != 1)
        return bad(where, "a step is an object with one of \"delay\", \"time_window\", \"wait_until\", "
                          "\"message\", \"branch\"");
    const std::string kind = json.begin().key();
    const Json &body = json.begin().value();
    const std::string at = where + "/" + kind;
    Step step;
    if (kind == "delay") {
        step.kind = Step::Kind::Delay;
        const auto millis = body.is_string() ? parseDurationMillis(body.get<std::string>()) : std::nullopt;
        if (!millis || *millis < 0)
            return bad(at, "a delay is a duration such as \"30m\"");
        step.durationMillis = *millis;
    } else if (kind == "time_window") {
        step.kind = Step::Kind::TimeWindow;
        if (!body.is_object())
            return bad(at, "a time window is {\"start\": \"HH:MM\", \"end\": \"HH:MM\"} (UTC)");
        auto start = minuteOfDay(body, "start", at);
        if (!start)
            return start.error();
        auto end = minuteOfDay(body, "end", at);
        if (!end)
            return end.error();
        step.windowStartMinute = *start;
        step.windowEndMinute = *end;
    } else if (kind == "wait_until") {
        step.kind = Step::Kind::WaitUntil;
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
        if (body.contains("conditions")) {
            auto condition = conditionFromJson(body["conditions"], at + "/conditions");
            if (!condition)
                return condition.error();
            step.condition = std::move(*condition);
        }
    } else if (kind == "branch") {
        step.kind = Step::Kind::Branch;
        if (!body.is_object() || !body.contains("if"))
            return bad(at, "a branch is {\"if\": condition, \"then\": [steps], \"else\": [steps]}");
        auto condition = conditionFromJson(body["if"], at + "/if");
        if (!condition)
            return condition.error();
        step.condition = std::move(*condition);
        for (const char *key : {"then", "else"}) {
            if (!body.contains(key))
                continue;
            auto steps = stepsFromJson(body[key], at + "/" + key);
            if (!steps)
                return steps.error();
            (std::string(key) == "then" ? step.thenSteps : step.elseSteps) = std::move(*steps);
        }
    } else {
        return bad(where, "unknown step \"" + kind + "\" (delay, time_window, wait_until, message, branch)");
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
        return {
            {"time_window",
             {{"start", formatMinute(step.windowStartMinute)}, {"end", formatMinute(step.windowEndMinute)}}}};
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
    for (const auto &[key, value] : json.items()) {
        const std::string at = where + "/" + key;
        if (key == "concurrent_runs" && (value == "allow" || value == "skip"))
            choices.concurrentRuns = value == "allow";
        else if (key == "goal_before_first_message" && (value == "exit" || value == "ignore"))
            choices.goalBeforeFirstMessageExits = value == "exit";
        else if (key == "delay_anchor" && (value == "arrival" || value == "occurred"))
            choices.delayFromOccurred = value == "occurred";
        else
            return bad(at, "unknown choice or value (concurrent_runs: allow|skip, goal_before_first_message: "
                           "exit|ignore, delay_anchor: arrival|occurred)");
    }
    return choices;
}

Result<Campaign> campaignFromJson(const Json &json, const std::string &where)
{
    if (!json.is_object())
        return bad(where, "a campaign must be an object");
    Campaign campaign;
    auto name = stringAt(json, "name", where);
    if (!name)
        return name.error();
    campaign.name = *name;
    if (!json.contains("trigger") || !json["trigger"].is_object())
        return bad(where, "missing \"trigger\" ({\"event\": ...} or {\"segment\": ...})");
    const Json &trigger = json["trigger"];
    if (trigger.contains("segment")) {
        auto segment = stringAt(trigger, "segment", where + "/trigger");
        if (!segment)
            return segment.error();
        campaign.trigger.segment = *segment;
    } else {
        auto event = stringAt(trigger, "event", where + "/trigger");
        if (!event)
            return event.error();
        campaign.trigger.event = *event;
        auto filters = filtersAt(trigger, "where", where + "/trigger", "property");
        if (!filters)
            return filters.error();
        campaign.trigger.where = std::move(*filters);
    }
    if (json.contains("audience")) {
        auto audience = conditionFromJson(json["audience"], where + "/audience");
        if (!audience)
            return audience.error();
        campaign.audience = std::move(*audience);
    }
    if (const auto it = json.find("frequency"); it != json.end()) {
        if (*it == "every_time") {
            campaign.frequency.kind = Frequency::Kind::EveryTime;
        } else if (*it == "once") {
            campaign.frequency.kind = Frequency::Kind::Once;
        } else if (it->is_object() && it->contains("at_most_once_per")) {
            auto period = durationAt(*it, "at_most_once_per", where + "/frequency");
            if (!period)
                return period.error();
            campaign.frequency = {Frequency::Kind::OncePerPeriod, *period};
        } else {
            return bad(where + "/frequency",
                       "frequency is \"once\", \"every_time\" or {\"at_most_once_per\": \"7d\"}");
        }
    }
    auto dedupe = stringAt(json, "dedupe_key", where, false);
    if (!dedupe)
        return dedupe.error();
    campaign.dedupeKey = *dedupe;
    auto steps = stepsFromJson(json.value("steps", Json::array()), where + "/steps");
    if (!steps)
        return steps.error();
    campaign.steps = std::move(*steps);
    if (const auto it = json.find("exit"); it != json.end()) {
        const std::string at = where + "/exit";
        if (!it->is_object())
            return bad(at, "exit must be an object");
        if (it->contains("goal")) {
            auto match = eventMatchFromJson((*it)["goal"], at + "/goal");
            if (!match)
                return match.error();
            auto within = durationAt((*it)["goal"], "within", at + "/goal");
            if (!within)
                return within.error();
            campaign.goal = Goal{std::move(*match), *within};
        }
        auto leaving = stringAt(*it, "when_leaving_segment", at, false);
        if (!leaving)
            return leaving.error();
        campaign.exitWhenLeavingSegment = *leaving;
        campaign.exitWhenNoLongerMatching = it->value("when_no_longer_matching", false);
    }
    if (json.contains("choices")) {
        auto choices = choicesFromJson(json["choices"], where + "/choices");
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
    if (campaign.exitWhenNoLongerMatching)
        exit["when_no_longer_matching"] = true;
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
    ValueFilter filter;
    auto subject = stringAt(json, subjectKey, where);
    if (!subject)
        return subject.error();
    filter.path = *subject;
    const std::string opName = json.value("op", std::string("eq"));
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
    if (filter.op == ValueFilter::Op::WithinPast) {
        auto window = durationAt(json, "value", where);
        if (!window)
            return window.error();
        filter.windowMillis = *window;
    }
    if (needsValue)
        filter.value = json["value"];
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
        const Json &items = json[key];
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
        auto segment = stringAt(json, in ? "in_segment" : "not_in_segment", where);
        if (!segment)
            return segment.error();
        condition.segment = *segment;
        return condition;
    }
    if (json.contains("performed") || json.contains("not_performed")) {
        const bool performed = json.contains("performed");
        condition.kind = performed ? Condition::Kind::Performed : Condition::Kind::NotPerformed;
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
        if (const auto it = json.find("at_least"); it != json.end()) {
            if (!it->is_number_integer() || it->get<int>() < 0)
                return bad(where + "/at_least", "at_least must be a non-negative integer");
            condition.atLeast = it->get<int>();
        }
        if (const auto it = json.find("at_most"); it != json.end()) {
            if (!it->is_number_integer() || it->get<int>() < 0)
                return bad(where + "/at_most", "at_most must be a non-negative integer");
            condition.atMost = it->get<int>();
            if (!json.contains("at_least"))
                condition.atLeast = 0;
        }
        return condition;
    }
    return bad(where,
               "a condition has one of \"all\", \"any\", \"attribute\", \"performed\", \"not_performed\", "
               "\"in_segment\", \"not_in_segment\"");
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
    case Condition::Kind::Performed:
    case Condition::Kind::NotPerformed: {
        Json out = {
            {condition.kind == Condition::Kind::Performed ? "performed" : "not_performed", condition.event}};
        if (!condition.where.empty())
            out["where"] = filtersToJson(condition.where);
        if (condition.withinMillis)
            out["within"] = formatDurationMillis(*condition.withinMillis);
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
    if (json.value("format", std::string()) != kJourneysFormat)
        return bad(root + "/format", std::string("\"format\" must be \"") + kJourneysFormat + "\"");
    Journeys journeys;
    if (json.contains("settings")) {
        const Json &settings = json["settings"];
        if (settings.contains("segment_update_latency")) {
            auto latency = durationAt(settings, "segment_update_latency", root + "/settings");
            if (!latency)
                return latency.error();
            journeys.segmentUpdateLatencyMillis = *latency;
        }
    }
    const Json segments = json.value("segments", Json::array());
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string at = root + "/segments/" + std::to_string(i);
        auto name = stringAt(segments[i], "name", at);
        if (!name)
            return name.error();
        if (journeys.segment(*name))
            return bad(at + "/name", "segment \"" + *name + "\" is defined twice");
        if (!segments[i].contains("condition"))
            return bad(at, "missing \"condition\"");
        auto condition = conditionFromJson(segments[i]["condition"], at + "/condition");
        if (!condition)
            return condition.error();
        journeys.segments.push_back({*name, std::move(*condition)});
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
        }
    }
    return journeys;
}

Result<Journeys> loadJourneysFile(const std::string &path)
{
    auto json = readJsonFile(path);
    if (!json)
        return json.error();
    return journeysFromJson(*json, path);
}

Json toJson(const Journeys &journeys)
{
    Json out = {{"format", kJourneysFormat}};
    Json segments = Json::array();
    for (const Segment &segment : journeys.segments)
        segments.push_back({{"name", segment.name}, {"condition", toJson(segment.condition)}});
    out["segments"] = segments;
    Json campaigns = Json::array();
    for (const Campaign &campaign : journeys.campaigns)
        campaigns.push_back(toJson(campaign));
    out["campaigns"] = campaigns;
    if (journeys.segmentUpdateLatencyMillis != 0)
        out["settings"] = {
            {"segment_update_latency", formatDurationMillis(journeys.segmentUpdateLatencyMillis)}};
    return out;
}

std::string toJourneysFileText(const Journeys &journeys)
{
    return toFileText(toJson(journeys));
}

} // namespace preflight
