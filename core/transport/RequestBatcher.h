#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"

#include <cstddef>
#include <vector>

namespace preflight {

// One request to put on the wire and which of the given single requests it carries.
struct BatchedRequest {
    HttpRequest request;
    std::vector<std::size_t> members; // indexes into the input; one for an unbatched request
    bool isBatch = false;
};

// Folds single Track v2 `/entity` and Pipelines `/identify|track|page|screen|group` requests into
// their surface's `/batch` within the documented limits (batch ≤ 500 KB, item ≤ 32 KB). Anything else,
// and any item over the item limit, goes out alone so the API answers for it directly.
class RequestBatcher
{
public:
    static constexpr std::size_t kMaxBatchBytes = 500 * 1000; // decimal KB: the stricter reading
    static constexpr std::size_t kMaxItemBytes = 32 * 1000;

    std::size_t maxBatchBytes = kMaxBatchBytes;
    std::size_t maxItemBytes = kMaxItemBytes;

    std::vector<BatchedRequest> batch(Api api, const std::vector<HttpRequest> &singles) const;
};

} // namespace preflight
