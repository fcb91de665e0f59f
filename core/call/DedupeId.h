#pragma once

#include <string>
#include <string_view>

namespace preflight {

// A dedupe id derived from where a call came from (a run and a step, a file line and its text), shaped
// like a ULID (26 Crockford base32 characters, the first at most '7'). The same source gives the same id,
// so sending again after a crash or a resumed run is recognised by the outbox and by Customer.io.
std::string derivedDedupeId(std::string_view source);

} // namespace preflight
