#pragma once

#include "sim/CompiledJourneys.h"
#include "sim/People.h"
#include "sim/PersonLinks.h"

#include <string>

namespace preflight {

// Conditions (segments, audiences, action conditions, branch tests) decided for one person at an
// instant, and put into words for the timeline; private to core/sim. `run`: the run an action condition
// or branch belongs to, whose trigger keyed conditions ("match": "cart_id") compare with.
class Conditions
{
public:
    Conditions(const CompiledJourneys &compiled, const PersonMarks &marks, const PersonLinks &links)
        : m_compiled(compiled), m_marks(marks), m_links(links)
    {
    }

    bool evaluate(const Person &person, int node, UnixMillis at, const Run *run = nullptr) const;
    bool evaluate(const Person &person, const Condition &condition, UnixMillis at,
                  const Run *run = nullptr) const;
    // Each part with what decided it ("performed added_to_cart at least 1 times [0 counted] ✗").
    std::string explain(const Person &person, const Condition &condition, UnixMillis at,
                        const Run *run = nullptr) const;

private:
    // Does a stored event pass a counting condition's filters on its data?
    bool matchesWhere(const ConditionNode &node, const StoredEvent &event, UnixMillis at) const;
    // Whether a stored event counts for a keyed condition of `run` (always, for a condition without a key).
    bool keyCounts(const Condition &condition, const StoredEvent &event, const Run *run) const;
    // The first object of the condition's type the person is related to whose attributes pass its filters.
    const Json *matchingObject(const Person &person, const Condition &condition, UnixMillis at) const;

    const CompiledJourneys &m_compiled;
    const PersonMarks m_marks;
    const PersonLinks &m_links;
};

} // namespace preflight
