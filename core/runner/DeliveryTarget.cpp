#include "runner/DeliveryTarget.h"

#include "plan/Plan.h"
#include "sandbox/SandboxServer.h"

namespace preflight {

std::string DeliveryTarget::describe() const
{
    if (inProcess())
        return environment.name + " (in-process, " + environment.origin + ")";
    return environment.name + " (" + (environment.origin.empty() ? std::string("customer.io, ") +
                                                                       std::string(toString(environment.region))
                                                                 : environment.origin) + ")";
}

Status startInProcessSandboxIfNeeded(DeliveryTarget &target, const Plan *plan)
{
    if (!target.environment.needsInProcessSandbox())
        return Ok{};
    SandboxConfig config; // port 0: any free port; in memory
    auto server = std::make_shared<SandboxServer>(config);
    if (plan)
        server->processor().setPlan(*plan);
    if (Status started = server->start(); !started)
        return Error{"sandbox_start", "cannot start the in-process sandbox: " + started.error().message,
                     started.error().where};
    target.environment.origin = server->origin().toStdString();
    target.credentials = SandboxConfig::defaultCredentials();
    target.inProcessSandbox = std::move(server);
    return Ok{};
}

} // namespace preflight
