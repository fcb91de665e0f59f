#include "sim/SimulatorState.h"

#include "journeys/ValueMatch.h"
#include "sim/Prefetch.h"

#include <algorithm>

namespace preflight {

namespace {

constexpr std::int64_t kAudienceRecheckMillis = 30 * 60'000; // Customer.io re-checks filters for 30 minutes
constexpr std::size_t kFinishedRunsKept = 8;
constexpr std::int64_t kDayMillis = 86'400'000;

std::string triggerPhrase(std::string_view event, UnixMillis occurredAt, UnixMillis arrivedAt)
{
    std::string out = std::string(event) + " (occurred " + toIso8601(occurredAt);
    if (arrivedAt - occurredAt >= 60'000)
        out += ", arrived " + formatDurationMillis(arrivedAt - occurredAt) + " later";
    return out + ")";
}

} // namespace

void SimulatorState::schedule(std::uint32_t person, Run *run, UnixMillis at, int segmentNameId,
                              int windowSlot)
{
    const std::uint64_t token = ++m_timerSeq;
    if (run) {
        run->timerToken = token;
        run->timerAt = at;
    }
    std::size_t lane = TimerQueue::kNoLane;
    if (run)
        lane = m_compiled.campaigns[static_cast<std::size_t>(run->campaign)].firstLane + run->pc;
    else if (windowSlot >= 0)
        lane = m_compiled.windowLane(windowSlot);
    m_timers.push(Timer{at, token, person, run ? run->id : 0, run ? -1 : segmentNameId, windowSlot}, lane);
    stats.timersPeak = std::max(stats.timersPeak, m_timers.size());
}

void SimulatorState::scheduleWindowCheck(Person &person, int slot, UnixMillis at)
{
    UnixMillis &due = marks().windowCheck(person, slot);
    if (due != 0 && due <= at)
        return; // the earlier check schedules the next one
    due = at;
    const WindowSlot &window = m_compiled.windowSlots[static_cast<std::size_t>(slot)];
    schedule(person.index, nullptr, at, window.nameId, slot);
}

void SimulatorState::scheduleNextWindowCheck(Person &person, int slot)
{
    const WindowSlot &window = m_compiled.windowSlots[static_cast<std::size_t>(slot)];
    marks().windowCheck(person, slot) = 0;
    UnixMillis next = 0;
    for (const StoredEvent &event : person.events) {
        const UnixMillis leaves = event.occurredAt + window.millis;
        if (event.nameId == window.nameId && leaves > now && (next == 0 || leaves < next))
            next = leaves;
    }
    if (next != 0)
        scheduleWindowCheck(person, slot, next);
}

void SimulatorState::advanceTo(UnixMillis until)
{
    while (!m_timers.empty() && m_timers.top().at <= until) {
        const Timer timer = m_timers.top();
        m_timers.pop();
        // The next timers' people are likely in no cache: fetch the next one's state (the person
        // was fetched a timer ago) and the person after them.
        if (!m_timers.empty()) {
            const Timer &upcoming = m_timers.top();
            const Person &next = m_people[upcoming.person];
            if (upcoming.runId != 0)
                prefetchItems(next.runs);
            else
                prefetchItems(next.events);
            prefetchItems(next.marks);
            if (const Timer *after = m_timers.second())
                prefetchLine(&m_people[after->person]);
        }
        now = std::max(now, timer.at);
        Person &person = m_people[timer.person];
        if (person.deleted)
            continue;
        if (timer.runId == 0) {
            if (timer.windowSlot >= 0 && marks().windowCheck(person, timer.windowSlot) != timer.at)
                continue; // replaced by an earlier check
            evaluateSegments(person, Cause{"time", now, now}, timer.nameId);
            if (timer.windowSlot >= 0)
                scheduleNextWindowCheck(m_people[timer.person], timer.windowSlot);
            continue;
        }
        Run *run = findRun(person, timer.runId);
        if (!run || run->timerToken != timer.seq)
            continue;
        const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(run->campaign)];
        if (run->state == Run::State::WaitingEvent) {
            const Step *step = compiled.program[run->pc].step;
            const Cause cause{"time", now, now};
            if (step->onTimeout == Step::Then::Exit) {
                finishRun(person, run->id, TimelineEntry::Kind::Exited, "wait_until", "wait_timeout", cause,
                          !recordTimeline
                              ? std::string()
                              : "no " + step->waitFor.event + " within " +
                                    formatDurationMillis(*step->timeoutMillis) + "; the timeout path exits");
                continue;
            }
            TimelineEntry &entry = record(person, TimelineEntry::Kind::Resumed, cause,
                                          !recordTimeline ? std::string()
                                                          : "no " + step->waitFor.event + " within " +
                                                                formatDurationMillis(*step->timeoutMillis) +
                                                                ": the timeout path continues");
            entry.campaign = compiled.campaign->name;
            entry.runId = run->id;
            entry.rule = "wait_until";
        }
        run->state = Run::State::Ready;
        run->timerToken = 0;
        ++run->pc;
        run->stepBase = now;
        advanceRun(person, *run);
    }
    now = std::max(now, until);
}

template <typename MakeReason>
void SimulatorState::recordRefusal(Person &person, const Campaign &campaign, const Cause &cause,
                                   const char *rule, std::string_view code, MakeReason &&makeReason)
{
    // The reason is built only when the timeline is kept: refusals are the most common outcome.
    if (!recordTimeline)
        return;
    TimelineEntry &entry = record(person, TimelineEntry::Kind::NotEntered, cause, makeReason());
    entry.campaign = campaign.name;
    entry.rule = rule;
    entry.code = code;
}

void SimulatorState::tryEnter(Person &person, int campaignIndex, const Cause &cause, const Json &data,
                              TriggerBlock block, std::string_view blockReason, const PendingEntry *pending)
{
    if (refusedEntry(person, campaignIndex, cause, data, block, blockReason, pending))
        return;
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(campaignIndex)];
    TriggerKeys keys = pending ? pending->keyValues : keyValues(compiled, data);
    std::string note;
    if (coveredByRun(person, campaignIndex, cause, keys, note))
        return;
    startRun(person, campaignIndex, cause, std::move(keys), note);
}

