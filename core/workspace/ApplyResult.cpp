#include "workspace/ApplyResult.h"

namespace preflight {

std::string_view toString(IgnoreReason reason)
{
    switch (reason) {
    case IgnoreReason::None: return "none";
    case IgnoreReason::SuppressedIdentifier: return "suppressed_identifier";
    case IgnoreReason::DuplicateEventId: return "duplicate_event_id";
    case IgnoreReason::UpdateOnlyPersonMissing: return "update_only_person_missing";
    case IgnoreReason::PersonNotFound: return "person_not_found";
    case IgnoreReason::NoIdentifier: return "no_identifier";
    case IgnoreReason::MergePrimaryMissing: return "merge_primary_missing";
    case IgnoreReason::MergeSecondaryMissing: return "merge_secondary_missing";
    case IgnoreReason::MergeSamePerson: return "merge_same_person";
    case IgnoreReason::DeviceNotFound: return "device_not_found";
    case IgnoreReason::ObjectNotFound: return "object_not_found";
    case IgnoreReason::Unsupported: return "unsupported";
    }
    return "unknown";
}

} // namespace preflight
