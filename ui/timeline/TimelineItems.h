#pragma once

#include "sim/Timeline.h"

#include <QString>

#include <vector>

namespace preflight::ui {

struct WorkbenchRun;

// One thing drawn on a person's time axis: an event (occurred → arrived) or a simulator decision.
struct TimelineItem {
    enum class Lane { Events, Journeys, Segments };
    Lane lane = Lane::Journeys;
    TimelineEntry::Kind kind = TimelineEntry::Kind::Note; // journeys / segments lanes
    UnixMillis at = 0;                                    // arrival (events) or decision time
    UnixMillis occurredAt = 0;                            // events: when it happened
    QString label;                                        // short text drawn beside the mark
    QString details; // the reason, rule, cause, times: for the details pane
};

// The items of one person, from a run: each step's call (occurred vs arrived) and the timeline entries.
std::vector<TimelineItem> timelineItemsFor(const WorkbenchRun &run, const std::string &personKey);
// The people of a run, in order of first appearance (timeline and steps).
std::vector<std::string> timelinePeople(const WorkbenchRun &run);
QString kindLabel(TimelineEntry::Kind kind);

} // namespace preflight::ui