bool SimulatorState::refusedEntry(Person &person, int campaignIndex, const Cause &cause, const Json &data,
                                  TriggerBlock block, std::string_view blockReason,
                                  const PendingEntry *pending)
{
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(campaignIndex)];
    const Campaign &campaign = *compiled.campaign;
    auto refuse = [&](const char *rule, std::string_view code, auto &&reason) {
        recordRefusal(person, campaign, cause, rule, code, reason);
        return true;
    };
    if (person.suppressed)
        return refuse("person", "suppressed", [] { return std::string("the person is suppressed"); });
    if (block != TriggerBlock::None) {
        std::string why;
        switch (block) {
        case TriggerBlock::Backdated:
            why = "its timestamp was more than 72 hours old when it arrived (backdated events count for "
                  "segments but never trigger)";
            break;
        case TriggerBlock::Merged:
            why = "it moved to this person through a merge, and merged events never trigger";
            break;
        case TriggerBlock::Anonymous: why = "it belongs to an anonymous visitor"; break;
        case TriggerBlock::AttachedTooLate:
            why = "it was attached at identify more than 72 hours after its timestamp";
            break;
        default: why = std::string(blockReason); break;
        }
        return refuse("trigger", std::string(toString(block)),
                      [&] { return std::string(cause.event) + " cannot trigger: " + why; });
    }
    if (!pending && !campaign.trigger.isSegment()) {
        for (const PreparedFilter &prepared : compiled.triggerWhere) {
            if (!prepared.matches(data, now))
                return refuse("trigger_filter", "filter", [&] {
                    const ValueFilter &filter = prepared.filter();
                    const std::optional<std::string> actual = keyValue(data, filter.path);
                    return "trigger filter " + describe(filter) + " not met (" + filter.path + " is " +
                           (actual ? *actual : "absent") + ")";
                });
        }
    }
    if (compiled.audience >= 0 && !m_conditions.evaluate(person, compiled.audience, now)) {
        if (pending) {
            person.pending.push_back(*pending); // still waiting, until its 30 minutes are up
            return true;
        }
        person.pending.push_back(
            PendingEntry{campaignIndex, now + kAudienceRecheckMillis, cause, keyValues(compiled, data)});
        return refuse("audience", "audience", [&] {
            return "audience not met: " + m_conditions.explain(person, *campaign.audience, now) +
                   "; re-checked on attribute changes for 30m";
        });
    }
    const std::optional<UnixMillis> last = marks().lastEntry(person, campaignIndex);
    if (campaign.frequency.kind == Frequency::Kind::Once && last)
        return refuse("frequency", "frequency",
                      [&] { return "frequency \"once\": already entered at " + toIso8601(*last); });
    if (campaign.frequency.kind == Frequency::Kind::OncePerPeriod && last &&
        now - *last < campaign.frequency.periodMillis)
        return refuse("frequency", "frequency", [&] {
            return "frequency \"at most once per " + formatDurationMillis(campaign.frequency.periodMillis) +
                   "\": last entered at " + toIso8601(*last);
        });
    return false;
}

