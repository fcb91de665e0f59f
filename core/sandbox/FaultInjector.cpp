#include "sandbox/FaultInjector.h"

namespace preflight {

FaultInjector::FaultInjector(FaultSpec spec) : m_spec(spec), m_random(spec.seed) {}

FaultDecision FaultInjector::next()
{
    FaultDecision decision;
    if (m_spec.isEmpty())
        return decision;
    decision.latencyMillis = m_spec.latencyMillis;
    decision.slowBodyMillis = m_spec.slowBodyMillis;
    double draw = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    double edge = m_spec.share429;
    if (draw < edge) {
        decision.kind = FaultDecision::Kind::TooManyRequests;
        decision.retryAfterSeconds = m_spec.retryAfterSeconds;
        return decision;
    }
    if (draw < (edge += m_spec.share500)) {
        decision.kind = FaultDecision::Kind::InternalError;
        return decision;
    }
    if (draw < (edge += m_spec.share503)) {
        decision.kind = FaultDecision::Kind::Unavailable;
        return decision;
    }
    if (draw < (edge += m_spec.shareDrop))
        decision.kind = FaultDecision::Kind::Drop;
    return decision;
}

} // namespace preflight
