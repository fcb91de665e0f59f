#pragma once

#include "call/Call.h"
#include "common/Json.h"
#include "common/Time.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// Why a stored event cannot start an event-triggered campaign (Customer.io's documented rules).
enum class TriggerBlock {
    None,            // it can trigger
    Backdated,       // its timestamp was more than 72 hours old when it arrived
    Merged,          // it moved to this person through merge_customers
    Anonymous,       // it belongs to no known person (yet)
    AttachedTooLate, // anonymous event attached at identify more than 72 hours after its timestamp
    Duplicate,       // its id was seen before: ignored entirely
};
std::string_view toString(TriggerBlock block);

// One thing the workspace did with an arriving call, in arrival order: what the simulator replays.
struct WorkspaceChange {
    enum class Kind {
        PersonCreated,
        AttributesUpdated, // `attributes` holds the person's attributes after the change
        EventRecorded,     // a call's event landed on a person (or, anonymous, on no one yet)
        EventAttached,     // a held anonymous event was attached to a person at identify
        PersonsMerged,     // `otherPersonKey` was merged into `personKey`
        PersonDeleted,
        PersonSuppressed,
        PersonUnsuppressed,
        DeviceUpdated, // `attributes` holds the device: {"id", "platform", "last_used", "attributes"}
        DeviceDeleted, // `attributes` holds {"id": token}
        // `attributes` holds the ids of the manual segments the person is in after the change: [7, 12]
        ManualSegmentsUpdated,
        // `attributes` holds the objects the person is related to after the change, in (type, id) order:
        // [{"object_type_id", "object_id", "attributes", "relationship_attributes"}]
        RelatedObjectsUpdated,
    };

    Kind kind = Kind::EventRecorded;
    std::string personKey;      // the workspace's stable key for the person (its cio_id); empty if none
    std::string otherPersonKey; // merges: the secondary, now gone
    UnixMillis at = 0;          // when the workspace made the change (the call's arrival)
    Call call;                  // the call behind the change; for events, occurredAt/arrivedAt are set
    Json attributes = Json::object();
    TriggerBlock triggerBlock = TriggerBlock::None;
    std::string reason;                   // for people: why the event cannot trigger, or what was ignored
    std::uint64_t eventSequence = 0;      // events: the workspace's stable number for the stored event
    std::vector<std::string> movedEvents; // merges: the names of the events that moved to the primary
};

// The workspace ignores an event whose id it has seen and makes no change; replaying callers hand the
// simulator this one instead, so that the timeline shows what was ignored. `sameAs`: "same id as step 2".
WorkspaceChange ignoredDuplicate(const Call &call, std::string personKey, UnixMillis at, std::string sameAs);

} // namespace preflight
