#pragma once

#include "api/Api.h"
#include "common/Result.h"

#include <QObject>
#include <QString>

#include <memory>

namespace preflight {
class SandboxServer;
struct Plan;
} // namespace preflight

namespace preflight::ui {

// The console's own sandbox: an in-process SandboxServer on a free loopback port, started after the window
// shows (start() is cheap, but the first paint should never wait for it) and checking calls against the open
// project's plan, which is swapped in whenever the plan changes.
class EmbeddedSandbox : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedSandbox(QObject *parent = nullptr);
    ~EmbeddedSandbox() override;

    // Starts listening; a second call restarts with a fresh workspace (same plan).
    Status start();
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    QString origin() const;
    Credentials credentials() const;
    QString lastError() const { return m_lastError; }
    // Why the sandbox is not on the well-known port, in words ("port 8089 is taken by …"); empty when it is
    // there (or was never meant to be).
    QString portNote() const { return m_portNote; }
    // The port tried first (default: the well-known 8089); tests choose their own.
    void setPreferredPort(quint16 port) { m_preferredPort = port; }
    SandboxServer *server() const { return m_server.get(); }

    void setPlan(const Plan &plan);

signals:
    void started(const QString &origin);
    void failed(const QString &message);
    void stopped();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<Plan> m_plan;
    QString m_lastError;
    QString m_portNote;
    quint16 m_preferredPort;
};

} // namespace preflight::ui
