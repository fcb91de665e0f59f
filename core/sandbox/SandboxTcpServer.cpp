#include "sandbox/SandboxTcpServer.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>

namespace preflight {

SandboxTcpServer::SandboxTcpServer(RequestGuardLimits limits, int maxConnections,
                                   RequestSizeGuard::Responder responder, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_maxConnections(maxConnections)
    , m_responder(std::move(responder))
{
    // Below the process's descriptor limit, so accepting never fails for want of one (the database, the
    // log and Qt hold some too).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY)
        m_maxConnections = std::max(1, std::min(m_maxConnections, static_cast<int>(files.rlim_cur) - 64));
    // An accept that fails anyway (descriptors taken elsewhere) pauses QTcpServer; listen again shortly.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        qWarning("sandbox: accepting a connection failed (%s); trying again in 100 ms",
                 qUtf8Printable(errorString()));
        QTimer::singleShot(100, this, [this] { resumeAccepting(); });
    });
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
        // Answered, then the request is read and dropped until the client closes (at most 2 s), so it sees
        // the 503 rather than a reset.
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
                      "Connection: close\r\n\r\n");
        socket->flush();
        ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
        QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
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
