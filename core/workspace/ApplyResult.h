#pragma once

#include "workspace/WorkspaceChange.h"

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// Why the workspace took no action on a call. Customer.io answers most of these with 200 and does
// nothing, so the sandbox needs them to show what a real workspace swallowed.
enum class IgnoreReason {
    None,
    SuppressedIdentifier,    // an identifier in the call is suppressed
    DuplicateEventId,        // the event's id was seen before
    UpdateOnlyPersonMissing, // identify with `_update: true` for someone who does not exist
    PersonNotFound,          // delete, device or cio_id-only call for someone who does not exist
    NoIdentifier,            // nothing in the call names a known person
    MergePrimaryMissing,
    MergeSecondaryMissing,
    MergeSamePerson,
    DeviceNotFound,
    ObjectNotFound, // delete or delete_relationships of an object that does not exist
    Unsupported,    // a call kind the workspace does not model
};
std::string_view toString(IgnoreReason reason);

// What Workspace::apply did with one call: accepted with its changes in order, or ignored and why.
struct ApplyResult {
    bool accepted = true;
    IgnoreReason reason = IgnoreReason::None;
    std::string message;                  // a sentence for people; empty when accepted plainly
    std::vector<WorkspaceChange> changes; // every change made, in order (a batch: all items')
    std::vector<ApplyResult> items;       // a batch call: one result per item, in order

    static ApplyResult ignored(IgnoreReason why, std::string text)
    {
        ApplyResult result;
        result.accepted = false;
        result.reason = why;
        result.message = std::move(text);
        return result;
    }
};

} // namespace preflight
