#include "env/Environment.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace preflight {

std::string_view toString(EnvironmentKind kind)
{
    return kind == EnvironmentKind::Sandbox ? "sandbox" : "workspace";
}

std::optional<EnvironmentKind> environmentKindFromString(std::string_view text)
{
    if (text == "sandbox")
        return EnvironmentKind::Sandbox;
    if (text == "workspace")
        return EnvironmentKind::Workspace;
    return std::nullopt;
}

Status Environment::validateName(std::string_view name)
{
    if (name.empty() || name.size() > 40)
        return Error{"environment_name", "an environment name must be 1 to 40 characters", std::string(name)};
    const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
    if (!allowed)
        return Error{"environment_name", "an environment name may hold only letters, digits, '-' and '_'",
                     std::string(name)};
    return Ok{};
}

Environment Environment::builtInSandbox()
{
    Environment sandbox;
    sandbox.name = kSandboxName;
    sandbox.kind = EnvironmentKind::Sandbox;
    sandbox.apis = {Api::TrackV1, Api::TrackV2, Api::Pipelines, Api::App};
    const char *origin = std::getenv("PREFLIGHT_SANDBOX_ORIGIN");
    sandbox.origin = origin && *origin ? origin : ""; // empty: an in-process sandbox per command
    return sandbox;
}

bool Environment::uses(Api api) const
{
    return std::find(apis.begin(), apis.end(), api) != apis.end();
}

ApiTarget Environment::target(const Credentials &credentials) const
{
    ApiTarget target;
    target.region = region;
    target.originOverride = origin;
    target.credentials = credentials;
    return target;
}

std::string apisToString(const std::vector<Api> &apis)
{
    std::string out;
    for (Api api : apis) {
        if (!out.empty())
            out += ',';
        out += toString(api);
    }
    return out;
}

Result<std::vector<Api>> apisFromString(std::string_view text)
{
    std::vector<Api> apis;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string_view part = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
        if (!part.empty()) {
            const std::optional<Api> api = apiFromString(part);
            if (!api)
                return Error{"environment_api",
                             "unknown API '" + std::string(part) + "' (track-v1, track-v2, pipelines, app)", {}};
            if (std::find(apis.begin(), apis.end(), *api) == apis.end())
                apis.push_back(*api);
        }
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    if (apis.empty())
        return Error{"environment_api", "an environment uses at least one API", {}};
    return apis;
}

} // namespace preflight
