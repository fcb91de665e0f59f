#include "commands/CommandSupport.h"

#include "env/EnvironmentStore.h"
#include "env/SecretStore.h"
#include "runner/DeliveryTarget.h"
#include "transport/RequestAuth.h"
#include "transport/Transport.h"

#include <QCommandLineParser>
#include <QFile>

using namespace preflight;

namespace {

int listEnvironments(const EnvironmentStore &store)
{
    for (const Environment &environment : store.list()) {
        bool fromVariables = false;
        for (auto field : {SecretStore::Field::SiteId, SecretStore::Field::TrackApiKey,
                           SecretStore::Field::PipelinesWriteKey, SecretStore::Field::AppApiKey})
            fromVariables = fromVariables ||
                            !qgetenv(SecretStore::variableName(environment.name, field).c_str()).isEmpty();
        const std::string secrets = fromVariables                                  ? "variables"
                                    : environment.kind == EnvironmentKind::Sandbox ? "built-in"
                                    : SecretStore::keychainEnabled()
                                        ? "keychain"
                                        : "none (PREFLIGHT_KEYCHAIN=off; set the variables)";
        printOut(environment.name + "  " + std::string(toString(environment.kind)) + "  " +
                 std::string(toString(environment.region)) + "  " + apisToString(environment.apis) +
                 (environment.production ? "  production" : "") + "  origin " +
                 (environment.needsInProcessSandbox()
                      ? std::string("127.0.0.1:8089 if a sandbox answers there, else in-process")
                  : environment.origin.empty() ? std::string("customer.io")
                                               : environment.origin) +
                 "  secrets " + secrets + "\n");
    }
    return ExitCode::Ok;
}

int testEnvironment(const EnvironmentStore &store, const std::string &name)
{
    Result<Environment> environment = store.find(name);
    if (!environment) {
        printError(environment.error().toString());
        return ExitCode::BadInput;
    }
    Result<Credentials> credentials = SecretStore().load(*environment);
    if (!credentials) {
        printError(credentials.error().toString());
        return ExitCode::BadInput;
    }
    DeliveryTarget target{*environment, *credentials, nullptr};
    if (Status started = startInProcessSandboxIfNeeded(target); !started) {
        printError(started.error().toString());
        return ExitCode::Failed;
    }
    environment = target.environment;
    credentials = target.credentials;
    // The documented no-op: valid Track credentials answer with their workspace's region on either host.
    HttpRequest request;
    request.method = "GET";
    request.url = environment->target(*credentials).origin(Api::TrackV1) + "/api/v1/accounts/region";
    request.setHeader("Accept", "application/json");
    RequestAuth::applyCredentials(request, Api::TrackV1, *credentials);
    Transport transport;
    transport.setTimeoutMs(15000);
    const HttpResponse response = transport.sendAndWait(request, Api::TrackV1);
    if (response.status == 0) {
        printError(name + ": no answer from " + request.url + ": " + response.networkError);
        return ExitCode::Failed;
    }
    if (response.status == 401 || response.status == 403) {
        printError(name + ": the Track credentials were refused (" + std::to_string(response.status) + ")");
        return ExitCode::Failed;
    }
    if (response.status != 200) {
        printError(name + ": " + request.url + " answered " + std::to_string(response.status));
        return ExitCode::Failed;
    }
    Result<Json> body = parseJson(response.body, "region answer");
    const std::string region = body && body->is_object() ? body->value("region", "") : "";
    printOut(name + ": credentials accepted, region " + (region.empty() ? "unknown" : region) + "\n");
    if (!region.empty() && region != toString(environment->region)) {
        printError(name + ": the workspace is in region '" + region + "' but the environment says '" +
                   std::string(toString(environment->region)) + "' (env add " + name + " --region " + region +
                   ")");
        return ExitCode::Failed;
    }
    return ExitCode::Ok;
}

} // namespace

int runEnvCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, add, remove or test"));
    parser.addOption({QStringLiteral("region"), QStringLiteral("add: us (default) or eu."),
                      QStringLiteral("REGION"), QStringLiteral("us")});
    parser.addOption({QStringLiteral("apis"), QStringLiteral("add: APIs used (default track-v1,track-v2)."),
                      QStringLiteral("LIST"), QStringLiteral("track-v1,track-v2")});
    parser.addOption({QStringLiteral("production"), QStringLiteral("add: sends need --allow-production.")});
    parser.addOption({QStringLiteral("origin"),
                      QStringLiteral("add: send every API to this origin instead of Customer.io's hosts."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("credentials-from-env"),
                      QStringLiteral("add: copy PREFLIGHT_<NAME>_* variables into the keychain.")});
    if (const auto exit = parseCommandLine(
            parser, arguments, "env",
            QStringLiteral(
                "Manage environments (where sends go).\n"
                "  list                 every environment; the built-in 'sandbox' is always there\n"
                "  add NAME [options]   create or replace a workspace environment\n"
                "  remove NAME          forget its settings and its keychain entry\n"
                "  test NAME            GET /api/v1/accounts/region with its Track credentials; shows the "
                "region\n"
                "Secrets are never taken from the command line: see docs/sending.md."),
            Positionals{0, 2}))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const std::string name = positional.value(1).toStdString();
    EnvironmentStore store;
    if (action == u"list")
        return listEnvironments(store);
    if (name.empty() || (action != u"add" && action != u"remove" && action != u"test")) {
        printError("env: expected list, add NAME, remove NAME or test NAME");
        return ExitCode::BadInput;
    }
    if (action == u"test")
        return testEnvironment(store, name);
    if (action == u"remove") {
        if (name == Environment::kSandboxName) {
            printError("the built-in sandbox cannot be removed");
            return ExitCode::BadInput;
        }
        if (Status status = store.remove(name); !status) {
            printError(status.error().toString());
            return ExitCode::BadInput;
        }
        (void)SecretStore().remove(name);
        printOut("removed " + name + "\n");
        return ExitCode::Ok;
    }

    Environment environment =
        name == Environment::kSandboxName ? Environment::builtInSandbox() : Environment{};
    environment.name = name;
    const std::optional<Region> region =
        regionFromString(parser.value(QStringLiteral("region")).toStdString());
    if (!region) {
        printError("--region: expected us or eu");
        return ExitCode::BadInput;
    }
    environment.region = *region;
    if (name != Environment::kSandboxName) {
        Result<std::vector<Api>> apis = apisFromString(parser.value(QStringLiteral("apis")).toStdString());
        if (!apis) {
            printError("--apis: " + apis.error().message);
            return ExitCode::BadInput;
        }
        environment.apis = *apis;
    }
    environment.production = parser.isSet(QStringLiteral("production"));
    environment.origin = parser.value(QStringLiteral("origin")).toStdString();
    if (Status status = store.save(environment); !status) {
        printError(status.error().toString());
        return ExitCode::BadInput;
    }
    if (parser.isSet(QStringLiteral("credentials-from-env"))) {
        Result<Credentials> credentials = SecretStore().load(environment);
        if (!credentials) {
            printError(credentials.error().toString());
            return ExitCode::BadInput;
        }
        if (Status saved = SecretStore().save(name, *credentials); !saved) {
            printError(saved.error().toString());
            return ExitCode::Failed;
        }
        printOut("stored the credentials of " + name + " in the keychain\n");
    }
    printOut("saved " + name + " in " + store.path().toStdString() + "\n");
    return ExitCode::Ok;
}
