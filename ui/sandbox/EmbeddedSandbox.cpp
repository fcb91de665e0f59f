#include "EmbeddedSandbox.h"

#include "env/Environment.h"
#include "plan/Plan.h"
#include "sandbox/PortHolder.h"
#include "sandbox/SandboxServer.h"

#include <vector>

namespace preflight::ui {

EmbeddedSandbox::EmbeddedSandbox(QObject *parent)
    : QObject(parent), m_preferredPort(Environment::kDefaultSandboxPort)
{
}

EmbeddedSandbox::~EmbeddedSandbox() = default;

Status EmbeddedSandbox::start()
{
    stop();
    // The well-known port when it is free, so `preflight-cli send` and `run` reach this sandbox and their
    // calls show up here; any free port otherwise (another console or `sandbox serve` holds it). Tests
    // and CI (PREFLIGHT_SANDBOX_ORIGIN=in-process) never take it.
    std::vector<quint16> ports{0};
    if (qgetenv("PREFLIGHT_SANDBOX_ORIGIN") != Environment::kInProcessOrigin)
        ports.insert(ports.begin(), m_preferredPort);
    Status status = Ok{};
    m_portNote.clear();
    for (quint16 port : ports) {
        SandboxConfig config; // in memory only
        config.port = port;
        auto server = std::make_unique<SandboxServer>(config);
        status = server->start();
        if (!status) {
            if (port != 0) {
                // Calls sent to the well-known port now reach whoever holds it, not this console: say so.
                const std::string holder = describePortHolder(port);
                m_portNote =
                    tr("port %1 is taken%2, so this sandbox listens on another port: "
                       "preflight-cli send and run reach the other one unless "
                       "PREFLIGHT_SANDBOX_ORIGIN names this one")
                        .arg(port)
                        .arg(holder.empty() ? QString() : tr(" by %1").arg(QString::fromStdString(holder)));
            }
            continue;
        }
        if (m_plan)
            server->processor().setPlan(*m_plan);
        m_server = std::move(server);
        m_lastError.clear();
        emit started(origin());
        return Ok{};
    }
    m_lastError = QString::fromStdString(status.error().toString());
    emit failed(m_lastError);
    return status;
}

void EmbeddedSandbox::stop()
{
    if (!m_server)
        return;
    m_server.reset();
    emit stopped();
}

QString EmbeddedSandbox::origin() const
{
    return m_server ? m_server->origin() : QString();
}

Credentials EmbeddedSandbox::credentials() const
{
    return m_server ? m_server->config().credentials : sandboxTestCredentials();
}

void EmbeddedSandbox::setPlan(const Plan &plan)
{
    m_plan = std::make_unique<Plan>(plan);
    if (m_server)
        m_server->processor().setPlan(*m_plan);
}

} // namespace preflight::ui
