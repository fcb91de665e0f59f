#include "sim/Timeline.h"

#include <algorithm>

namespace preflight {

std::string_view toString(TimelineEntry::Kind kind)
{
    using Kind = TimelineEntry::Kind;
    switch (kind) {
    case Kind::Entered: return "entered";
    case Kind::NotEntered: return "not_entered";
    case Kind::Waiting: return "waiting";
    case Kind::Resumed: return "resumed";
    case Kind::Sent: return "sent";
    case Kind::Suppressed: return "suppressed";
    case Kind::Exited: return "exited";
    case Kind::Completed: return "completed";
    case Kind::SegmentEntered: return "segment_entered";
    case Kind::SegmentLeft: return "segment_left";
    case Kind::Note: return "note";
    case Kind::Merged: return "merged";
    case Kind::Duplicate: return "duplicate";
    }
    return "unknown";
}

std::string Timeline::describePerson(const std::string &personKey) const
{
    const auto it = labels.find(personKey);
    return it == labels.end() ? personKey : it->second + " (cio " + personKey + ")";
}

std::vector<const TimelineEntry *> Timeline::forPerson(const std::string &personKey) const
{
    std::vector<const TimelineEntry *> out;
    for (const TimelineEntry &entry : entries) {
        if (entry.personKey == personKey)
            out.push_back(&entry);
    }
    return out;
}

std::vector<std::string> Timeline::personKeys() const
{
    std::vector<std::string> keys;
    for (const TimelineEntry &entry : entries) {
        if (std::find(keys.begin(), keys.end(), entry.personKey) == keys.end())
            keys.push_back(entry.personKey);
    }
    return keys;
}

bool Timeline::inSegmentAt(const std::string &personKey, const std::string &segment, UnixMillis at) const
{
    bool member = false;
    for (const TimelineEntry &entry : entries) {
        if (entry.at > at || entry.segment != segment || (!personKey.empty() && entry.personKey != personKey))
            continue;
        if (entry.kind == TimelineEntry::Kind::SegmentEntered)
            member = true;
        else if (entry.kind == TimelineEntry::Kind::SegmentLeft)
            member = false;
    }
    return member;
}

std::string formatOffset(UnixMillis at, UnixMillis origin)
{
    const std::int64_t delta = at - origin;
    if (delta == 0)
        return "+0m";
    const std::string text = formatDurationMillis(delta);
    return delta > 0 ? "+" + text : text;
}

Json toJson(const TimelineEntry &entry, UnixMillis origin, const std::string &label)
{
    Json out = {{"at", toIso8601(entry.at)},
                {"offset", formatOffset(entry.at, origin)},
                {"kind", std::string(toString(entry.kind))},
                {"person", entry.personKey},
                {"reason", entry.reason}};
    auto put = [&out](const char *key, const std::string &value) {
        if (!value.empty())
            out[key] = value;
    };
    put("person_label", label);
    put("campaign", entry.campaign);
    put("segment", entry.segment);
    put("message", entry.message);
    put("channel", entry.channel);
    put("rule", entry.rule);
    put("code", entry.code);
    if (entry.runId != 0)
        out["run"] = entry.runId;
    if (!entry.causeEvent.empty()) {
        out["cause"] = {{"event", entry.causeEvent},
                        {"occurred_at", toIso8601(entry.causeOccurredAt)},
                        {"arrived_at", toIso8601(entry.causeArrivedAt)}};
    }
    return out;
}

Json toJson(const Timeline &timeline, UnixMillis origin)
{
    Json out = Json::array();
    for (const TimelineEntry &entry : timeline.entries) {
        const auto label = timeline.labels.find(entry.personKey);
        out.push_back(toJson(entry, origin, label == timeline.labels.end() ? std::string() : label->second));
    }
    return out;
}

std::string formatTimeline(const Timeline &timeline, UnixMillis origin, const std::string &personKey)
{
    std::string out;
    for (const TimelineEntry &entry : timeline.entries) {
        if (!personKey.empty() && entry.personKey != personKey)
            continue;
        std::string line = formatOffset(entry.at, origin);
        line.resize(std::max<std::size_t>(line.size() + 1, 9), ' ');
        std::string kind(toString(entry.kind));
        for (char &c : kind)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        line += kind;
        line.resize(std::max<std::size_t>(line.size() + 1, 26), ' ');
        const std::string subject = !entry.campaign.empty()  ? entry.campaign
                                    : !entry.segment.empty() ? "segment " + entry.segment
                                                             : entry.causeEvent;
        line += subject;
        if (entry.runId != 0)
            line += " #" + std::to_string(entry.runId);
        if (!entry.message.empty())
            line += " " + entry.channel + " \"" + entry.message + "\"";
        line += " — " + entry.reason;
        if (personKey.empty())
            line += " [" + timeline.describePerson(entry.personKey) + "]";
        out += line + "\n";
    }
    return out;
}

} // namespace preflight
