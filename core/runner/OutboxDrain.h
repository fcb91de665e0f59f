#pragma once

#include "api/Api.h"
#include "common/Result.h"
#include "outbox/OutboxSender.h"

#include <functional>
#include <string>

namespace preflight {

class Outbox;

struct DrainSettings {
    double rate = 0; // requests per second per API; 0: the transport's defaults
    int timeoutMs = 30000;
    int maxAttempts = 10;
    bool batching = true;
    // Called as entries settle: acknowledged, dead, still pending.
    std::function<void(int done, int dead, int pending)> progress;
};

// Sends every pending entry of `environment` through a Transport until none is left, in a local event
// loop (an in-process sandbox on the same thread keeps serving meanwhile). Error when the outbox fails.
Result<OutboxSender::Totals> drainOutbox(Outbox &outbox, const std::string &environment, const Credentials &credentials,
                                         const DrainSettings &settings);

} // namespace preflight
