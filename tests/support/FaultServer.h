#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <utility>

// A small HTTP/1.1 server on loopback that misbehaves on request: the I/O-boundary double for
// transport and outbox tests (429 storms, 5xx, dropped connections, slow or missing answers).
// It runs on its own thread so a test may block (e.g. waiting for a child process) while it serves.
struct ReceivedRequest {
    QByteArray method;
    QByteArray path;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

struct FaultReply {
    enum Kind { Respond, Drop, Hang };
    Kind kind = Respond;
    int status = 200;
    QByteArray body = "{}";
    QList<std::pair<QByteArray, QByteArray>> headers;
    int delayMs = 0;

    static FaultReply ok() { return {}; }
    static FaultReply withStatus(int code, QByteArray body = "{}")
    {
        return {Respond, code, std::move(body), {}, 0};
    }
    static FaultReply tooMany(QByteArray retryAfter)
    {
        return {Respond, 429, "{}", {{"Retry-After", std::move(retryAfter)}}, 0};
    }
    static FaultReply drop() { return {Drop, 0, {}, {}, 0}; }
    static FaultReply hang() { return {Hang, 0, {}, {}, 0}; }
    static FaultReply slow(int ms) { return {Respond, 200, "{}", {}, ms}; }
};

class FaultServer
{
public:
    // index: 0-based count of requests received so far, this one included
    using Script = std::function<FaultReply(const ReceivedRequest &, int index)>;

    FaultServer() : m_state(std::make_shared<State>())
    {
        m_thread.start();
        m_server = new QTcpServer;
        m_server->moveToThread(&m_thread);
        auto state = m_state;
        QTcpServer *server = m_server;
        QMetaObject::invokeMethod(
            m_server,
            [server, state] {
                QObject::connect(server, &QTcpServer::newConnection, server, [server, state] {
                    while (QTcpSocket *socket = server->nextPendingConnection())
                        serve(socket, state);
                });
                server->listen(QHostAddress::LocalHost, 0);
            },
            Qt::BlockingQueuedConnection);
        m_port = m_server->serverPort();
    }
    ~FaultServer()
    {
        QMetaObject::invokeMethod(
            m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }
    void setScript(Script script)
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->script = std::move(script);
    }
    QList<ReceivedRequest> received() const
    {
        QMutexLocker lock(&m_state->mutex);
        return m_state->received;
    }
    int count() const
    {
        QMutexLocker lock(&m_state->mutex);
        return m_state->received.size();
    }

private:
    struct State {
        mutable QMutex mutex;
        Script script;
        QList<ReceivedRequest> received;
    };

    static void serve(QTcpSocket *socket, std::shared_ptr<State> state)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer, state] {
            buffer->append(socket->readAll());
            while (true) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                ReceivedRequest request;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                request.method = first.value(0);
                request.path = first.value(1);
                qsizetype length = 0;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon <= 0)
                        continue;
                    const QByteArray name = lines[i].left(colon).trimmed();
                    const QByteArray value = lines[i].mid(colon + 1).trimmed();
                    request.headers.append({name, value});
                    if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                        length = value.toLongLong();
                }
                if (buffer->size() < end + 4 + length)
                    return;
                request.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                FaultReply reply;
                {
                    QMutexLocker lock(&state->mutex);
                    state->received.append(request);
                    if (state->script)
                        reply = state->script(request, static_cast<int>(state->received.size() - 1));
                }
                answer(socket, reply);
            }
        });
    }

    static void answer(QTcpSocket *socket, const FaultReply &reply)
    {
        if (reply.kind == FaultReply::Hang)
            return;
        if (reply.kind == FaultReply::Drop) {
            socket->abort();
            return;
        }
        QByteArray text =
            "HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\nContent-Type: application/json\r\n";
        for (const auto &[name, value] : reply.headers)
            text += name + ": " + value + "\r\n";
        text += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
        QPointer<QTcpSocket> guard(socket);
        auto send = [guard, text] {
            if (guard)
                guard->write(text);
        };
        if (reply.delayMs > 0)
            QTimer::singleShot(reply.delayMs, socket, send);
        else
            send();
    }

    std::shared_ptr<State> m_state;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
};
