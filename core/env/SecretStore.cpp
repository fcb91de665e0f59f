#include "env/SecretStore.h"

#include "common/Json.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>

#include <cctype>

namespace preflight {

namespace {

const QString kService = QStringLiteral("preflight");

std::string noKeychainMessage(const std::string &environment, const QString &detail)
{
    return "no keychain service is available (" + detail.toStdString() + "); on a headless machine set " +
           SecretStore::variableName(environment, SecretStore::Field::SiteId) + ", " +
           SecretStore::variableName(environment, SecretStore::Field::TrackApiKey) + ", " +
           SecretStore::variableName(environment, SecretStore::Field::PipelinesWriteKey) + " and/or " +
           SecretStore::variableName(environment, SecretStore::Field::AppApiKey) +
           " instead (see docs/sending.md)";
}

// QtKeychain jobs are asynchronous; the CLI and the store's callers want an answer now.
void runJob(QKeychain::Job &job)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    loop.exec();
}

} // namespace

std::string SecretStore::variableName(const std::string &environment, Field field)
{
    std::string name = "PREFLIGHT_";
    for (char c : environment)
        name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    switch (field) {
    case Field::SiteId: return name + "_SITE_ID";
    case Field::TrackApiKey: return name + "_TRACK_API_KEY";
    case Field::PipelinesWriteKey: return name + "_PIPELINES_WRITE_KEY";
    case Field::AppApiKey: return name + "_APP_API_KEY";
    }
    return name;
}

// The built-in environment talks to a sandbox with its well-known test credentials: one home for them.
Credentials SecretStore::sandboxCredentials()
{
    return sandboxTestCredentials();
}

bool SecretStore::keychainEnabled()
{
    return qgetenv("PREFLIGHT_KEYCHAIN").toLower() != "off";
}

Credentials SecretStore::fromVariables(const std::string &environment, bool &anySet)
{
    auto read = [&](Field field) {
        const QByteArray value = qgetenv(variableName(environment, field).c_str());
        anySet = anySet || !value.isEmpty();
        return value.toStdString();
    };
    anySet = false;
    Credentials credentials;
    credentials.siteId = read(Field::SiteId);
    credentials.apiKey = read(Field::TrackApiKey);
    credentials.writeKey = read(Field::PipelinesWriteKey);
    credentials.appApiKey = read(Field::AppApiKey);
    return credentials;
}

Result<Credentials> SecretStore::load(const Environment &environment) const
{
    bool anySet = false;
    Credentials fromEnv = fromVariables(environment.name, anySet);
    if (anySet)
        return fromEnv;
    if (environment.kind == EnvironmentKind::Sandbox)
        return sandboxCredentials();
    if (!keychainEnabled())
        return Error{"secrets_missing",
                     noKeychainMessage(environment.name, QStringLiteral("PREFLIGHT_KEYCHAIN=off")),
                     environment.name};
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(QString::fromStdString(environment.name));
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return Error{"secrets_missing",
                     "no credentials stored for '" + environment.name +
                         "': run `preflight-cli env add` with --credentials-from-env, or set the variables " +
                         variableName(environment.name, Field::SiteId) + " etc. (see docs/sending.md)",
                     environment.name};
    if (job.error() == QKeychain::NoBackendAvailable || job.error() == QKeychain::NotImplemented ||
        job.error() == QKeychain::OtherError)
        return Error{"keychain_unavailable", noKeychainMessage(environment.name, job.errorString()),
                     environment.name};
    if (job.error() != QKeychain::NoError)
        return Error{"keychain_error", "the keychain refused: " + job.errorString().toStdString(),
                     environment.name};
    Result<Json> json = parseJson(job.textData().toStdString(), "keychain entry");
    if (!json || !json->is_object())
        return Error{"keychain_entry", "the keychain entry for '" + environment.name + "' is not readable",
                     environment.name};
    Credentials credentials;
    credentials.siteId = json->value("site_id", "");
    credentials.apiKey = json->value("track_api_key", "");
    credentials.writeKey = json->value("pipelines_write_key", "");
    credentials.appApiKey = json->value("app_api_key", "");
    return credentials;
}

Status SecretStore::save(const std::string &environment, const Credentials &credentials) const
{
    if (!keychainEnabled())
        return Error{"keychain_unavailable",
                     noKeychainMessage(environment, QStringLiteral("PREFLIGHT_KEYCHAIN=off")), environment};
    const Json entry{{"site_id", credentials.siteId},
                     {"track_api_key", credentials.apiKey},
                     {"pipelines_write_key", credentials.writeKey},
                     {"app_api_key", credentials.appApiKey}};
    QKeychain::WritePasswordJob job(kService);
    job.setKey(QString::fromStdString(environment));
    job.setTextData(QString::fromStdString(entry.dump()));
    runJob(job);
    if (job.error() == QKeychain::NoError)
        return Ok{};
    return Error{"keychain_unavailable", noKeychainMessage(environment, job.errorString()), environment};
}

Status SecretStore::remove(const std::string &environment) const
{
    if (!keychainEnabled())
        return Ok{};
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(QString::fromStdString(environment));
    runJob(job);
    if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
        return Ok{};
    return Error{"keychain_error", "could not delete the keychain entry: " + job.errorString().toStdString(),
                 environment};
}

std::vector<std::string> SecretStore::missingFor(const Environment &environment,
                                                 const Credentials &credentials)
{
    std::vector<std::string> missing;
    if (environment.uses(Api::TrackV1) || environment.uses(Api::TrackV2)) {
        if (credentials.siteId.empty())
            missing.push_back(variableName(environment.name, Field::SiteId));
        if (credentials.apiKey.empty())
            missing.push_back(variableName(environment.name, Field::TrackApiKey));
    }
    if (environment.uses(Api::Pipelines) && credentials.writeKey.empty())
        missing.push_back(variableName(environment.name, Field::PipelinesWriteKey));
    if (environment.uses(Api::App) && credentials.appApiKey.empty())
        missing.push_back(variableName(environment.name, Field::AppApiKey));
    return missing;
}

} // namespace preflight
