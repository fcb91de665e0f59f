#include "sim/CompiledJourneys.h"

#include <algorithm>

namespace preflight {

namespace {

void compileSteps(const std::vector<Step> &steps, std::vector<Instruction> &program)
{
    for (const Step &step : steps) {
        switch (step.kind) {
        case Step::Kind::Delay: program.push_back({Instruction::Op::Delay, &step, 0}); break;
        case Step::Kind::TimeWindow: program.push_back({Instruction::Op::TimeWindow, &step, 0}); break;
        case Step::Kind::WaitUntil: program.push_back({Instruction::Op::WaitUntil, &step, 0}); break;
        case Step::Kind::Message: program.push_back({Instruction::Op::Message, &step, 0}); break;
        case Step::Kind::Branch: {
            const std::size_t branch = program.size();
            program.push_back({Instruction::Op::Branch, &step, 0});
            compileSteps(step.thenSteps, program);
            const std::size_t jump = program.size();
            program.push_back({Instruction::Op::Jump, &step, 0});
            program[branch].target = program.size();
            compileSteps(step.elseSteps, program);
            program[jump].target = program.size();
            break;
        }
        }
    }
}

void collectConditionKeys(const Condition &condition, std::vector<std::string> &keys)
{
    if (!condition.matchKey.empty())
        keys.push_back(condition.matchKey);
    for (const Condition &child : condition.children)
        collectConditionKeys(child, keys);
}

// The keys a run's steps compare with its trigger: wait-until matches and keyed action conditions.
void collectWaitKeys(const std::vector<Step> &steps, std::vector<std::string> &keys)
{
    for (const Step &step : steps) {
        if (step.kind == Step::Kind::WaitUntil && !step.waitFor.matchKey.empty())
            keys.push_back(step.waitFor.matchKey);
        if (step.condition)
            collectConditionKeys(*step.condition, keys);
        collectWaitKeys(step.thenSteps, keys);
        collectWaitKeys(step.elseSteps, keys);
    }
}

} // namespace

std::size_t CompiledCampaign::keySlot(std::string_view key) const
{
    return static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
}

CompiledJourneys::CompiledJourneys(Journeys journeysIn) : journeys(std::move(journeysIn))
{
    compileCampaigns();
    // Every condition that counts events: segments, audiences, action conditions and branch tests.
    std::vector<std::pair<const Condition *, int>> roots; // with the segment index, -1 for campaigns
    for (std::size_t s = 0; s < journeys.segments.size(); ++s)
        roots.emplace_back(&journeys.segments[s].condition, static_cast<int>(s));
    for (const Campaign &campaign : journeys.campaigns) {
        if (campaign.audience)
            roots.emplace_back(&*campaign.audience, -1);
        std::vector<const std::vector<Step> *> steps{&campaign.steps};
        while (!steps.empty()) {
            const std::vector<Step> *list = steps.back();
            steps.pop_back();
            for (const Step &step : *list) {
                if (step.condition)
                    roots.emplace_back(&*step.condition, -1);
                steps.push_back(&step.thenSteps);
                steps.push_back(&step.elseSteps);
            }
        }
    }
    m_segmentAlwaysChecked.assign(journeys.segments.size(), 0);
    for (const auto &[root, segment] : roots)
        indexCountingConditions(*root, segment);
    segmentsToCheck.resize(m_segmentsByName.size());
    for (std::size_t id = 0; id < m_segmentsByName.size(); ++id) {
        for (std::size_t s = 0; s < journeys.segments.size(); ++s) {
            const auto &counting = m_segmentsByName[id];
            if (m_segmentAlwaysChecked[s] ||
                std::find(counting.begin(), counting.end(), static_cast<int>(s)) != counting.end())
                segmentsToCheck[id].push_back(static_cast<int>(s));
        }
    }
    for (std::size_t s = 0; s < journeys.segments.size(); ++s)
        allSegments.push_back(static_cast<int>(s));
    // Names are all known now (events only look names up from here on), so conditions can be compiled.
    compileConditions();
    emptyProfileTests = attributeTestsPassed(Json::object(), 0);
}

void CompiledJourneys::compileCampaigns()
{
    for (std::size_t i = 0; i < journeys.campaigns.size(); ++i) {
        const Campaign &campaign = journeys.campaigns[i];
        CompiledCampaign compiled;
        compiled.campaign = &campaign;
        compileSteps(campaign.steps, compiled.program);
        if (!campaign.dedupeKey.empty())
            compiled.keys.push_back(campaign.dedupeKey);
        if (campaign.goal && !campaign.goal->match.matchKey.empty())
            compiled.keys.push_back(campaign.goal->match.matchKey);
        collectWaitKeys(campaign.steps, compiled.keys);
        std::sort(compiled.keys.begin(), compiled.keys.end());
        compiled.keys.erase(std::unique(compiled.keys.begin(), compiled.keys.end()), compiled.keys.end());
        if (!campaign.dedupeKey.empty())
            compiled.dedupeSlot = static_cast<int>(compiled.keySlot(campaign.dedupeKey));
        for (std::size_t s = 0; s < journeys.segments.size(); ++s) {
            if (journeys.segments[s].name == campaign.trigger.segment)
                compiled.segmentTrigger = static_cast<int>(s);
            if (journeys.segments[s].name == campaign.exitWhenLeavingSegment)
                compiled.exitSegment = static_cast<int>(s);
        }
        const int index = static_cast<int>(i);
        if (!campaign.trigger.isSegment())
            triggersByName[static_cast<std::size_t>(addName(campaign.trigger.event))].push_back(index);
        if (campaign.goal) {
            compiled.goalNameId = addName(campaign.goal->match.event);
            listenersByName[static_cast<std::size_t>(compiled.goalNameId)].push_back(index);
        }
        for (Instruction &instruction : compiled.program) {
            if (instruction.op == Instruction::Op::WaitUntil) {
                instruction.waitNameId = addName(instruction.step->waitFor.event);
                auto &listeners = listenersByName[static_cast<std::size_t>(instruction.waitNameId)];
                if (std::find(listeners.begin(), listeners.end(), index) == listeners.end())
                    listeners.push_back(index);
            }
        }
        compiled.firstLane = m_windowLaneBase;
        m_windowLaneBase += compiled.program.size();
        campaigns.push_back(std::move(compiled));
    }
}

void CompiledJourneys::compileConditions()
{
    for (const Segment &segment : journeys.segments)
        segmentConditions.push_back(compileCondition(segment.condition));
    for (CompiledCampaign &compiled : campaigns) {
        const Campaign &campaign = *compiled.campaign;
        for (const ValueFilter &filter : campaign.trigger.where)
            compiled.triggerWhere.emplace_back(filter);
        if (campaign.audience)
            compiled.audience = compileCondition(*campaign.audience);
        for (Instruction &instruction : compiled.program) {
            if ((instruction.op == Instruction::Op::Branch || instruction.op == Instruction::Op::Message) &&
                instruction.step->condition)
                instruction.condition = compileCondition(*instruction.step->condition);
        }
    }
}

// Which events a condition counts, how their filters are checked, which windows it uses, and (for a
// segment) whether an event of that name or only a full re-evaluation can change it.
void CompiledJourneys::indexCountingConditions(const Condition &root, int segment)
{
    std::vector<const Condition *> stack{&root};
    while (!stack.empty()) {
        const Condition *condition = stack.back();
        stack.pop_back();
        for (const Condition &child : condition->children)
            stack.push_back(&child);
        const bool clockOrSegments =
            condition->kind == Condition::Kind::InSegment ||
            condition->kind == Condition::Kind::NotInSegment ||
            (condition->kind == Condition::Kind::Attribute &&
             condition->attribute.op == ValueFilter::Op::WithinPast) ||
            (condition->kind == Condition::Kind::NotPerformed && condition->withinMillis) ||
            (condition->kind == Condition::Kind::RelatedObject &&
             std::any_of(condition->where.begin(), condition->where.end(),
                         [](const ValueFilter &filter) { return filter.op == ValueFilter::Op::WithinPast; }));
        if (clockOrSegments && segment >= 0)
            m_segmentAlwaysChecked[static_cast<std::size_t>(segment)] = 1;
        if (condition->kind == Condition::Kind::Attribute &&
            condition->attribute.op != ValueFilter::Op::WithinPast && attributeTests.size() < 64 &&
            !m_attributeBits.contains(condition)) {
            m_attributeBits.emplace(condition, static_cast<int>(attributeTests.size()));
            attributeTests.emplace_back(condition->attribute);
        }
        if (condition->kind != Condition::Kind::Performed && condition->kind != Condition::Kind::NotPerformed)
            continue;
        const auto id = static_cast<std::size_t>(addName(condition->event));
        countedNames[id] = 1;
        if (segment >= 0) {
            auto &segments = m_segmentsByName[id];
            if (std::find(segments.begin(), segments.end(), segment) == segments.end())
                segments.push_back(segment);
        }
        if (!condition->matchKey.empty())
            keepProperties[id] = 1; // compared with a run's trigger when the condition is checked
        if (!condition->where.empty() && !m_whereBits.contains(condition)) {
            const bool clockFree =
                std::none_of(condition->where.begin(), condition->where.end(), [](const ValueFilter &filter) {
                    return filter.op == ValueFilter::Op::WithinPast;
                });
            if (clockFree && m_whereBits.size() < 64) {
                const auto bit = static_cast<int>(m_whereBits.size());
                m_whereBits.emplace(condition, bit);
                whereFilters.emplace_back(condition->where.begin(), condition->where.end());
                whereByName[id].push_back(bit);
            } else {
                keepProperties[id] = 1;
                if (segment >= 0)
                    m_segmentAlwaysChecked[static_cast<std::size_t>(segment)] = 1;
            }
        }
        if (condition->withinMillis) {
            auto &ofName = windowsByName[id];
            const bool known = std::any_of(ofName.begin(), ofName.end(), [&](int slot) {
                return windowSlots[static_cast<std::size_t>(slot)].millis == *condition->withinMillis;
            });
            if (!known) {
                ofName.push_back(static_cast<int>(windowSlots.size()));
                windowSlots.push_back(WindowSlot{static_cast<int>(id), *condition->withinMillis});
            }
        }
    }
}

// Performed/NotPerformed: the event's name id (-1: never seen, so never counted); InSegment/NotInSegment:
// the segment's index (-1: no such segment, so never a member; the last of equal names wins).
int CompiledJourneys::conditionId(const Condition &condition) const
{
    if (condition.kind == Condition::Kind::InSegment || condition.kind == Condition::Kind::NotInSegment) {
        int index = -1;
        for (std::size_t s = 0; s < journeys.segments.size(); ++s) {
            if (journeys.segments[s].name == condition.segment)
                index = static_cast<int>(s);
        }
        return index;
    }
    const auto found = names.find(condition.event);
    return found == names.end() ? -1 : found->second;
}

int CompiledJourneys::compileCondition(const Condition &root)
{
    const std::size_t node = conditionNodes.size();
    conditionNodes.emplace_back();
    fillConditionNode(node, root);
    return static_cast<int>(node);
}

void CompiledJourneys::fillConditionNode(std::size_t node, const Condition &condition)
{
    const auto first = static_cast<std::uint32_t>(conditionNodes.size());
    conditionNodes.resize(conditionNodes.size() + condition.children.size());
    ConditionNode &filled = conditionNodes[node];
    filled.condition = &condition;
    filled.firstChild = first;
    filled.childCount = static_cast<std::uint32_t>(condition.children.size());
    if (condition.kind != Condition::Kind::All && condition.kind != Condition::Kind::Any &&
        condition.kind != Condition::Kind::Attribute && condition.kind != Condition::Kind::RelatedObject)
        filled.id = conditionId(condition);
    const auto &bits = condition.kind == Condition::Kind::Attribute ? m_attributeBits : m_whereBits;
    if (const auto bit = bits.find(&condition); bit != bits.end())
        filled.bit = bit->second;
    nodeOf.emplace(&condition, static_cast<int>(node));
    for (std::size_t i = 0; i < condition.children.size(); ++i)
        fillConditionNode(first + i, condition.children[i]);
}

int CompiledJourneys::nameId(const std::string &name) const
{
    const auto it = names.find(name);
    return it == names.end() ? -1 : it->second;
}

int CompiledJourneys::addName(const std::string &name)
{
    if (const int known = nameId(name); known >= 0)
        return known;
    const int id = static_cast<int>(names.size());
    nameText.push_back(names.emplace(name, id).first->first);
    triggersByName.emplace_back();
    m_segmentsByName.emplace_back();
    whereByName.emplace_back();
    listenersByName.emplace_back();
    countedNames.push_back(0);
    keepProperties.push_back(0);
    windowsByName.emplace_back();
    return id;
}

std::uint64_t CompiledJourneys::attributeTestsPassed(const Json &attributes, UnixMillis now) const
{
    std::uint64_t passed = 0;
    for (std::size_t bit = 0; bit < attributeTests.size(); ++bit) {
        if (attributeTests[bit].matches(attributes, now))
            passed |= std::uint64_t{1} << bit;
    }
    return passed;
}

} // namespace preflight