bool SimulatorState::coveredByRun(Person &person, int campaignIndex, const Cause &cause,
                                  const TriggerKeys &keys, std::string &note)
{
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(campaignIndex)];
    const Campaign &campaign = *compiled.campaign;
    if (compiled.dedupeSlot >= 0) {
        const auto slot = static_cast<std::size_t>(compiled.dedupeSlot);
        const std::optional<std::string_view> dedupeValue = keys.at(slot);
        if (!dedupeValue) {
            if (recordTimeline)
                note = "; " + std::string(cause.event) + " has no " + campaign.dedupeKey +
                       ", so dedupe_key cannot apply: a parallel run starts";
        } else {
            for (const Run &run : person.runs) {
                if (run.campaign == campaignIndex && run.keyValues.at(slot) == dedupeValue) {
                    recordRefusal(person, campaign, cause, "dedupe_key", "deduped", [&] {
                        return "already in run #" + std::to_string(run.id) + " for " + campaign.dedupeKey +
                               "=" + std::string(*dedupeValue) + " (dedupe_key)";
                    });
                    return true;
                }
            }
        }
    }
    if (!campaign.choices.concurrentRuns) {
        for (const Run &run : person.runs) {
            if (run.campaign == campaignIndex) {
                recordRefusal(person, campaign, cause, "choice:concurrent_runs", "already_running", [&] {
                    return "already in run #" + std::to_string(run.id) +
                           "; the campaign's choice concurrent_runs=skip allows one run per person";
                });
                return true;
            }
        }
    } else if (recordTimeline && note.empty() &&
               std::any_of(person.runs.begin(), person.runs.end(),
                           [campaignIndex](const Run &run) { return run.campaign == campaignIndex; })) {
        note = "; another run of this campaign is active (concurrent_runs=allow, the simulator's default: "
               "Customer.io does not say whether one person can run a campaign twice at once)";
    }
    return false;
}

