#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>
#include <utility>
#include <vector>

namespace preflight::test {

// Sets environment variables for a test and puts back what was there before (set or unset) when
// restore() runs or the override goes away, so one test's settings never leak into the next.
class EnvironmentOverride
{
public:
    EnvironmentOverride() = default;
    EnvironmentOverride(const EnvironmentOverride &) = delete;
    EnvironmentOverride &operator=(const EnvironmentOverride &) = delete;
    ~EnvironmentOverride() { restore(); }

    void set(const QByteArray &name, const QByteArray &value)
    {
        remember(name);
        qputenv(name.constData(), value);
    }
    void unset(const QByteArray &name)
    {
        remember(name);
        qunsetenv(name.constData());
    }
    void restore()
    {
        for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
            if (it->second)
                qputenv(it->first.constData(), *it->second);
            else
                qunsetenv(it->first.constData());
        }
        m_saved.clear();
    }

private:
    void remember(const QByteArray &name)
    {
        for (const auto &saved : m_saved)
            if (saved.first == name)
                return; // the first value is the one to put back
        m_saved.emplace_back(name, qEnvironmentVariableIsSet(name.constData())
                                       ? std::optional<QByteArray>(qgetenv(name.constData()))
                                       : std::nullopt);
    }

    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
};

} // namespace preflight::test
