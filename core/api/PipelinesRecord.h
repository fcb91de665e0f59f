#pragma once

#include "call/Call.h"
#include "common/Json.h"
#include "common/Result.h"

#include <string>

namespace preflight {

// A Pipelines (Segment-style) message as a CDP or a warehouse exports it, one per line:
// {"type": "track", "userId": …, "event": …, "properties": …, "timestamp": …}. It is read as the Pipelines
// API reads that message; without a "timestamp", its "originalTimestamp" (when the source saw it) is when
// it happened. Fields the API ignores (receivedAt, sentAt, integrations…) are ignored.
bool isPipelinesRecord(const Json &json); // a "type" and no "kind" (the canonical Call form's)
Result<Call> callFromPipelinesRecord(const Json &record, const std::string &where);

} // namespace preflight