void SimulatorState::startRun(Person &person, int campaignIndex, const Cause &cause, TriggerKeys &&keys,
                              const std::string &note)
{
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(campaignIndex)];
    const Campaign &campaign = *compiled.campaign;
    Run run;
    run.id = m_nextRunId++;
    run.campaign = campaignIndex;
    run.enteredAt = now;
    run.stepBase = campaign.choices.delayFromOccurred ? cause.occurredAt : now;
    run.keyValues = std::move(keys);
    run.trigger = cause;
    marks().setLastEntry(person, campaignIndex, now);
    ++stats.runsStarted;
    if (recordTimeline) {
        std::string reason =
            campaign.trigger.isSegment()
                ? "entered segment " + campaign.trigger.segment
                : "triggered by " + triggerPhrase(cause.event, cause.occurredAt, cause.arrivedAt);
        for (std::size_t k = 0; k < compiled.keys.size(); ++k) {
            if (compiled.keys[k] == campaign.dedupeKey)
                reason += ", " + compiled.keys[k] + "=" + run.keyValues.textAt(k);
        }
        if (campaign.choices.delayFromOccurred)
            reason += "; delays count from the event's timestamp (choice delay_anchor=occurred)";
        TimelineEntry &entry = record(person, TimelineEntry::Kind::Entered, cause, reason + note);
        entry.campaign = campaign.name;
        entry.runId = run.id;
        entry.rule = "trigger";
    }
    // Room for a few runs at once: growing one at a time moves every run, into memory not yet cached.
    if (person.runs.capacity() == 0)
        person.runs.reserve(4);
    person.runs.push_back(std::move(run));
    advanceRun(person, person.runs.back());
}

TriggerKeys SimulatorState::keyValues(const CompiledCampaign &compiled, const Json &data) const
{
    TriggerKeys values;
    if (compiled.keys.empty()) // most campaigns: nothing to look up
        return values;
    for (const std::string &key : compiled.keys)
        values.append(valueAt(data, key));
    return values;
}

void SimulatorState::advanceRun(Person &person, Run &runIn)
{
    const int runId = runIn.id;
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(runIn.campaign)];
    const Cause cause = runIn.trigger;
    // Nothing below adds or removes runs until finishRun, after which the loop ends.
    Run *run = findRun(person, runId);
    if (!run)
        return;
    while (true) {
        if (run->pc >= compiled.program.size()) {
            finishRun(person, runId, TimelineEntry::Kind::Completed, "workflow", "completed", cause,
                      "reached the end of the workflow");
            return;
        }
        const Instruction &instruction = compiled.program[run->pc];
        const Step &step = *instruction.step;
        switch (instruction.op) {
        case Instruction::Op::Delay:
            if (holdForDelay(person, *run, step, cause) == Flow::Stop)
                return;
            continue;
        case Instruction::Op::TimeWindow:
            if (holdForWindow(person, *run, step, cause) == Flow::Stop)
                return;
            continue;
        case Instruction::Op::WaitUntil: waitForEvent(person, *run, step, cause); return;
        case Instruction::Op::Branch:
            run->pc = m_conditions.evaluate(person, instruction.condition, now, run) ? run->pc + 1
                                                                                     : instruction.target;
            continue;
        case Instruction::Op::Jump: run->pc = instruction.target; continue;
        case Instruction::Op::Message:
            if (exitedBeforeMessage(person, *run, step, cause))
                return;
            sendMessage(person, *run, instruction, cause);
            ++run->pc;
            run->stepBase = now;
            continue;
        }
    }
}

TimelineEntry &SimulatorState::runEntry(Person &person, const Run &run, TimelineEntry::Kind kind,
                                        const char *rule, const Cause &cause, ReasonText reason)
{
    TimelineEntry &entry = record(person, kind, cause, std::move(reason));
    entry.campaign = m_compiled.campaigns[static_cast<std::size_t>(run.campaign)].campaign->name;
    entry.runId = run.id;
    entry.rule = rule;
    return entry;
}

SimulatorState::Flow SimulatorState::holdForDelay(Person &person, Run &run, const Step &step,
                                                  const Cause &cause)
{
    const UnixMillis until = run.stepBase + step.durationMillis;
    if (until <= now) {
        ++run.pc;
        run.stepBase = now;
        return Flow::Next;
    }
    if (recordTimeline) {
        const Campaign &campaign = *m_compiled.campaigns[static_cast<std::size_t>(run.campaign)].campaign;
        std::string anchor;
        if (!run.anchorNamed)
            anchor = campaign.choices.delayFromOccurred
                         ? " (counted from the trigger's timestamp: choice delay_anchor=occurred)"
                         : " (counted from the trigger's arrival: delay_anchor=arrival, the simulator's "
                           "default, since Customer.io does not say)";
        runEntry(person, run, TimelineEntry::Kind::Waiting, "delay", cause,
                 "delay " + formatDurationMillis(step.durationMillis) + anchor + " until " +
                     toIso8601(until));
    }
    run.anchorNamed = true;
    run.state = Run::State::Delayed;
    schedule(person.index, &run, until);
    return Flow::Stop;
}

