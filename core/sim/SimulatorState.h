#pragma once

#include "journeys/Journeys.h"
#include "journeys/ValueMatch.h"
#include "sim/SendingWindow.h"
#include "sim/Simulator.h"
#include "sim/Timeline.h"
#include "sim/TimerQueue.h"
#include "sim/TriggerKeys.h"

#include <absl/container/flat_hash_map.h>

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

// A campaign's steps flattened into a program: branches become conditional jumps.
struct Instruction {
    enum class Op { Delay, TimeWindow, WaitUntil, Message, Branch, Jump };
    Op op = Op::Delay;
    const Step *step = nullptr;
    std::size_t target = 0; // Branch: where "else" starts; Jump: where to go
    int waitNameId = -1;    // WaitUntil: the awaited event's name id
    int condition = -1;     // Branch test or Message action condition: its ConditionNode
};

struct CompiledCampaign {
    const Campaign *campaign = nullptr;
    std::vector<Instruction> program;
    std::vector<PreparedFilter> triggerWhere;
    int audience = -1;             // its ConditionNode
    std::vector<std::string> keys; // trigger keys a run remembers (dedupe, goal and wait matches)
    int segmentTrigger = -1;
    int exitSegment = -1;
    int dedupeSlot = -1; // in keys
    int goalNameId = -1;
    std::size_t firstLane = 0; // timer lane of program[0]'s waits (TimerQueue): one lane per instruction
};

// A condition flattened for evaluation, with what its names resolve to, so that evaluating it looks
// nothing up. The children of All/Any are the nodes [firstChild, firstChild + childCount).
struct ConditionNode {
    const Condition *condition = nullptr;
    int id = -1;  // Performed/NotPerformed: the event name id (-1: never seen); In/NotInSegment: the segment
    int bit = -1; // Attribute: its clock-free test's bit; Performed/NotPerformed: its time-free filters' bit
    std::uint32_t firstChild = 0;
    std::uint32_t childCount = 0;
};

struct StoredEvent {
    int nameId = -1;
    UnixMillis occurredAt = 0;
    std::uint64_t matchedWhere = 0; // bit per counting condition whose time-free filters this event met
    Json properties;                // kept only when a segment filters on its data relative to the clock
};

// Why the simulator decided something: the event (or "time", "identify", "merge") and its two instants.
// `event` views a name the simulator keeps (an interned event name or a literal).
struct Cause {
    std::string_view event;
    UnixMillis occurredAt = 0;
    UnixMillis arrivedAt = 0;
};

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

struct Run {
    int id = 0;
    int campaign = 0;
    std::size_t pc = 0;
    enum class State : std::uint8_t { Ready, Delayed, WaitingEvent } state = State::Ready;
    int sends = 0;
    std::uint64_t timerToken = 0; // seq of its current timer; 0: none
    UnixMillis timerAt = 0;       // when that timer falls due
    UnixMillis enteredAt = 0;
    UnixMillis stepBase = 0;
    Cause trigger;
    TriggerKeys keyValues;
    bool anchorNamed = false; // the first delay's reason has said what delays count from
};

// A trigger whose audience did not match: re-checked at each attribute change for 30 minutes. It keeps
// the trigger's key values, not the event's data.
struct PendingEntry {
    int campaign = 0;
    UnixMillis until = 0;
    Cause trigger;
    TriggerKeys keyValues;
};

// Laid out for the cache: two lines, what most events read (flags, marks, events, runs) in the first.
// What only the timeline reads (the key, finished runs) is kept apart, by index.
struct alignas(64) Person {
    std::uint32_t index = 0; // in SimulatorState's people: saves hashing the key on every step
    bool suppressed = false;
    bool segmentsEvaluated = false; // every segment looked at once: later events look only at theirs
    bool deleted = false;
    bool unsubscribed = false; // attributes.unsubscribed == true, looked up before every message
    UnixMillis firstSeen = 0;
    // Small per-person state in one allocation, so that touching a person costs few cache lines:
    // the last entry per campaign, the next window check per window slot, segment membership bits, then
    // the results of the clock-free attribute tests.
    // SimulatorState's accessors know the layout.
    std::vector<std::int64_t> marks;
    std::vector<StoredEvent> events;
    std::vector<Run> runs; // active
    std::vector<PendingEntry> pending;
    Json attributes = Json::object();
};
static_assert(sizeof(Person) <= 128, "a person takes two cache lines");

class SimulatorState
{
public:
    explicit SimulatorState(Journeys journeys);

    void apply(const WorkspaceChange &change);
    void apply(std::span<const WorkspaceChange> changes);
    void advanceTo(UnixMillis until);

