#pragma once

#include "api/Api.h"

#include <optional>
#include <string>

namespace preflight {

// Error bodies in each API's own shape:
//   Track v1 / App: {"meta":{"error":"…"}}
//   Track v2:       {"errors":[{"reason","field","message"}]}
//   Pipelines (strict mode) and the sandbox's own API: {"code","message"}
std::string apiErrorBody(std::optional<Api> api, const std::string &reason, const std::string &message,
                         const std::string &field = {});
// {"meta":{"errors":["…"]}}: the Track v1 endpoints whose OpenAPI documents a list of errors (forms,
// manual segments).
std::string trackErrorsBody(const std::string &message);

} // namespace preflight
