#include "sandbox/SandboxTcpServer.h"

#include <QTcpSocket>

namespace preflight {

SandboxTcpServer::SandboxTcpServer(std::size_t maxHeaderBytes, std::size_t maxBodyBytes,
                                   RequestSizeGuard::Responder responder, QObject *parent)
    : QTcpServer(parent)
    , m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
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
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new RequestSizeGuard(socket, m_maxHeaderBytes, m_maxBodyBytes, m_responder);
    addPendingConnection(socket);
}

} // namespace preflight
