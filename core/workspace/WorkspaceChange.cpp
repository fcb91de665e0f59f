#include "workspace/WorkspaceChange.h"

namespace preflight {

std::string_view toString(TriggerBlock block)
{
    switch (block) {
    case TriggerBlock::None: return "none";
    case TriggerBlock::Backdated: return "backdated";
    case TriggerBlock::Merged: return "merged";
    case TriggerBlock::Anonymous: return "anonymous";
    case TriggerBlock::AttachedTooLate: return "attached_too_late";
    case TriggerBlock::Duplicate: return "duplicate";
    }
    return "unknown";
}

WorkspaceChange ignoredDuplicate(const Call &call, std::string personKey, UnixMillis at, std::string sameAs)
{
    WorkspaceChange change;
    change.kind = WorkspaceChange::Kind::EventRecorded;
    change.personKey = std::move(personKey);
    change.at = at;
    change.call = call;
    change.call.arrivedAt = at;
    change.triggerBlock = TriggerBlock::Duplicate;
    change.reason = std::move(sameAs);
    return change;
}

} // namespace preflight
