#include "TimelineItems.h"

#include "workbench/ScenarioRun.h"

#include <algorithm>

namespace preflight::ui {

namespace {

QString offset(UnixMillis at, UnixMillis origin)
{
    return QString::fromStdString(formatOffset(at, origin));
}

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

QString kindLabel(TimelineEntry::Kind kind)
{
    using K = TimelineEntry::Kind;
    switch (kind) {
    case K::Entered: return QStringLiteral("entered");
    case K::NotEntered: return QStringLiteral("not entered");
    case K::Waiting: return QStringLiteral("wait");
    case K::Resumed: return QStringLiteral("resumed");
    case K::Sent: return QStringLiteral("SENT");
    case K::Suppressed: return QStringLiteral("suppressed");
    case K::Exited: return QStringLiteral("exit");
    case K::Completed: return QStringLiteral("completed");
    case K::SegmentEntered: return QStringLiteral("segment +");
    case K::SegmentLeft: return QStringLiteral("segment −");
    case K::Note: return QStringLiteral("note");
    case K::Merged: return QStringLiteral("MERGED");
    case K::Duplicate: return QStringLiteral("DUPLICATE");
    }
    return {};
}

std::vector<std::string> timelinePeople(const WorkbenchRun &run)
{
    std::vector<std::string> people;
    for (const StepOutcome &step : run.steps) {
        if (!step.personKey.empty() &&
            std::find(people.begin(), people.end(), step.personKey) == people.end())
            people.push_back(step.personKey);
    }
    for (const std::string &key : run.result.timeline.personKeys()) {
        if (std::find(people.begin(), people.end(), key) == people.end())
            people.push_back(key);
    }
    return people;
}

std::vector<TimelineItem> timelineItemsFor(const WorkbenchRun &run, const std::string &personKey)
{
    const UnixMillis origin = run.result.origin;
    std::vector<TimelineItem> items;
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
        const StepOutcome &step = run.steps[i];
        if (step.personKey != personKey)
            continue;
        TimelineItem item;
        item.lane = TimelineItem::Lane::Events;
        item.occurredAt = step.occurredAt;
        item.at = step.arrivedAt ? step.arrivedAt : step.occurredAt;
        item.label = q(step.name);
        const std::int64_t gap = item.at - item.occurredAt;
        item.details =
            QStringLiteral("<b>Step %1: %2</b><br>occurred %3, arrived %4%5<br>%6")
                .arg(i + 1)
                .arg(q(step.name), offset(item.occurredAt, origin), offset(item.at, origin),
                     gap > 0 ? QStringLiteral(" (<b>%1 late</b>)").arg(q(formatDurationMillis(gap)))
                             : QString(),
                     q(step.delivery));
        items.push_back(item);
    }
    for (const TimelineEntry *entry : run.result.timeline.forPerson(personKey)) {
        TimelineItem item;
        item.kind = entry->kind;
        item.lane = entry->kind == TimelineEntry::Kind::SegmentEntered ||
                            entry->kind == TimelineEntry::Kind::SegmentLeft
                        ? TimelineItem::Lane::Segments
                        : TimelineItem::Lane::Journeys;
        item.at = entry->at;
        const std::string subject = !entry->message.empty()   ? entry->message
                                    : !entry->segment.empty() ? entry->segment
                                                              : entry->campaign;
        item.label = kindLabel(entry->kind) + QLatin1Char(' ') + q(subject);
        QString details = QStringLiteral("<b>%1 %2</b> at %3")
                              .arg(kindLabel(entry->kind), q(subject), offset(entry->at, origin));
        if (!entry->campaign.empty())
            details += QStringLiteral("<br>journey: %1 (run %2)").arg(q(entry->campaign)).arg(entry->runId);
        if (!entry->channel.empty())
            details += QStringLiteral("<br>channel: %1").arg(q(entry->channel));
        if (!entry->rule.empty())
            details += QStringLiteral("<br>rule: %1").arg(q(entry->rule));
        if (!entry->code.empty())
            details += QStringLiteral("<br>outcome: %1").arg(q(entry->code));
        if (!entry->causeEvent.empty())
            details += QStringLiteral("<br>caused by: %1 (occurred %2, arrived %3)")
                           .arg(q(entry->causeEvent), offset(entry->causeOccurredAt, origin),
                                offset(entry->causeArrivedAt, origin));
        if (!entry->reason.empty())
            details += QStringLiteral("<br><br>%1").arg(q(entry->reason).toHtmlEscaped());
        item.details = details;
        items.push_back(item);
    }
    return items;
}

} // namespace preflight::ui
