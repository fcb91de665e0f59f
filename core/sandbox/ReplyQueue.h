#pragma once

#include "sandbox/SandboxReply.h"

#include <QObject>

#include <cstdint>
#include <deque>
#include <unordered_map>

class QTcpSocket;

namespace preflight {

// Answers in request order per connection, whenever each answer is ready (at once, after a commit, after
// injected latency). Sockets are only written while alive: a client that went away just loses its
// answers, it never makes the sandbox write to a freed socket.
class ReplyQueue : public QObject
{
    Q_OBJECT

public:
    explicit ReplyQueue(QObject *parent = nullptr);

    // A slot for the next answer on this connection.
    std::uint64_t reserve(QTcpSocket *socket);
    void fill(std::uint64_t token, SandboxReply reply);
    void fillAfter(std::uint64_t token, SandboxReply reply, qint64 delayMillis);
    // The socket an unanswered token belongs to, or nullptr when it is gone.
    QTcpSocket *socketOf(std::uint64_t token) const;
    std::size_t waiting() const { return m_tokens.size(); }

private:
    struct Slot {
        std::uint64_t token = 0;
        bool ready = false;
        SandboxReply reply;
    };
    void track(QTcpSocket *socket);
    void flush(QTcpSocket *socket);
    void write(QTcpSocket *socket, const SandboxReply &reply);

    std::uint64_t m_nextToken = 1;
    std::unordered_map<QTcpSocket *, std::deque<Slot>> m_slots;
    std::unordered_map<std::uint64_t, QTcpSocket *> m_tokens;
};

} // namespace preflight
