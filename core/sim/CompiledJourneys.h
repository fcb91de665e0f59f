#pragma once

#include "journeys/Journeys.h"
#include "journeys/ValueMatch.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace preflight {

// The journeys compiled for the simulator; private to core/sim.

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

    // The slot of `key` in keys (keys.size() when a run does not remember it).
    std::size_t keySlot(std::string_view key) const;
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

// An (event, "within the past X") pair some condition counts.
struct WindowSlot {
    int nameId = -1;
    std::int64_t millis = 0;
};

// Everything the simulator works out from the journeys once, before any event: each campaign as a
// program, each condition as nodes with its names resolved, and the indexes by event name that tell which
// campaigns, conditions and windows an event concerns. It owns the journeys its pointers refer into, and
// nothing changes it after construction.
class CompiledJourneys
{
public:
    explicit CompiledJourneys(Journeys journeys);
    CompiledJourneys(const CompiledJourneys &) = delete;
    CompiledJourneys &operator=(const CompiledJourneys &) = delete;

    // The id of an event name a campaign or condition uses; -1 for any other name.
    int nameId(const std::string &name) const;
    // A bit per clock-free attribute test that `attributes` passes.
    std::uint64_t attributeTestsPassed(const Json &attributes, UnixMillis now) const;
    // Timer lanes (TimerQueue): one per instruction of every campaign's program (a delay from now falls
    // due in the order it was set), then one per window slot (an event leaves its window in arrival
    // order, late events aside). Other timers go to the queue's heap.
    std::size_t windowLane(int slot) const { return m_windowLaneBase + static_cast<std::size_t>(slot); }
    std::size_t laneCount() const { return m_windowLaneBase + windowSlots.size(); }

    const Journeys journeys;
    std::vector<CompiledCampaign> campaigns;

    std::unordered_map<std::string, int> names;
    std::vector<std::string_view> nameText;        // by name id: the key in names (stable: nodes never move)
    std::vector<std::vector<int>> triggersByName;  // by name id: campaigns
    std::vector<std::vector<int>> listenersByName; // campaigns with a goal or a wait on this name
    std::vector<char> countedNames;   // by name id: some condition counts this event, so it is stored
    std::vector<char> keepProperties; // by name id: a condition reads its data at evaluation time
    // Counting conditions with time-free filters: each gets a bit, set on the stored event when it matches.
    std::vector<std::vector<PreparedFilter>> whereFilters; // by bit
    std::vector<std::vector<int>> whereByName;             // by name id: bits to pre-match
    std::vector<std::vector<int>> segmentsToCheck; // by name id: those counting it, and the always checked
    std::vector<int> allSegments;
    std::vector<ConditionNode> conditionNodes;
    std::unordered_map<const Condition *, int> nodeOf; // every condition's node
    std::vector<int> segmentConditions;                // by segment: its ConditionNode
    // Attribute tests that do not depend on the clock: each gets a bit, worked out when attributes change.
    std::vector<PreparedFilter> attributeTests;  // by bit
    std::uint64_t emptyProfileTests = 0;         // an empty profile passes "not exists" and "≠" tests
    std::vector<WindowSlot> windowSlots;         // every (event, "within the past X") pair conditions count
    std::vector<std::vector<int>> windowsByName; // by name id: its window slots

private:
    int addName(const std::string &name);
    void compileCampaigns();
    void indexCountingConditions(const Condition &root, int segment);
    void compileConditions();
    int conditionId(const Condition &condition) const;
    int compileCondition(const Condition &root); // its ConditionNode
    void fillConditionNode(std::size_t node, const Condition &condition);

    std::size_t m_windowLaneBase = 0;
    // While compiling: which segments count each name, and which depend on attributes, the clock or
    // other segments (segmentsToCheck is made from the two); the bits of the where and attribute tests.
    std::vector<std::vector<int>> m_segmentsByName;
    std::vector<char> m_segmentAlwaysChecked;
    std::unordered_map<const Condition *, int> m_whereBits;
    std::unordered_map<const Condition *, int> m_attributeBits;
};

} // namespace preflight
