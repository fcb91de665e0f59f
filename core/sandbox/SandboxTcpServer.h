#pragma once

#include "sandbox/RequestSizeGuard.h"

#include <QTcpServer>

namespace preflight {

// Accepts connections with a RequestSizeGuard in front of the HTTP server's own reading.
class SandboxTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    SandboxTcpServer(std::size_t maxHeaderBytes, std::size_t maxBodyBytes,
                     RequestSizeGuard::Responder responder, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::size_t m_maxHeaderBytes;
    std::size_t m_maxBodyBytes;
    RequestSizeGuard::Responder m_responder;
};

} // namespace preflight