    Journeys journeys;
    std::vector<CompiledCampaign> campaigns;
    Timeline timeline;
    bool recordTimeline = true;
    UnixMillis now = 0;
    Simulator::Stats stats;

private:
    int nameId(const std::string &name, bool create);
    void indexCountingConditions(const Condition &root, int segment);
    int conditionId(const Condition &condition) const;
    int compileCondition(const Condition &root); // its ConditionNode
    void fillConditionNode(std::size_t node, const Condition &condition);
    std::uint32_t personIndex(const std::string &key);
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min(); // no entry yet
    static constexpr std::uint32_t kUnknownPerson = std::numeric_limits<std::uint32_t>::max();
    // The person's index if there is one (kUnknownPerson if not), with their state on its way to the cache.
    std::uint32_t prefetchPerson(const std::string &key) const;
    void apply(const WorkspaceChange &change, std::uint32_t knownPerson);
    void setAttributes(Person &person, Json attributes);
    std::uint64_t attributeTestsPassed(const Json &attributes) const; // a bit per clock-free attribute test
    std::optional<UnixMillis> lastEntry(const Person &person, int campaign) const;
    void setLastEntry(Person &person, int campaign, UnixMillis at);
    UnixMillis &windowCheck(Person &person, int slot); // 0: none due
    bool inSegment(const Person &person, std::size_t segment) const;
    void setInSegment(Person &person, std::size_t segment, bool member);
    TimelineEntry &record(Person &person, TimelineEntry::Kind kind, const Cause &cause, ReasonText reason);

    void onEvent(Person &person, const WorkspaceChange &change);
    void onAnonymousEvent(const WorkspaceChange &change);
    void onMerge(Person &primary, const WorkspaceChange &change);
    // The MERGED entries on both people: who went into whom, which runs and events moved, what cannot
    // trigger. `moved` / `ended`: the secondary's runs that went on on the primary / ended at the merge.
    void recordMerge(Person &primary, Person &secondary, const WorkspaceChange &change,
                     const std::vector<std::string> &moved, const std::vector<std::string> &ended);
    // Keeps the person's best scenario identity (id over email over anonymous id) as their label.
    void noteLabel(const Person &person, const Identity &identity);
    // `pending`: the entry being re-checked (its trigger filters passed then), or null for a new trigger.
    void tryEnter(Person &person, int campaign, const Cause &cause, const Json &data, TriggerBlock block,
                  std::string_view blockReason, const PendingEntry *pending);
    TriggerKeys keyValues(const CompiledCampaign &compiled, const Json &data) const;
    void checkGoalsAndWaits(Person &person, int nameId, const Cause &cause, const Json &data);
    void advanceRun(Person &person, Run &run);
    void finishRun(Person &person, int runId, TimelineEntry::Kind kind, const char *rule, const char *code,
                   const Cause &cause, ReasonText reason);
    void schedule(std::uint32_t person, Run *run, UnixMillis at, int segmentNameId = -1, int windowSlot = -1);
    // Keeps one timer per person and window: the next moment one of its events leaves the window.
    void scheduleWindowCheck(Person &person, int slot, UnixMillis at);
    void scheduleNextWindowCheck(Person &person, int slot);
    // Re-evaluates the segments that can have changed: those counting `nameId` and those that depend on
    // attributes, the clock or other segments; every segment when nameId is -1.
    void evaluateSegments(Person &person, const Cause &cause, int nameId = -1);
    // `run`: the run a message condition or branch belongs to, whose trigger keyed conditions compare with.
    bool evaluate(const Person &person, int node, UnixMillis at, const Run *run = nullptr) const;
    bool evaluate(const Person &person, const Condition &condition, UnixMillis at,
                  const Run *run = nullptr) const; // for explanations
    // Does a stored event pass a counting condition's filters on its data?
    bool matchesWhere(const ConditionNode &node, const StoredEvent &event, UnixMillis at) const;
    std::string explainSegment(const Person &person, const Condition &condition, UnixMillis at,
                               const Run *run = nullptr) const;
    // The zone a time window is read in for this person, and the words that say which and why.
    std::pair<const QTimeZone *, std::string> windowZone(const Person &person, const Step &window);
    // Whether a stored event counts for a keyed condition of `run` (always, for a condition without a key).
    bool keyCounts(const Condition &condition, const StoredEvent &event, const Run *run) const;
    // `detail` (when given) gets "cart_id=c1" for the timeline.
    bool keysMatch(const Run &run, const EventMatch &match, const Json &data, std::string *detail) const;
    Run *findRun(Person &person, int runId);
    void annotateLeaks(Person &person, Run &run, const Cause &cause, const Json &data, int nameId);

