#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "common/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// pending: on disk, not yet acknowledged (new, retrying, or sent with an unknown outcome);
// done: acknowledged with a 2xx, kept so a re-run of the same input does not queue it again;
// dead: refused for good (a 4xx other than 408/429, or out of attempts), response kept for inspection.
enum class OutboxState { Pending, Done, Dead };
std::string_view toString(OutboxState state);
std::optional<OutboxState> outboxStateFromString(std::string_view text);

struct OutboxEntry {
    std::int64_t id = 0;
    std::string environment;
    Api api = Api::TrackV1;
    std::string dedupeId; // the call's Track `id` / Pipelines `messageId`: what makes a resend harmless
    HttpRequest request;  // as sent, without credentials; stored in the toJson(HttpRequest) form
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    std::int64_t nextAttemptMs = 0; // unix ms
    int lastStatus = 0;             // 0: none yet or no HTTP answer
    std::string lastResponse;       // body of the last answer, or the network error
    std::int64_t createdMs = 0;
    std::int64_t updatedMs = 0;
};

} // namespace preflight
