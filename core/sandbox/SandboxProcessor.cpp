#include "sandbox/SandboxProcessor.h"

#include "sandbox/ApiErrorBody.h"

namespace preflight {

namespace {

bool hasBody(SandboxRoute::Endpoint endpoint)
{
    using E = SandboxRoute::Endpoint;
    switch (endpoint) {
    case E::DeleteCustomer:
    case E::DeleteDevice:
    case E::Suppress:
    case E::Unsuppress:
    case E::Region:
        return false;
    default:
        return true;
    }
}

} // namespace

SandboxOutcome SandboxProcessor::ingest(const SandboxRoute &route, const HttpRequest &request, UnixMillis)
{
    SandboxOutcome outcome;
    if (route.api == Api::TrackV1 && !route.captures.empty())
        outcome.person = route.captures.front();
    if (hasBody(route.endpoint) && !(route.api == Api::TrackV1 && request.body.empty())) {
        if (!Json::accept(request.body)) {
            auto failure = SandboxOutcome::rejected(400, apiErrorBody(route.api, "invalid_json", "invalid JSON body"),
                                                    "invalid JSON body");
            failure.person = outcome.person;
            return failure;
        }
    }
    outcome.changesWorkspace = true;
    ++m_applied;
    return outcome;
}

SandboxOutcome SandboxProcessor::readBack(const SandboxRoute &route, const std::map<std::string, std::string> &)
{
    SandboxOutcome outcome;
    outcome.person = route.captures.empty() ? std::string{} : route.captures.front();
    if (route.endpoint == SandboxRoute::Endpoint::CustomersByEmail) {
        outcome.body = R"({"results":[]})";
        return outcome;
    }
    return SandboxOutcome::rejected(404, apiErrorBody(Api::App, "not_found", "customer not found"),
                                    "customer not found");
}

void SandboxProcessor::reset()
{
    m_applied = 0;
}

} // namespace preflight
