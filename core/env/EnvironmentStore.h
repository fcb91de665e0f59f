#pragma once

#include "env/Environment.h"

#include <QString>

#include <vector>

namespace preflight {

// The non-secret settings of every environment, in QSettings (INI). The built-in sandbox is always
// listed and is the default; storing an entry named "sandbox" overrides its origin.
class EnvironmentStore
{
public:
    // The settings file: $PREFLIGHT_CONFIG_DIR/environments.ini, else the user's config directory.
    static QString defaultPath();
    explicit EnvironmentStore(QString path = defaultPath());

    std::vector<Environment> list() const;
    Result<Environment> find(const std::string &name) const;
    Status save(const Environment &environment);
    Status remove(const std::string &name);
    QString path() const { return m_path; }

private:
    QString m_path;
};

} // namespace preflight
