#pragma once

#include "call/Call.h"
#include "common/Json.h"
#include "plan/Plan.h"
#include "validate/Violation.h"

#include <memory>
#include <string_view>
#include <vector>

namespace preflight {

class CompiledPlan;

// The shapes of payload the validator understands. Dialects that parse full requests turn them into a
// Call (validate(Call)); these cover raw bodies as teams log them.
enum class PayloadKind {
    Auto,         // decide per payload: Pipelines if it has "type"/"event"/"traits", Track v1 if "name"
    TrackV1Event, // body of POST /api/v1/customers/{id}/events or /api/v1/events: {name, data, timestamp, id}
    PipelinesCall, // Segment-style track {event, properties, userId|anonymousId} or identify {traits}
    Properties,    // the bare properties object of the event named by `eventName`
};

// Checks payloads against a Plan. The plan is compiled once at construction; validation is const and
// thread-safe. Same checks, same codes as the bulk JSONL path (JsonlValidator).
class Validator
{
public:
    explicit Validator(const Plan &plan);
    ~Validator();
    Validator(Validator &&) noexcept;
    Validator &operator=(Validator &&) noexcept;

    // A Call: identity rules, the event (track) or attributes (identify).
    std::vector<Violation> validate(const Call &call) const;
    // A raw payload. Pointers are relative to `payload`.
    std::vector<Violation> validatePayload(const Json &payload, PayloadKind kind,
                                           std::string_view eventName = {}) const;

    const Plan &plan() const;
    const CompiledPlan &compiled() const { return *m_compiled; }

private:
    std::unique_ptr<CompiledPlan> m_compiled;
};

} // namespace preflight
