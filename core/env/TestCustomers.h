#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"

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

// App API search for every person with the tag: POST /v1/customers {"filter": ...}.
HttpRequest searchRequest(const ApiTarget &target);
Result<std::vector<std::string>> idsFromSearch(const std::string &body);
// Track v1 DELETE /api/v1/customers/{id} (credentials are applied when sent).
HttpRequest deleteRequest(const ApiTarget &target, const std::string &id);

} // namespace TestCustomers
} // namespace preflight
