#pragma once

#include "sandbox/FaultSpec.h"

#include <random>

namespace preflight {

// What to do wrong with one request.
struct FaultDecision {
    enum class Kind { None, TooManyRequests, InternalError, Unavailable, Drop };
    Kind kind = Kind::None;
    std::int64_t latencyMillis = 0;
    std::int64_t slowBodyMillis = 0;
    int retryAfterSeconds = 0;
};

// Draws faults from a seeded generator, so a run with the same spec and seed fails the same requests.
class FaultInjector
{
public:
    explicit FaultInjector(FaultSpec spec = {});
    const FaultSpec &spec() const { return m_spec; }
    FaultDecision next();

private:
    FaultSpec m_spec;
    std::mt19937_64 m_random;
};

} // namespace preflight
