#pragma once

#include "common/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace preflight {

// A request body sent with Content-Encoding: gzip, inflated. Errors: "bad_encoding" for data that is
// not gzip, "body_too_large" once the inflated body would pass `maxBytes` (it stops there: a small
// request cannot make the sandbox allocate more).
Result<std::string> gunzipBody(std::string_view compressed, std::size_t maxBytes);

} // namespace preflight