SimulatorState::Flow SimulatorState::holdForWindow(Person &person, Run &run, const Step &step,
                                                   const Cause &cause)
{
    UnixMillis opens = now;
    std::string zoneName;
    if (!step.windowZone.empty() || step.windowDays != kEveryDay) {
        const auto [zone, name] = windowZone(person, step);
        opens = nextWindowOpening(step, now, *zone);
        zoneName = name;
    } else {
        // Every day in UTC (no zone given: the simulator's default, named in the reason): plain arithmetic.
        const UnixMillis sinceMidnight = ((now % kDayMillis) + kDayMillis) % kDayMillis;
        const int minute = static_cast<int>(sinceMidnight / 60'000);
        const int start = step.windowStartMinute;
        const int end = step.windowEndMinute;
        const bool inside = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
        if (!inside) {
            opens = now - sinceMidnight + static_cast<std::int64_t>(start) * 60'000;
            if (opens <= now)
                opens += kDayMillis;
        }
        zoneName = "UTC (no timezone given)";
    }
    if (opens <= now) {
        ++run.pc;
        return Flow::Next;
    }
    if (recordTimeline)
        runEntry(person, run, TimelineEntry::Kind::Waiting, "time_window", cause,
                 "outside the sending window " + describeWindow(step) + " in " + zoneName + "; held until " +
                     toIso8601(opens));
    run.state = Run::State::Delayed;
    schedule(person.index, &run, opens);
    return Flow::Stop;
}

void SimulatorState::waitForEvent(Person &person, Run &run, const Step &step, const Cause &cause)
{
    run.state = Run::State::WaitingEvent;
    run.timerToken = 0;
    if (step.timeoutMillis)
        schedule(person.index, &run, now + *step.timeoutMillis);
    if (recordTimeline)
        runEntry(person, run, TimelineEntry::Kind::Waiting, "wait_until", cause,
                 "waiting for " + step.waitFor.event +
                     (step.timeoutMillis ? " for at most " + formatDurationMillis(*step.timeoutMillis)
                                         : std::string(" (no maximum: waits forever)")) +
                     "; only a " + step.waitFor.event +
                     " that arrives from now on counts (the simulator's choice: Customer.io does not say "
                     "whether one that arrived before the wait began does)");
}

bool SimulatorState::exitedBeforeMessage(Person &person, const Run &run, const Step &step, const Cause &cause)
{
    // Customer.io checks the exit condition before each action; by default a run exits when the person no
    // longer matches the trigger segment or the audience.
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(run.campaign)];
    const Campaign &campaign = *compiled.campaign;
    if (!campaign.exitWhenNoLongerMatching)
        return false;
    const bool inTrigger = compiled.segmentTrigger < 0 ||
                           marks().inSegment(person, static_cast<std::size_t>(compiled.segmentTrigger));
    if (inTrigger && (compiled.audience < 0 || m_conditions.evaluate(person, compiled.audience, now)))
        return false;
    std::string reason;
    if (recordTimeline)
        reason = (inTrigger ? "no longer in the audience before \"" + step.name +
                                  "\": " + m_conditions.explain(person, *campaign.audience, now)
                            : "no longer in the trigger segment " + campaign.trigger.segment + " before \"" +
                                  step.name + "\"") +
                 " (Customer.io's default exit condition, checked before each message; "
                 "\"when_no_longer_matching\": false keeps the person in)";
    finishRun(person, run.id, TimelineEntry::Kind::Exited, "exit", "no_longer_matching", cause,
              std::move(reason));
    return true;
}

