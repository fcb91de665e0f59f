#pragma once

#include "journeys/Journeys.h"
#include "sim/Timeline.h"
#include "workspace/WorkspaceChange.h"

#include <memory>
#include <span>

namespace preflight {

class SimulatorState;

// Customer.io-style journeys on a virtual clock. Feed it WorkspaceChanges in arrival order; it decides
// entries, waits, sends and exits exactly as a workspace that only knows what has arrived so far would,
// and writes each decision to the Timeline with its rule, cause and reason. Deterministic: the same
// changes give the same timeline.
class Simulator
{
public:
    explicit Simulator(Journeys journeys);
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    // Runs every scheduled action due before `change.at`, then applies the change. Changes must come in
    // non-decreasing `at`; an earlier one is applied at the current virtual time.
    void apply(const WorkspaceChange &change);
    // The same as applying each change in turn, only faster: it looks a few changes ahead and fetches
    // the people they concern, so that their state is in the cache when their turn comes.
    void apply(std::span<const WorkspaceChange> changes);
    // Runs every scheduled action due at or before `until` (delays ending, waits timing out, segment
    // windows passing).
    void advanceTo(UnixMillis until);

    UnixMillis now() const;
    const Journeys &journeys() const;
    const Timeline &timeline() const;
    Timeline takeTimeline();
    // Keeps reasons short (no per-entry text) when only counts matter, e.g. in benchmarks.
    void setRecordTimeline(bool record);

    struct Stats {
        std::size_t changes = 0;
        std::size_t runsStarted = 0;
        std::size_t messagesSent = 0;
        std::size_t messagesSuppressed = 0;
        std::size_t exits = 0;
        std::size_t people = 0;
        std::size_t timersPeak = 0;
    };
    Stats stats() const;

private:
    std::unique_ptr<SimulatorState> m_state;
};

} // namespace preflight
