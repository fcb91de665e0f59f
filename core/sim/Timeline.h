#pragma once

#include "common/Json.h"
#include "common/Time.h"

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// One thing the simulator decided, with the rule and the event behind it.
struct TimelineEntry {
    enum class Kind {
        Entered,    // a run of a campaign started
        NotEntered, // the trigger matched but the person did not enter (filters, frequency, dedupe, block)
        Waiting,    // a delay, time window or wait-until started
        Resumed,    // a wait ended (event or timeout)
        Sent,       // a message would go out
        Suppressed, // a message was skipped (unsubscribed, action condition, suppressed person)
        Exited,     // a run ended early (goal, left segment, no longer matching, wait exit)
        Completed,  // a run reached its last step
        SegmentEntered,
        SegmentLeft,
        Note,      // hindsight: a late event that would have changed a decision
        Merged,    // two people became one: on both, who went into whom and what moved
        Duplicate, // an event the workspace ignored: its id was seen before
    };

    UnixMillis at = 0;
    Kind kind = Kind::Note;
    std::string personKey;
    std::string campaign;
    std::string segment;
    std::string message; // message name (Sent / Suppressed)
    std::string channel;
    int runId = 0;    // per simulation, 0 for segment entries
    std::string rule; // "trigger", "frequency", "dedupe_key", "goal", "delay", "choice:concurrent_runs"...
    std::string code; // stable outcome code: "converted", "left_segment", "unsubscribed", "late_goal"...
    std::string causeEvent;
    UnixMillis causeOccurredAt = 0;
    UnixMillis causeArrivedAt = 0;
    std::string reason; // for people
};

std::string_view toString(TimelineEntry::Kind kind);

struct Timeline {
    // In decision order (virtual time, then arrival). A deque: a million-event run appends millions of
    // entries, and a vector would move them all each time it grows.
    std::deque<TimelineEntry> entries;

    // Kept with the entries: each person's scenario identity (id, else email, else anonymous id) by
    // person key, and when every segment was first evaluated for them (a "not in segment" before then
    // tests nothing).
    std::map<std::string, std::string> labels;
    std::map<std::string, UnixMillis> segmentsEvaluatedAt;

    // "cust-1 (cio 03000001)", or the key alone when the person has no label.
    std::string describePerson(const std::string &personKey) const;
    std::vector<const TimelineEntry *> forPerson(const std::string &personKey) const;
    std::vector<std::string> personKeys() const; // in order of first appearance
    // Segment membership reconstructed from the enter/leave entries.
    bool inSegmentAt(const std::string &personKey, const std::string &segment, UnixMillis at) const;
};

// `label`: the person's scenario identity, written beside the key as "person_label".
Json toJson(const TimelineEntry &entry, UnixMillis origin, const std::string &label = {});
Json toJson(const Timeline &timeline, UnixMillis origin);
// "+30m  cart_recovery  SENT email cart_reminder_1 — reason" lines, relative to origin.
std::string formatTimeline(const Timeline &timeline, UnixMillis origin, const std::string &personKey = {});
std::string formatOffset(UnixMillis at, UnixMillis origin);

} // namespace preflight
