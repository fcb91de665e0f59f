#pragma once

#include "journeys/Journeys.h"
#include "sim/Simulator.h"
#include "sim/Timeline.h"

#include <optional>
#include <queue>
#include <string>
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
};

struct CompiledCampaign {
    const Campaign *campaign = nullptr;
    std::vector<Instruction> program;
    std::vector<std::string> keys; // trigger keys a run remembers (dedupe, goal and wait matches)
    int segmentTrigger = -1;
    int exitSegment = -1;
};

struct StoredEvent {
    int nameId = -1;
    UnixMillis occurredAt = 0;
    Json properties; // kept only when a segment filters on this event's data
};

struct Run {
    int id = 0;
    int campaign = 0;
    std::size_t pc = 0;
    enum class State { Ready, Delayed, WaitingEvent } state = State::Ready;
    std::uint64_t timerToken = 0;
    UnixMillis enteredAt = 0;
    UnixMillis stepBase = 0;
    std::vector<std::optional<std::string>> keyValues; // parallel to CompiledCampaign::keys
    std::string triggerEvent;
    UnixMillis triggerOccurredAt = 0;
    UnixMillis triggerArrivedAt = 0;
    std::vector<std::size_t> sentEntries; // timeline indexes of its sends
    bool finished = false;
    UnixMillis finishedAt = 0;
};

struct PendingEntry { // trigger matched, audience did not: re-checked for 30 minutes
    int campaign = 0;
    UnixMillis until = 0;
    WorkspaceChange change;
};

struct Person {
    std::string key;
    std::uint32_t index = 0; // in SimulatorState's people: saves hashing the key on every step
    Json attributes = Json::object();
    UnixMillis firstSeen = 0;
    std::vector<StoredEvent> events;
    std::vector<char> segments;
    std::vector<Run> runs;                            // active
    std::vector<Run> finished;                        // recent, for hindsight on goals that arrive late
    std::vector<std::optional<UnixMillis>> lastEntry; // per campaign
    std::vector<PendingEntry> pending;
    bool suppressed = false;
    bool deleted = false;
};

struct Timer {
    UnixMillis at = 0;
    std::uint64_t seq = 0;
    std::uint32_t person = 0;
    int runId = 0; // 0 = segment re-evaluation
    std::uint64_t token = 0;
    bool operator>(const Timer &other) const { return at != other.at ? at > other.at : seq > other.seq; }
};

class SimulatorState
{
public:
    explicit SimulatorState(Journeys journeys);

    void apply(const WorkspaceChange &change);
    void advanceTo(UnixMillis until);

    Journeys journeys;
    std::vector<CompiledCampaign> campaigns;
    Timeline timeline;
    bool recordTimeline = true;
    UnixMillis now = 0;
    Simulator::Stats stats;

private:
    struct Cause {
        std::string event;
        UnixMillis occurredAt = 0;
        UnixMillis arrivedAt = 0;
    };

    int nameId(const std::string &name, bool create);
    void resolveCondition(const Condition &condition);
    int conditionId(const Condition &condition) const;
    std::uint32_t personIndex(const std::string &key);
    TimelineEntry &record(Person &person, TimelineEntry::Kind kind, const Cause &cause, std::string reason);

    void onEvent(Person &person, const WorkspaceChange &change);
    void onAnonymousEvent(const WorkspaceChange &change);
    void onMerge(Person &primary, const WorkspaceChange &change);
    void tryEnter(Person &person, int campaign, const Cause &cause, const Json &data, TriggerBlock block,
                  const std::string &blockReason, bool fromPending);
    void checkGoalsAndWaits(Person &person, int nameId, const WorkspaceChange &change);
    void advanceRun(Person &person, Run &run);
    void finishRun(Person &person, int runId, TimelineEntry::Kind kind, const std::string &rule,
                   const std::string &code, const Cause &cause, std::string reason);
    void schedule(std::uint32_t person, Run *run, UnixMillis at);
    void evaluateSegments(Person &person, const Cause &cause);
    bool evaluate(const Person &person, const Condition &condition, UnixMillis at) const;
    std::string explainSegment(const Person &person, const Condition &condition, UnixMillis at) const;
    bool keysMatch(const Run &run, const EventMatch &match, const Json &data, std::string &detail) const;
    Run *findRun(Person &person, int runId);
    void annotateLeaks(Person &person, Run &run, const Cause &cause, const Json &data, int nameId);

    std::unordered_map<std::string, int> m_names;
    // Resolved once: the event name id of each Performed/NotPerformed condition and the segment index of
    // each InSegment/NotInSegment one, so evaluating a condition hashes no strings.
    std::unordered_map<const Condition *, int> m_conditionIds;
    std::vector<std::vector<int>> m_triggersByName;         // by name id: campaigns
    std::vector<std::vector<int>> m_listenersByName;        // campaigns with a goal or a wait on this name
    std::vector<char> m_segmentNames;                       // by name id: some segment counts this event
    std::vector<char> m_keepProperties;                     // by name id: a segment filters on its data
    std::vector<std::vector<std::int64_t>> m_windowsByName; // by name id: every window a segment counts it in
    std::unordered_map<std::string, std::uint32_t> m_personByKey;
    std::vector<Person> m_people;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> m_timers;
    std::uint64_t m_timerSeq = 0;
    int m_nextRunId = 1;
};

} // namespace preflight
