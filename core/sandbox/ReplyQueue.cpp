#include "sandbox/ReplyQueue.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace preflight {

namespace {
constexpr int kSlowBodyPieces = 10;
}

ReplyQueue::ReplyQueue(QObject *parent) : QObject(parent) {}

void ReplyQueue::track(QTcpSocket *socket)
{
    if (m_slots.count(socket))
        return;
    m_slots.emplace(socket, std::deque<Slot>{});
    connect(socket, &QObject::destroyed, this, [this, socket] {
        auto found = m_slots.find(socket);
        if (found == m_slots.end())
            return;
        for (const Slot &slot : found->second)
            m_tokens.erase(slot.token);
        m_slots.erase(found);
    });
}

std::uint64_t ReplyQueue::reserve(QTcpSocket *socket)
{
    track(socket);
    std::uint64_t token = m_nextToken++;
    m_slots[socket].push_back({token, false, {}});
    m_tokens.emplace(token, socket);
    return token;
}

QTcpSocket *ReplyQueue::socketOf(std::uint64_t token) const
{
    auto found = m_tokens.find(token);
    return found == m_tokens.end() ? nullptr : found->second;
}

void ReplyQueue::fill(std::uint64_t token, SandboxReply reply)
{
    auto found = m_tokens.find(token);
    if (found == m_tokens.end())
        return; // the client went away
    QTcpSocket *socket = found->second;
    for (Slot &slot : m_slots[socket]) {
        if (slot.token == token) {
            slot.ready = true;
            slot.reply = std::move(reply);
            break;
        }
    }
    flush(socket);
}

void ReplyQueue::fillAfter(std::uint64_t token, SandboxReply reply, qint64 delayMillis)
{
    if (delayMillis <= 0) {
        fill(token, std::move(reply));
        return;
    }
    QTimer::singleShot(delayMillis, this,
                       [this, token, reply = std::move(reply)]() mutable { fill(token, std::move(reply)); });
}

void ReplyQueue::flush(QTcpSocket *socket)
{
    auto &queue = m_slots[socket];
    while (!queue.empty() && queue.front().ready) {
        Slot slot = std::move(queue.front());
        queue.pop_front();
        m_tokens.erase(slot.token);
        if (slot.reply.drop) {
            for (const Slot &rest : queue)
                m_tokens.erase(rest.token);
            queue.clear();
            socket->abort();
            return;
        }
        write(socket, slot.reply);
    }
}

void ReplyQueue::write(QTcpSocket *socket, const SandboxReply &reply)
{
    if (reply.slowBodyMillis <= 0 || reply.body.isEmpty()) {
        QByteArray bytes = reply.head();
        if (!reply.chunkedStream)
            bytes += reply.body;
        socket->write(bytes);
        if (reply.closeAfter || reply.slowBodyMillis > 0)
            socket->disconnectFromHost();
        return;
    }
    // A slow body: the head now, the body in pieces spread over the time asked for, then close.
    socket->write(reply.head());
    QPointer<QTcpSocket> guarded(socket);
    const qsizetype pieceSize =
        std::max<qsizetype>(1, (reply.body.size() + kSlowBodyPieces - 1) / kSlowBodyPieces);
    const qint64 step = std::max<qint64>(1, reply.slowBodyMillis / kSlowBodyPieces);
    int piece = 0;
    for (qsizetype offset = 0; offset < reply.body.size(); offset += pieceSize, ++piece) {
        QByteArray part = reply.body.mid(offset, pieceSize);
        bool last = offset + pieceSize >= reply.body.size();
        QTimer::singleShot(step * (piece + 1), this, [guarded, part, last] {
            if (!guarded)
                return;
            guarded->write(part);
            if (last)
                guarded->disconnectFromHost();
        });
    }
}

} // namespace preflight
