#pragma once

#include "common/Json.h"
#include "sandbox/ActivityEntry.h"

#include <string>

namespace preflight {

// What handling one request produced: the answer and what the activity log keeps about it.
struct SandboxOutcome {
    int status = 200;
    std::string body = "{}";
    std::string outcome = "accepted"; // "accepted", "rejected" (4xx answered), "dropped" (Pipelines' 200)
    std::string reason;               // why rejected or dropped
    std::string person;
    std::string eventName;
    Json verdicts = Json::array();
    std::vector<ActivityItem> items; // a batch's, by batch index
    bool changesWorkspace = false;   // kept on disk and replayed at the next start

    static SandboxOutcome rejected(int status, std::string body, std::string reason)
    {
        SandboxOutcome outcome;
        outcome.status = status;
        outcome.body = std::move(body);
        outcome.outcome = "rejected";
        outcome.reason = std::move(reason);
        return outcome;
    }
};

} // namespace preflight
