#include "sandbox/SandboxTcpServer.h"

#include <QTcpSocket>

namespace preflight {

SandboxTcpServer::SandboxTcpServer(RequestGuardLimits limits, int maxConnections,
                                   RequestSizeGuard::Responder responder, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_maxConnections(maxConnections)
    , m_responder(std::move(responder))
{
}

void SandboxTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_maxConnections) {
        if (!m_saidFull)
            qWarning("sandbox: %d connections are open, the limit; refusing new ones until some close",
                     m_open);
        m_saidFull = true;
        socket->write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
                      "Connection: close\r\n\r\n");
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] {
        --m_open;
        if (m_open < m_maxConnections)
            m_saidFull = false;
    });
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new RequestSizeGuard(socket, m_limits, m_responder);
    addPendingConnection(socket);
}

} // namespace preflight
