#pragma once

#include "api/Api.h"
#include "common/Result.h"

#include <QtGlobal>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

enum class EnvironmentKind { Sandbox, Workspace };
std::string_view toString(EnvironmentKind kind); // "sandbox", "workspace"
std::optional<EnvironmentKind> environmentKindFromString(std::string_view text);

// Where sends go, without its secrets (those come from SecretStore).
struct Environment {
    static constexpr const char *kSandboxName = "sandbox";
    // `preflight-cli sandbox serve` listens here unless given --port; point the built-in sandbox at it
    // with PREFLIGHT_SANDBOX_ORIGIN=http://127.0.0.1:8089 or `env add sandbox --origin …`.
    static constexpr quint16 kDefaultSandboxPort = 8089;
    static constexpr const char *kDefaultSandboxOrigin = "http://127.0.0.1:8089";

    std::string name;
    EnvironmentKind kind = EnvironmentKind::Workspace;
    Region region = Region::US;
    std::vector<Api> apis{Api::TrackV1, Api::TrackV2};
    bool production = false;
    std::string origin; // empty: Customer.io's hosts for the region

    // Names are what the secret variables are derived from: letters, digits, '-' and '_', ≤ 40.
    static Status validateName(std::string_view name);
    static Environment builtInSandbox();

    bool uses(Api api) const;
    // The built-in sandbox with no origin configured: commands start a sandbox in their own process.
    bool needsInProcessSandbox() const { return kind == EnvironmentKind::Sandbox && origin.empty(); }
    ApiTarget target(const Credentials &credentials) const;
    friend bool operator==(const Environment &, const Environment &) = default;
};

std::string apisToString(const std::vector<Api> &apis); // "track-v1,track-v2"
Result<std::vector<Api>> apisFromString(std::string_view text);

} // namespace preflight
