#include "EmbeddedSandbox.h"

#include "plan/Plan.h"
#include "sandbox/SandboxServer.h"

namespace preflight::ui {

EmbeddedSandbox::EmbeddedSandbox(QObject *parent) : QObject(parent) {}

EmbeddedSandbox::~EmbeddedSandbox() = default;

Status EmbeddedSandbox::start()
{
    stop();
    SandboxConfig config; // port 0: a free one; in memory only
    auto server = std::make_unique<SandboxServer>(config);
    if (Status status = server->start(); !status) {
        m_lastError = QString::fromStdString(status.error().toString());
        emit failed(m_lastError);
        return status;
    }
    if (m_plan)
        server->processor().setPlan(*m_plan);
    m_server = std::move(server);
    m_lastError.clear();
    emit started(origin());
    return Ok{};
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
    return m_server ? m_server->config().credentials : SandboxConfig::defaultCredentials();
}

void EmbeddedSandbox::setPlan(const Plan &plan)
{
    m_plan = std::make_unique<Plan>(plan);
    if (m_server)
        m_server->processor().setPlan(*m_plan);
}

} // namespace preflight::ui
