#pragma once

#include "sandbox/RequestSizeGuard.h"

#include <QTcpServer>

namespace preflight {

// Accepts connections with a RequestSizeGuard in front of the HTTP server's own reading, at most
// `maxConnections` at once: beyond that a new connection is answered 503 and closed, so idle or slow
// clients cannot exhaust the process's descriptors.
class SandboxTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    SandboxTcpServer(RequestGuardLimits limits, int maxConnections, RequestSizeGuard::Responder responder,
                     QObject *parent = nullptr);

    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    RequestGuardLimits m_limits;
    int m_maxConnections;
    RequestSizeGuard::Responder m_responder;
    int m_open = 0;
    bool m_saidFull = false; // the log line comes once per time the limit is reached
};

} // namespace preflight