    std::unordered_map<std::string, int> m_names;
    std::vector<std::string_view> m_nameText; // by name id: the key in m_names (stable: nodes never move)
    std::vector<std::vector<int>> m_triggersByName;  // by name id: campaigns
    std::vector<std::vector<int>> m_listenersByName; // campaigns with a goal or a wait on this name
    std::vector<char> m_segmentNames;   // by name id: some condition counts this event, so it is stored
    std::vector<char> m_keepProperties; // by name id: a segment filters on its data relative to the clock
    TimeZones m_zones;
    // Counting conditions with time-free filters: each gets a bit, set on the stored event when it matches.
    std::unordered_map<const Condition *, int> m_whereBits;
    std::vector<std::vector<PreparedFilter>> m_whereFilters; // by bit
    std::vector<std::vector<int>> m_whereByName;             // by name id: bits to pre-match
    // While compiling: which segments count each name, and which depend on attributes, the clock or
    // other segments. Evaluation reads m_segmentsToCheck, made from the two.
    std::vector<std::vector<int>> m_segmentsByName;
    std::vector<char> m_segmentAlwaysChecked;
    std::vector<std::vector<int>> m_segmentsToCheck; // by name id: those counting it, and the always checked
    std::vector<int> m_allSegments;
    std::vector<ConditionNode> m_conditionNodes;
    std::unordered_map<const Condition *, int> m_nodeOf; // every condition's node
    std::vector<int> m_segmentConditions;                // by segment: its ConditionNode
    // Attribute tests that do not depend on the clock: each gets a bit, worked out when attributes change.
    std::unordered_map<const Condition *, int> m_attributeBits;
    std::vector<PreparedFilter> m_attributeTests; // by bit
    std::uint64_t m_emptyProfileTests = 0;        // an empty profile passes "not exists" and "≠" tests
    struct WindowSlot {
        int nameId = -1;
        std::int64_t millis = 0;
    };
    std::vector<WindowSlot> m_windowSlots;         // every (event, "within the past X") pair conditions count
    std::vector<std::vector<int>> m_windowsByName; // by name id: its window slots
    // Looked up for every change, at random among many people: a Swiss table reaches the key in its
    // slot through one group of control bytes, where std::unordered_map goes bucket, previous node,
    // node (a cache miss each; this one change took the benchmark from 500k to 640k events/s).
    absl::flat_hash_map<std::string, std::uint32_t> m_personByKey;
    std::uint64_t m_keysForgotten = 0; // keys erased from m_personByKey (merges): looked-ahead indexes expire
    std::vector<Person> m_people;
    std::vector<std::string> m_personKeys; // by index
    std::vector<std::uint8_t> m_labelRank; // by index, when a timeline is kept: how good the label is
    // By person index, when a timeline is kept: recent finished runs with sends, for hindsight on goals
    // that arrive late.
    std::unordered_map<std::uint32_t, std::vector<Run>> m_finishedRuns;
    // By run id, when a timeline is kept: the timeline indexes of the run's sends, while the run is active
    // or among the finished runs kept.
    std::unordered_map<int, std::vector<std::size_t>> m_sentEntries;
    TimerQueue m_timers;
    // Timer lanes: one per instruction of every campaign's program (a delay from now falls due in the
    // order it was set), then one per window slot (an event leaves its window in arrival order, late
    // events aside). Other timers go to the queue's heap.
    std::size_t m_windowLaneBase = 0;
    std::uint64_t m_timerSeq = 0;
    int m_nextRunId = 1;
};

// Fetches the first lines of a person's list into the cache: a change or timer reads most of its items
// (runs are scanned for ids and keys, events counted), and a Run spans two lines.
template <typename T> void prefetchItems(const std::vector<T> &items)
{
    constexpr std::size_t kLine = 64;
    constexpr std::size_t kMostLines = 4;
    const auto *begin = reinterpret_cast<const char *>(items.data());
    const std::size_t bytes = std::min(items.size() * sizeof(T), kMostLines * kLine);
    for (std::size_t offset = 0; offset < bytes; offset += kLine)
        __builtin_prefetch(begin + offset);
}

// Read for nearly every change and timer: defined here so that both of the simulator's files inline them.

inline std::optional<UnixMillis> SimulatorState::lastEntry(const Person &person, int campaign) const
{
    const std::int64_t at = person.marks[static_cast<std::size_t>(campaign)];
    return at == kNever ? std::nullopt : std::optional<UnixMillis>(at);
}

inline void SimulatorState::setLastEntry(Person &person, int campaign, UnixMillis at)
{
    person.marks[static_cast<std::size_t>(campaign)] = at;
}

inline UnixMillis &SimulatorState::windowCheck(Person &person, int slot)
{
    return person.marks[campaigns.size() + static_cast<std::size_t>(slot)];
}

inline bool SimulatorState::inSegment(const Person &person, std::size_t segment) const
{
    const auto word =
        static_cast<std::uint64_t>(person.marks[campaigns.size() + m_windowSlots.size() + segment / 64]);
    return (word >> (segment % 64)) & 1;
}

inline void SimulatorState::setInSegment(Person &person, std::size_t segment, bool member)
{
    auto &word = person.marks[campaigns.size() + m_windowSlots.size() + segment / 64];
    const std::uint64_t bit = std::uint64_t{1} << (segment % 64);
    word = static_cast<std::int64_t>(member ? static_cast<std::uint64_t>(word) | bit
                                            : static_cast<std::uint64_t>(word) & ~bit);
}

inline Run *SimulatorState::findRun(Person &person, int runId)
{
    for (Run &run : person.runs) {
        if (run.id == runId)
            return &run;
    }
    return nullptr;
}

} // namespace preflight
