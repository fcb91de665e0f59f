#pragma once

#include "sim/CompiledJourneys.h"
#include "sim/Conditions.h"
#include "sim/People.h"
#include "sim/PersonLinks.h"
#include "sim/SendingWindow.h"
#include "sim/Simulator.h"
#include "sim/Timeline.h"
#include "sim/TimerQueue.h"
#include "sim/TriggerKeys.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace preflight {

// The simulator's working state; private to core/sim.

// A timeline reason: passing a literal costs nothing when no timeline is kept.
class ReasonText
{
public:
    ReasonText(const char *literal) : m_literal(literal) {}
    ReasonText(std::string text) : m_text(std::move(text)) {}
    std::string take() { return m_literal ? std::string(m_literal) : std::move(m_text); }

private:
    const char *m_literal = nullptr;
    std::string m_text;
};

// Applies workspace changes and timers to the compiled journeys: who enters, waits, is sent to, exits.
// The jobs around it have homes of their own: CompiledJourneys (compiled once), PersonStore (people),
// Conditions (deciding and explaining conditions), TimerQueue (timers) and Timeline (what is recorded).
class SimulatorState
{
public:
    explicit SimulatorState(Journeys journeys);

    void apply(const WorkspaceChange &change);
    void apply(std::span<const WorkspaceChange> changes);
    void advanceTo(UnixMillis until);

    const CompiledJourneys &compiled() const { return m_compiled; }

    Timeline timeline;
    bool recordTimeline = true;
    UnixMillis now = 0;
    Simulator::Stats stats;

private:
    const PersonMarks &marks() const { return m_people.marks(); }
    std::uint32_t personIndex(const std::string &key);
    void apply(const WorkspaceChange &change, std::uint32_t knownPerson);
    void setAttributes(Person &person, Json attributes);
    TimelineEntry &record(Person &person, TimelineEntry::Kind kind, const Cause &cause, ReasonText reason);

    // Attributes or related objects changed: pending entries are re-checked and segments re-evaluated.
    void onProfileChanged(std::uint32_t person, const Cause &cause);
    void onEvent(Person &person, const WorkspaceChange &change);
    void onAnonymousEvent(const WorkspaceChange &change);
    void onMerge(Person &primary, const WorkspaceChange &change);
    // The MERGED entries on both people: who went into whom, which runs and events moved, what cannot
    // trigger. `moved` / `ended`: the secondary's runs that went on on the primary / ended at the merge.
    void recordMerge(Person &primary, Person &secondary, const WorkspaceChange &change,
                     const std::vector<std::string> &moved, const std::vector<std::string> &ended);
    // Keeps the person's best scenario identity (id over email over anonymous id) as their label.
    void noteLabel(const Person &person, const Identity &identity);

    // Entering a campaign. `pending`: the entry being re-checked (its trigger filters passed then), or
    // null for a new trigger.
    void tryEnter(Person &person, int campaign, const Cause &cause, const Json &data, TriggerBlock block,
                  std::string_view blockReason, const PendingEntry *pending);
    // The checks before a run starts, in Customer.io's order; true (and recorded) when one refuses.
    bool refusedEntry(Person &person, int campaign, const Cause &cause, const Json &data, TriggerBlock block,
                      std::string_view blockReason, const PendingEntry *pending);
    // dedupe_key and concurrent_runs; true (and recorded) when a run already covers this trigger. `note`
    // gets what the timeline should add about a parallel run.
    bool coveredByRun(Person &person, int campaign, const Cause &cause, const TriggerKeys &keys,
                      std::string &note);
    void startRun(Person &person, int campaign, const Cause &cause, TriggerKeys &&keys,
                  const std::string &note);
    // A NOT ENTERED entry, when a timeline is kept; makeReason() is called only then.
    template <typename MakeReason>
    void recordRefusal(Person &person, const Campaign &campaign, const Cause &cause, const char *rule,
                       std::string_view code, MakeReason &&makeReason);
    TriggerKeys keyValues(const CompiledCampaign &compiled, const Json &data) const;

    // A run's program, from its current instruction until it waits or ends.
    void advanceRun(Person &person, Run &run);
    enum class Flow { Next, Stop }; // go on with the run's next instruction, or stop (it waits or ended)
    Flow holdForDelay(Person &person, Run &run, const Step &step, const Cause &cause);
    Flow holdForWindow(Person &person, Run &run, const Step &step, const Cause &cause);
    void waitForEvent(Person &person, Run &run, const Step &step, const Cause &cause);
    // Customer.io's exit condition before each message; true when the run ended.
    bool exitedBeforeMessage(Person &person, const Run &run, const Step &step, const Cause &cause);
    void sendMessage(Person &person, Run &run, const Instruction &instruction, const Cause &cause);
    TimelineEntry &runEntry(Person &person, const Run &run, TimelineEntry::Kind kind, const char *rule,
                            const Cause &cause, ReasonText reason);
    void finishRun(Person &person, int runId, TimelineEntry::Kind kind, const char *rule, const char *code,
                   const Cause &cause, ReasonText reason);
    Run *findRun(Person &person, int runId);

    void checkGoalsAndWaits(Person &person, int nameId, const Cause &cause, const Json &data);
    // `detail` (when given) gets "cart_id=c1" for the timeline.
    bool keysMatch(const Run &run, const EventMatch &match, const Json &data, std::string *detail) const;
    void annotateLeaks(Person &person, Run &run, const Cause &cause, const Json &data, int nameId);

    void schedule(std::uint32_t person, Run *run, UnixMillis at, int segmentNameId = -1, int windowSlot = -1);
    // Keeps one timer per person and window: the next moment one of its events leaves the window.
    void scheduleWindowCheck(Person &person, int slot, UnixMillis at);
    void scheduleNextWindowCheck(Person &person, int slot);
    // Re-evaluates the segments that can have changed: those counting `nameId` and those that depend on
    // attributes, the clock or other segments; every segment when nameId is -1.
    void evaluateSegments(Person &person, const Cause &cause, int nameId = -1);
    // The zone a time window is read in for this person, and the words that say which and why.
    std::pair<const QTimeZone *, std::string> windowZone(const Person &person, const Step &window);

    const CompiledJourneys m_compiled;
    PersonStore m_people;
    PersonLinks m_links;
    Conditions m_conditions;
    TimeZones m_zones;
    std::vector<std::uint8_t> m_labelRank; // by person index, when a timeline is kept: how good the label is
    // By person index, when a timeline is kept: recent finished runs with sends, for hindsight on goals
    // that arrive late.
    std::unordered_map<std::uint32_t, std::vector<Run>> m_finishedRuns;
    // By run id, when a timeline is kept: the timeline indexes of the run's sends, while the run is active
    // or among the finished runs kept.
    std::unordered_map<int, std::vector<std::size_t>> m_sentEntries;
    TimerQueue m_timers;
    std::uint64_t m_timerSeq = 0;
    int m_nextRunId = 1;
};

inline Run *SimulatorState::findRun(Person &person, int runId)
{
    for (Run &run : person.runs) {
        if (run.id == runId)
            return &run;
    }
    return nullptr;
}

} // namespace preflight
