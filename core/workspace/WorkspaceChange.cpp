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

} // namespace preflight
