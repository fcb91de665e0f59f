#include "outbox/OutboxEntry.h"

namespace preflight {

std::string_view toString(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending: return "pending";
    case OutboxState::Done: return "done";
    case OutboxState::Dead: return "dead";
    }
    return "pending";
}

std::optional<OutboxState> outboxStateFromString(std::string_view text)
{
    for (OutboxState state : {OutboxState::Pending, OutboxState::Done, OutboxState::Dead}) {
        if (toString(state) == text)
            return state;
    }
    return std::nullopt;
}

} // namespace preflight
