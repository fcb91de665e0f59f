#pragma once

#include "api/Api.h"
#include "common/Result.h"
#include "env/Environment.h"

#include <QString>

#include <string>
#include <vector>

namespace preflight {

// Where an environment's credentials live: the OS keychain (QtKeychain, service "preflight", one entry
// per environment holding the four values), or, for headless machines and CI, environment variables
// PREFLIGHT_<NAME>_SITE_ID, _TRACK_API_KEY, _PIPELINES_WRITE_KEY, _APP_API_KEY where NAME is the
// environment name upper-cased with '-' as '_'. Variables win when any of them is set. Nothing here is
// ever written to a file or printed.
class SecretStore
{
public:
    enum class Field { SiteId, TrackApiKey, PipelinesWriteKey, AppApiKey };
    static std::string variableName(const std::string &environment, Field field);
    // The built-in sandbox's fixed, non-secret credentials (it accepts these and nothing else matters).
    static Credentials sandboxCredentials();

    // PREFLIGHT_KEYCHAIN=off skips the keychain entirely (tests, machines without a secret service).
    static bool keychainEnabled();

    Result<Credentials> load(const Environment &environment) const;
    Status save(const std::string &environment, const Credentials &credentials) const;
    Status remove(const std::string &environment) const;

    // The variables an environment still lacks for the APIs it uses, for a clear message.
    static std::vector<std::string> missingFor(const Environment &environment,
                                               const Credentials &credentials);

private:
    static Credentials fromVariables(const std::string &environment, bool &anySet);
};

} // namespace preflight
