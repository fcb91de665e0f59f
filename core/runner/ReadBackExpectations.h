#pragma once

#include "call/Call.h"
#include "common/Json.h"
#include "scenario/Scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace preflight {

// What a delivered call looks like in the workspace once every call after it has landed. A later merge
// takes its person away (the secondary's events and attributes now live on the primary), and a later
// identify overwrites its attributes: read back as sent, both would look missing although they landed.
struct ExpectedReadBack {
    Identity readAs;                // the person to ask; empty: the call's own identity
    std::optional<Json> attributes; // identify: the values to find at the end; unset: the call's own
    std::string note;               // why it is read that way, for the delivery line ("" when as sent)
    // A later merge took the call's person away. Customer.io moves only the secondary's events of the
    // last 30 days (by the workspace's own clock) and drops the rest with it, so an event may be gone.
    bool mergedAway = false;
    // The workspace ignores the call (a suppressed identifier, an update-only identify of no one...):
    // there is nothing to read back, and the replay ignores it the same way.
    std::string ignored;
};

// One per call, for calls that landed in this order (arrival order, the duplicate's copy included): works
// the end state out by applying them to an in-memory workspace at the scenario's arrival times.
std::vector<ExpectedReadBack> expectedReadBacks(const std::vector<ScheduledCall> &landed);

} // namespace preflight
