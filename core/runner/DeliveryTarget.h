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
// `env add sandbox --origin`), starts a SandboxServer on a free loopback port in this process (checking
// requests against `plan` when given), points the environment at it and uses its well-known test
// credentials. Does nothing for any other target. The server lives as long as the target.
Status startInProcessSandboxIfNeeded(DeliveryTarget &target, const Plan *plan = nullptr);

} // namespace preflight
