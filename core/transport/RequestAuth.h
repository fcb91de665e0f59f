#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"

namespace preflight {

// Credentials never travel with a stored request: they are stripped before it is written anywhere
// and put back from the environment just before it goes on the wire.
namespace RequestAuth {

// Removes Authorization and every header flagged secret.
HttpRequest withoutCredentials(HttpRequest request);
// Sets the Authorization header the surface expects (flagged secret). Empty credentials leave none.
void applyCredentials(HttpRequest &request, Api api, const Credentials &credentials);
// Which surface a URL belongs to, judged by its path (the sandbox serves them all on one origin).
Api apiForPath(std::string_view url, Api fallback);

} // namespace RequestAuth
} // namespace preflight
