#include "sim/Conditions.h"

#include <algorithm>
#include <limits>

namespace preflight {

bool Conditions::matchesWhere(const ConditionNode &node, const StoredEvent &event, UnixMillis at) const
{
    if (node.bit >= 0)
        return (event.matchedWhere >> node.bit) & 1;
    return matchesAll(node.condition->where, event.properties, at);
}

bool Conditions::evaluate(const Person &person, const Condition &condition, UnixMillis at,
                          const Run *run) const
{
    return evaluate(person, m_compiled.nodeOf.at(&condition), at, run);
}

bool Conditions::keyCounts(const Condition &condition, const StoredEvent &event, const Run *run) const
{
    if (condition.matchKey.empty())
        return true;
    if (!run)
        return false; // the reader allows keys only where there is a run
    const std::size_t slot =
        m_compiled.campaigns[static_cast<std::size_t>(run->campaign)].keySlot(condition.matchKey);
    return keyValueEquals(event.properties, condition.matchKey, run->keyValues.at(slot));
}

const Json *Conditions::matchingObject(const Person &person, const Condition &condition, UnixMillis at) const
{
    for (const Json &object : m_links.relatedObjects(person.index)) {
        if (object.value("object_type_id", "") == condition.objectTypeId &&
            matchesAll(condition.where, object.value("attributes", Json::object()), at))
            return &object;
    }
    return nullptr;
}

bool Conditions::evaluate(const Person &person, int index, UnixMillis at, const Run *run) const
{
    const ConditionNode &node = m_compiled.conditionNodes[static_cast<std::size_t>(index)];
    const Condition &condition = *node.condition;
    switch (condition.kind) {
    case Condition::Kind::All:
    case Condition::Kind::Any: {
        // All: true unless a child is false; Any: false unless a child is true.
        const bool all = condition.kind == Condition::Kind::All;
        const int first = static_cast<int>(node.firstChild);
        for (int child = first; child < first + static_cast<int>(node.childCount); ++child)
            if (evaluate(person, child, at, run) != all)
                return !all;
        return all;
    }
    case Condition::Kind::Attribute:
        if (node.bit >= 0)
            return (m_marks.attributeTests(person) >> node.bit) & 1;
        return matchesFilter(condition.attribute, person.attributes, at);
    case Condition::Kind::InSegment:
    case Condition::Kind::NotInSegment: {
        const bool member = node.id >= 0 && m_marks.inSegment(person, static_cast<std::size_t>(node.id));
        return condition.kind == Condition::Kind::InSegment ? member : !member;
    }
    case Condition::Kind::RelatedObject: return matchingObject(person, condition, at) != nullptr;
    case Condition::Kind::Performed:
    case Condition::Kind::NotPerformed: break;
    }
    const UnixMillis from =
        condition.withinMillis ? at - *condition.withinMillis : std::numeric_limits<UnixMillis>::min();
    int count = 0;
    for (const StoredEvent &event : person.events) {
        if (event.nameId == node.id && event.occurredAt > from && event.occurredAt <= at &&
            (condition.where.empty() || matchesWhere(node, event, at)) && keyCounts(condition, event, run))
            ++count;
    }
    if (condition.kind == Condition::Kind::NotPerformed) {
        // "Has not performed within the past X" only matches profiles at least X old.
        const bool oldEnough = !condition.withinMillis || at - person.firstSeen >= *condition.withinMillis;
        return count == 0 && oldEnough;
    }
    return count >= condition.atLeast && (!condition.atMost || count <= *condition.atMost);
}

std::string Conditions::explain(const Person &person, const Condition &condition, UnixMillis at,
                                const Run *run) const
{
    switch (condition.kind) {
    case Condition::Kind::All:
    case Condition::Kind::Any: {
        std::string out = "(";
        for (std::size_t i = 0; i < condition.children.size(); ++i) {
            if (i > 0)
                out += condition.kind == Condition::Kind::All ? " AND " : " OR ";
            out += explain(person, condition.children[i], at, run);
        }
        return out + ")";
    }
    case Condition::Kind::Attribute: {
        const std::optional<std::string> actual = keyValue(person.attributes, condition.attribute.path);
        return describe(condition.attribute) + " [" + condition.attribute.path + " is " +
               actual.value_or("absent") + "]" + (evaluate(person, condition, at) ? "" : " ✗");
    }
    case Condition::Kind::InSegment:
        return "in segment " + condition.segment + (evaluate(person, condition, at) ? "" : " ✗");
    case Condition::Kind::NotInSegment:
        return "not in segment " + condition.segment + (evaluate(person, condition, at) ? "" : " ✗");
    case Condition::Kind::RelatedObject: {
        std::string out = "related to an object of type " + condition.objectTypeId;
        for (std::size_t i = 0; i < condition.where.size(); ++i)
            out += (i == 0 ? " with " : " and ") + describe(condition.where[i]);
        if (const Json *object = matchingObject(person, condition, at))
            return out + " [" + object->value("object_id", "") + "]";
        std::string seen;
        for (const Json &object : m_links.relatedObjects(person.index)) {
            if (object.value("object_type_id", "") != condition.objectTypeId)
                continue;
            seen += (seen.empty() ? "" : ", ") + object.value("object_id", "");
            for (const ValueFilter &filter : condition.where) {
                const std::optional<std::string> actual =
                    keyValue(object.value("attributes", Json::object()), filter.path);
                seen += " " + filter.path + " is " + actual.value_or("absent");
            }
        }
        return out + " [" + (seen.empty() ? "no related object of that type" : seen) + "] ✗";
    }
    case Condition::Kind::Performed:
    case Condition::Kind::NotPerformed: break;
    }
    const ConditionNode &node =
        m_compiled.conditionNodes[static_cast<std::size_t>(m_compiled.nodeOf.at(&condition))];
    const UnixMillis from =
        condition.withinMillis ? at - *condition.withinMillis : std::numeric_limits<UnixMillis>::min();
    int count = 0;
    std::optional<UnixMillis> latest;
    for (const StoredEvent &event : person.events) {
        if (event.nameId != node.id || event.occurredAt > at ||
            (!condition.where.empty() && !matchesWhere(node, event, at)) || !keyCounts(condition, event, run))
            continue;
        latest = std::max(latest.value_or(event.occurredAt), event.occurredAt);
        if (event.occurredAt > from)
            ++count;
    }
    std::string out = condition.kind == Condition::Kind::Performed ? "performed " : "has not performed ";
    out += condition.event;
    if (condition.kind == Condition::Kind::Performed) {
        out += " at least " + std::to_string(condition.atLeast);
        if (condition.atMost)
            out += " and at most " + std::to_string(*condition.atMost);
        out += " times";
    }
    if (!condition.matchKey.empty() && run) {
        const std::size_t slot =
            m_compiled.campaigns[static_cast<std::size_t>(run->campaign)].keySlot(condition.matchKey);
        out += " with this run's " + condition.matchKey + "=" + run->keyValues.textAt(slot);
    }
    if (condition.withinMillis)
        out += " within the past " + formatDurationMillis(*condition.withinMillis);
    out += " [" + std::to_string(count) + " counted";
    if (latest)
        out += "; the latest that arrived occurred " + toIso8601(*latest);
    out += "]";
    // Customer.io's rule for "has not performed within X": the profile must be at least X old. When that
    // is what decides, the reason says so.
    if (condition.kind == Condition::Kind::NotPerformed && condition.withinMillis && count == 0 &&
        at - person.firstSeen < *condition.withinMillis)
        out += " — not met: the profile is " + formatDurationMillis(at - person.firstSeen) +
               " old, younger than the window";
    return out + (evaluate(person, condition, at, run) ? "" : " ✗");
}

} // namespace preflight
