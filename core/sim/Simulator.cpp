#include "sim/Simulator.h"

#include "sim/SimulatorState.h"

namespace preflight {

Simulator::Simulator(Journeys journeys) : m_state(std::make_unique<SimulatorState>(std::move(journeys))) {}
Simulator::~Simulator() = default;

void Simulator::apply(const WorkspaceChange &change)
{
    m_state->apply(change);
}

void Simulator::apply(std::span<const WorkspaceChange> changes)
{
    m_state->apply(changes);
}

void Simulator::advanceTo(UnixMillis until)
{
    m_state->advanceTo(until);
}

UnixMillis Simulator::now() const
{
    return m_state->now;
}

const Journeys &Simulator::journeys() const
{
    return m_state->compiled().journeys;
}

const Timeline &Simulator::timeline() const
{
    return m_state->timeline;
}

Timeline Simulator::takeTimeline()
{
    return std::move(m_state->timeline);
}

void Simulator::setRecordTimeline(bool record)
{
    m_state->recordTimeline = record;
}

Simulator::Stats Simulator::stats() const
{
    return m_state->stats;
}

} // namespace preflight
