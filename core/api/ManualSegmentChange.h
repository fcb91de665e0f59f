#pragma once

#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace preflight {

// POST /api/v1/segments/{segment_id}/add_customers or …/remove_customers: people added to or removed
// from a manual segment, named by one kind of identifier (`id_type`: id, email or cio_id; default id).
struct ManualSegmentChange {
    static constexpr std::size_t kMaxIds = 1000;

    std::int32_t segmentId = 0;
    bool add = true;
    std::string idType = "id";
    std::vector<std::string> ids;

    // One ManualSegmentAdd (or Remove) call per identifier, in order.
    std::vector<Call> calls() const;
};

// Error::where is a JSON pointer into the body, or "" for the URL.
Result<ManualSegmentChange> parseManualSegmentChange(const HttpRequest &request);

} // namespace preflight
