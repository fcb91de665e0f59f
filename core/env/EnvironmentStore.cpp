#include "env/EnvironmentStore.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace preflight {

QString EnvironmentStore::defaultPath()
{
    const QByteArray dir = qgetenv("PREFLIGHT_CONFIG_DIR");
    if (!dir.isEmpty())
        return QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("environments.ini"));
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("environments.ini"));
}

EnvironmentStore::EnvironmentStore(QString path) : m_path(std::move(path)) {}

std::vector<Environment> EnvironmentStore::list() const
{
    QSettings settings(m_path, QSettings::IniFormat);
    std::vector<Environment> out{Environment::builtInSandbox()};
    settings.beginGroup(QStringLiteral("environments"));
    QStringList names = settings.childGroups();
    names.sort();
    for (const QString &name : names) {
        settings.beginGroup(name);
        Environment environment;
        environment.name = name.toStdString();
        environment.kind =
            environmentKindFromString(settings.value(QStringLiteral("kind")).toString().toStdString())
                .value_or(EnvironmentKind::Workspace);
        environment.region =
            regionFromString(settings.value(QStringLiteral("region")).toString().toStdString())
                .value_or(Region::US);
        if (Result<std::vector<Api>> apis =
                apisFromString(settings.value(QStringLiteral("apis")).toString().toStdString()))
            environment.apis = *apis;
        environment.production = settings.value(QStringLiteral("production"), false).toBool();
        environment.origin = settings.value(QStringLiteral("origin")).toString().toStdString();
        settings.endGroup();
        if (environment.name == Environment::kSandboxName) {
            if (!environment.origin.empty())
                out.front().origin = environment.origin;
            continue;
        }
        out.push_back(std::move(environment));
    }
    return out;
}

Result<Environment> EnvironmentStore::find(const std::string &name) const
{
    for (Environment &environment : list()) {
        if (environment.name == name)
            return std::move(environment);
    }
    return Error{
        "environment_unknown", "no environment named '" + name + "' (see `preflight-cli env list`)", {}};
}

Status EnvironmentStore::save(const Environment &environment)
{
    if (Status valid = Environment::validateName(environment.name); !valid)
        return valid;
    if (environment.name == Environment::kSandboxName && environment.production)
        return Error{"environment_sandbox", "the built-in sandbox cannot be flagged production", {}};
    QSettings settings(m_path, QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("environments"));
    settings.beginGroup(QString::fromStdString(environment.name));
    settings.remove(QString());
    settings.setValue(QStringLiteral("kind"), QString::fromUtf8(toString(environment.kind).data()));
    settings.setValue(QStringLiteral("region"), QString::fromUtf8(toString(environment.region).data()));
    settings.setValue(QStringLiteral("apis"), QString::fromStdString(apisToString(environment.apis)));
    settings.setValue(QStringLiteral("production"), environment.production);
    settings.setValue(QStringLiteral("origin"), QString::fromStdString(environment.origin));
    settings.endGroup();
    settings.endGroup();
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error{"environment_write", "cannot write the environment settings", m_path.toStdString()};
    return Ok{};
}

Status EnvironmentStore::remove(const std::string &name)
{
    QSettings settings(m_path, QSettings::IniFormat);
    const QString key = QStringLiteral("environments/") + QString::fromStdString(name);
    if (!settings.childGroups().contains(QStringLiteral("environments")) ||
        !settings.contains(key + QStringLiteral("/kind")))
        return Error{"environment_unknown", "no stored environment named '" + name + "'", {}};
    settings.remove(key);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error{"environment_write", "cannot write the environment settings", m_path.toStdString()};
    return Ok{};
}

} // namespace preflight