void SimulatorState::sendMessage(Person &person, Run &run, const Instruction &instruction, const Cause &cause)
{
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(run.campaign)];
    const Campaign &campaign = *compiled.campaign;
    const Step &step = *instruction.step;
    TimelineEntry::Kind kind = TimelineEntry::Kind::Sent;
    const char *code = "";
    std::string reason;
    if (person.suppressed) {
        kind = TimelineEntry::Kind::Suppressed;
        code = "person_suppressed";
        reason = "the person is suppressed";
    } else if (person.unsubscribed) {
        kind = TimelineEntry::Kind::Suppressed;
        code = "unsubscribed";
        reason = "the person is unsubscribed (unsubscribed: true)";
    } else if (instruction.condition >= 0 &&
               !m_conditions.evaluate(person, instruction.condition, now, &run)) {
        kind = TimelineEntry::Kind::Suppressed;
        code = "action_condition";
        if (recordTimeline)
            reason = "action condition not met: " + m_conditions.explain(person, *step.condition, now, &run) +
                     "; the run goes on";
    } else if (recordTimeline) {
        reason = "step reached";
        if (campaign.goal) {
            std::string key = "by this person";
            for (std::size_t k = 0; k < compiled.keys.size(); ++k) {
                if (compiled.keys[k] == campaign.goal->match.matchKey)
                    key = "with " + compiled.keys[k] + "=" + run.keyValues.textAt(k);
            }
            reason += "; no " + campaign.goal->match.event + " " + key + " had arrived (goal)";
        }
    }
    if (kind == TimelineEntry::Kind::Sent) {
        ++stats.messagesSent;
        ++run.sends;
    } else {
        ++stats.messagesSuppressed;
    }
    if (recordTimeline) {
        TimelineEntry &entry = runEntry(person, run, kind, "message", cause, std::move(reason));
        entry.message = step.name;
        entry.channel = step.channel;
        entry.code = code;
        if (kind == TimelineEntry::Kind::Sent)
            m_sentEntries[run.id].push_back(timeline.entries.size() - 1);
    }
}

void SimulatorState::finishRun(Person &person, int runId, TimelineEntry::Kind kind, const char *rule,
                               const char *code, const Cause &cause, ReasonText reason)
{
    const auto it = std::find_if(person.runs.begin(), person.runs.end(),
                                 [runId](const Run &run) { return run.id == runId; });
    if (it == person.runs.end())
        return;
    if (kind == TimelineEntry::Kind::Exited)
        ++stats.exits;
    if (recordTimeline) {
        TimelineEntry &entry = record(person, kind, cause, std::move(reason));
        entry.campaign = m_compiled.campaigns[static_cast<std::size_t>(it->campaign)].campaign->name;
        entry.runId = runId;
        entry.rule = rule;
        entry.code = code;
    }
    Run run = std::move(*it);
    person.runs.erase(it);
    run.timerToken = 0;
    // Kept for hindsight notes on the timeline only.
    if (!recordTimeline || !m_sentEntries.contains(runId))
        return;
    if (!m_compiled.campaigns[static_cast<std::size_t>(run.campaign)].campaign->goal) {
        m_sentEntries.erase(runId);
        return;
    }
    std::vector<Run> &finished = m_finishedRuns[person.index];
    if (finished.size() >= kFinishedRunsKept) {
        m_sentEntries.erase(finished.front().id);
        finished.erase(finished.begin());
    }
    finished.push_back(std::move(run));
}

