#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace preflight {

// Test people sent to a real workspace carry the attribute `preflight_test: true`, and in a production
// workspace their id must start with "preflight-test-", so they can be found and deleted afterwards.
namespace TestCustomers {

inline constexpr const char *kAttribute = "preflight_test";
inline constexpr const char *kIdPrefix = "preflight-test-";

// Adds the tag to identify calls (and to each identify inside a batch).
void tag(Call &call);
// Whether the person a call is about has the test id prefix (calls without an id are judged by email:
// an email with "+preflight-test" before the '@' is accepted too).
bool hasTestIdentity(const Call &call);
// Whether cleanup may delete this id from a production workspace: the test prefix, or a cio_ id.
bool isDeletableFromProduction(const std::string &id);

// App API search for every person with the tag: POST /v1/customers {"filter": ...}.
HttpRequest searchRequest(const ApiTarget &target);
Result<std::vector<std::string>> idsFromSearch(const std::string &body);
// Track v1 DELETE /api/v1/customers/{id} (credentials are applied when sent).
HttpRequest deleteRequest(const ApiTarget &target, const std::string &id);
// The dedupe id of a clean-up's delete request, "cleanup:<id>:<unix ms>", and the id back from it.
std::string deleteDedupeId(const std::string &id, std::int64_t nowMs);
std::optional<std::string> deletedId(const std::string &dedupeId);

// The people a sent request created or updated (each identify's, event's, page's or screen's id, or
// "cio_<cio id>"), read back through its API: someone who only ever received events has no tag for the
// search to find. Other calls, email-only people and requests that do not parse name nobody.
std::vector<std::string> idsIn(const HttpRequest &request, Api api);

} // namespace TestCustomers
} // namespace preflight
