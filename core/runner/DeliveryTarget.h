#pragma once

#include "common/Result.h"
#include "env/Environment.h"

#include <memory>

namespace preflight {

class SandboxServer;
struct Plan;

// Where a command delivers: an environment with its credentials and, for the built-in sandbox with no
// origin configured, the sandbox the command started in its own process for its own lifetime.
struct DeliveryTarget {
    Environment environment;
    Credentials credentials;
    std::shared_ptr<SandboxServer> inProcessSandbox;

    bool inProcess() const { return inProcessSandbox != nullptr; }
    ApiTarget apiTarget() const { return environment.target(credentials); }
    // "sandbox (in-process, http://127.0.0.1:41234)", "staging (https://…)" — for reports.
    std::string describe() const;
};

// When the target is the built-in sandbox and no origin is configured (PREFLIGHT_SANDBOX_ORIGIN,
// `env add sandbox --origin`): uses the sandbox answering at the default origin (127.0.0.1:8089) if there
// is one, otherwise starts a SandboxServer on a free loopback port in this process (checking requests
// against `plan` when given) and points the environment at it. Either way with the sandbox's well-known
// test credentials. Does nothing for any other target. An in-process server lives as long as the target.
// True when a Preflight sandbox answers GET /preflight/health at `origin` within `timeoutMs`.
bool sandboxAnswersAt(const std::string &origin, int timeoutMs);

Status startInProcessSandboxIfNeeded(DeliveryTarget &target, const Plan *plan = nullptr);

} // namespace preflight