void SimulatorState::evaluateSegments(Person &person, const Cause &cause, int nameId)
{
    const std::uint32_t index = person.index;
    person.pending.erase(std::remove_if(person.pending.begin(), person.pending.end(),
                                        [this](const PendingEntry &entry) { return entry.until < now; }),
                         person.pending.end());
    // A person's first look covers every segment: some hold for a profile with no data at all.
    const std::vector<int> &segments = nameId >= 0 && person.segmentsEvaluated
                                           ? m_compiled.segmentsToCheck[static_cast<std::size_t>(nameId)]
                                           : m_compiled.allSegments;
    if (!person.segmentsEvaluated && recordTimeline)
        timeline.segmentsEvaluatedAt.emplace(m_people.key(index), now);
    person.segmentsEvaluated = true;
    for (const int segment : segments) {
        const auto s = static_cast<std::size_t>(segment);
        Person &current = m_people[index];
        const Segment &definition = m_compiled.journeys.segments[s];
        const bool member = definition.isManual()
                                ? m_links.inManualSegment(index, *definition.manualId)
                                : m_conditions.evaluate(current, m_compiled.segmentConditions[s], now);
        if (member == marks().inSegment(current, s))
            continue;
        marks().setInSegment(current, s, member);
        const std::string &name = definition.name;
        if (recordTimeline) {
            TimelineEntry &entry =
                record(current,
                       member ? TimelineEntry::Kind::SegmentEntered : TimelineEntry::Kind::SegmentLeft, cause,
                       definition.isManual()
                           ? std::string(member ? "added to" : "removed from") + " manual segment " +
                                 std::to_string(*definition.manualId) + " (" + std::string(cause.event) + ")"
                           : m_conditions.explain(current, definition.condition, now));
            entry.segment = name;
            entry.rule = "segment";
        }
        for (std::size_t c = 0; c < m_compiled.campaigns.size(); ++c) {
            if (member && m_compiled.campaigns[c].segmentTrigger == static_cast<int>(s))
                tryEnter(m_people[index], static_cast<int>(c), cause, m_people[index].attributes,
                         TriggerBlock::None, {}, nullptr);
            const bool leavesTrigger = m_compiled.campaigns[c].segmentTrigger == static_cast<int>(s) &&
                                       m_compiled.campaigns[c].campaign->exitWhenNoLongerMatching;
            if (!member && (m_compiled.campaigns[c].exitSegment == static_cast<int>(s) || leavesTrigger)) {
                std::vector<int> leaving;
                for (const Run &run : m_people[index].runs) {
                    if (run.campaign == static_cast<int>(c))
                        leaving.push_back(run.id);
                }
                for (int runId : leaving)
                    finishRun(
                        m_people[index], runId, TimelineEntry::Kind::Exited, "exit", "left_segment", cause,
                        !recordTimeline ? std::string()
                        : m_compiled.campaigns[c].exitSegment == static_cast<int>(s)
                            ? "left segment " + name + " (exit when no longer in segment)"
                            : "left segment " + name +
                                  ", the trigger (Customer.io's default for segment-triggered campaigns: "
                                  "exit when no longer matching; \"when_no_longer_matching\": false keeps "
                                  "the person in)");
            }
        }
    }
}

std::pair<const QTimeZone *, std::string> SimulatorState::windowZone(const Person &person, const Step &window)
{
    if (window.windowZone != "person") {
        const std::string name = window.windowZone.empty() ? std::string("UTC") : window.windowZone;
        return {&m_zones.zone(name), name + (window.windowZone.empty() ? " (no timezone given)" : "")};
    }
    const std::string fallback = !window.windowFallbackZone.empty()      ? window.windowFallbackZone
                                 : !m_compiled.journeys.timezone.empty() ? m_compiled.journeys.timezone
                                                                         : std::string("UTC");
    const Json *own = person.attributes.is_object() ? valueAt(person.attributes, "timezone") : nullptr;
    if (own && own->is_string()) {
        const QTimeZone &zone = m_zones.zone(own->get<std::string>());
        if (zone.isValid())
            return {&zone, own->get<std::string>() + " (the person's timezone)"};
        return {&m_zones.zone(fallback), fallback + " (the fallback: the person's timezone \"" +
                                             own->get<std::string>() + "\" is not an IANA zone)"};
    }
    return {&m_zones.zone(fallback), fallback + " (the fallback: the person has no timezone attribute)"};
}

} // namespace preflight
