#pragma once

#include "api/HttpRequest.h"
#include "common/Time.h"
#include "sandbox/SandboxOutcome.h"
#include "sandbox/SandboxRoute.h"
#include "workspace/Workspace.h"

#include <map>
#include <memory>
#include <string>

namespace preflight {

struct Plan;
class Validator;

// Reads an authenticated request with its API's dialect (the one parser of each API's shape), applies
// the call to the workspace, and checks it against the plan when there is one; answers App API
// read-back from the workspace. The server does routing, authentication, limits, faults and
// persistence around it; replay at start goes through `ingest` again with the original arrival time.
class SandboxProcessor
{
public:
    explicit SandboxProcessor(WorkspaceOptions options = {});
    ~SandboxProcessor();

    SandboxOutcome ingest(const SandboxRoute &route, const HttpRequest &request, UnixMillis arrivedAt);
    SandboxOutcome readBack(const SandboxRoute &route, const std::map<std::string, std::string> &query) const;
    void reset();

    void setPlan(const Plan &plan);
    bool hasPlan() const { return m_validator != nullptr; }
    const Workspace &workspace() const { return m_workspace; }

private:
    SandboxOutcome ingestBatch(const SandboxRoute &route, const HttpRequest &request, UnixMillis arrivedAt);
    SandboxOutcome ingestMetric(const HttpRequest &request) const;
    SandboxOutcome ingestSegmentChange(const SandboxRoute &route, const HttpRequest &request,
                                       UnixMillis arrivedAt);
    static void answerFormSubmission(const SandboxRoute &route, SandboxOutcome &outcome);
    void describe(const Call &call, SandboxOutcome &outcome) const;
    // Who and what one call is about, as the activity log lists it.
    static ActivityItem itemOf(const Call &call);
    void check(const Call &call, SandboxOutcome &outcome, std::optional<std::size_t> batchIndex) const;

    WorkspaceOptions m_options;
    Workspace m_workspace;
    std::unique_ptr<Validator> m_validator;
};

} // namespace preflight
