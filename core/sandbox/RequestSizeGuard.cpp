#include "sandbox/RequestSizeGuard.h"

#include "sandbox/RequestHead.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

#include <algorithm>

namespace preflight {

namespace {

constexpr std::size_t kMaxDrainBytes = 256u * 1024 * 1024;
constexpr int kDrainMillis = 5000;

} // namespace

RequestSizeGuard::RequestSizeGuard(QTcpSocket *socket, RequestGuardLimits limits, Responder responder)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_responder(std::move(responder))
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, &RequestSizeGuard::onDeadline);
    armDeadline();
    // Connected before the HTTP server connects its own handler, so this runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, &RequestSizeGuard::inspect);
}

void RequestSizeGuard::armDeadline()
{
    // Between requests a connection may idle; once a request has begun, its whole head must arrive within
    // the header timeout however slowly it trickles in; a body must keep making progress.
    Deadline wanted = Deadline::Body;
    if (m_state == State::Headers)
        wanted = m_head.empty() ? Deadline::Idle : Deadline::Head;
    if (wanted == m_deadlineKind && wanted == Deadline::Head && m_deadline->isActive())
        return; // started by the request's first byte; more bytes do not extend it
    m_deadlineKind = wanted;
    m_deadline->start(wanted == Deadline::Head ? m_limits.headerTimeoutMillis : m_limits.idleTimeoutMillis);
}

void RequestSizeGuard::onDeadline()
{
    if (m_state == State::Draining)
        return;
    if (m_deadlineKind != Deadline::Head) {
        m_socket->abort(); // idle between requests, or a body that stopped coming: close quietly
        return;
    }
    OversizeRequest request;
    request.status = 408;
    request.code = "request_timeout";
    request.reason = "the request headers did not arrive within " +
                     std::to_string(m_limits.headerTimeoutMillis / 1000) + " s";
    refuse(std::move(request));
}

void RequestSizeGuard::inspect()
{
    if (m_state == State::Draining)
        return;
    const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
    std::size_t pos = 0;
    const std::size_t size = static_cast<std::size_t>(data.size());
    while (pos < size && m_state != State::Draining) {
        if (m_state == State::Headers) {
            // Empty lines before a request line are skipped, as RFC 9112 §2.2 allows (and QtHttpServer does).
            while (m_head.empty() && pos < size &&
                   (data[qsizetype(pos)] == '\r' || data[qsizetype(pos)] == '\n'))
                ++pos;
            if (pos == size)
                break;
            std::size_t before = m_head.size();
            std::size_t take = std::min(size - pos, m_limits.maxHeaderBytes + 4 -
                                                        std::min(before, m_limits.maxHeaderBytes + 4));
            m_head.append(data.constData() + pos, take);
            std::size_t from = before >= 3 ? before - 3 : 0;
            // QtHttpServer also ends a head at a bare "\n\n"; such a head is read (and refused) here too, so
            // the two never disagree on where a request ends.
            const std::size_t crlf = m_head.find("\r\n\r\n", from);
            const std::size_t lf = m_head.find("\n\n", from);
            const std::size_t end = std::min(crlf, lf);
            const std::size_t blank = end == crlf ? 4 : 2;
            if (end == std::string::npos) {
                pos += take;
                if (m_head.size() > m_limits.maxHeaderBytes) {
                    OversizeRequest request;
                    // The request line, when it came whole, says which API's shape the answer takes.
                    if (m_head.find("\r\n") != std::string::npos) {
                        RequestLine line = readRequestLine(m_head);
                        request.method = std::move(line.method);
                        request.path = std::move(line.path);
                    }
                    request.status = 431;
                    request.code = "headers_too_large";
                    request.reason = "request headers are larger than " +
                                     std::to_string(m_limits.maxHeaderBytes) + " bytes";
                    refuse(std::move(request));
                }
                continue;
            }
            pos += end + blank - before;
            if (!readHead(end))
                return;
            m_deadline->stop(); // the next request's first byte starts its own header timer
            m_deadlineKind = Deadline::Idle;
            m_head.clear();
        } else if (m_state == State::Body) {
            std::size_t take = std::min(m_remaining, size - pos);
            m_remaining -= take;
            pos += take;
            if (m_remaining == 0)
                m_state = State::Headers;
        } else if (m_state == State::ChunkedBody) {
            std::size_t take = size - pos;
            m_chunkedSeen += take;
            m_chunkedTail.append(data.constData() + pos, take);
            if (m_chunkedTail.size() > 8)
                m_chunkedTail.erase(0, m_chunkedTail.size() - 8);
            pos = size;
            if (m_chunkedSeen > m_limits.maxBodyBytes + m_limits.maxBodyBytes / 8) {
                OversizeRequest request;
                request.method = m_chunkedHead.method;
                request.path = m_chunkedHead.path;
                request.strictMode = m_chunkedHead.strictMode;
                request.reason =
                    "request body is larger than " + std::to_string(m_limits.maxBodyBytes) + " bytes";
                refuse(std::move(request));
            } else if (m_chunkedTail.size() >= 5 &&
                       m_chunkedTail.compare(m_chunkedTail.size() - 5, 5, "0\r\n\r\n") == 0) {
                m_state = State::Headers;
                m_chunkedTail.clear();
            }
        }
    }
    if (m_state != State::Draining)
        armDeadline();
}

bool RequestSizeGuard::readHead(std::size_t headEnd)
{
    const RequestHeadReading reading =
        readRequestHead(std::string_view(m_head.data(), headEnd), m_limits.maxBodyBytes);
    if (reading.problem) {
        OversizeRequest request;
        request.status = reading.problem->status;
        request.code = reading.problem->code;
        request.reason = reading.problem->reason;
        request.method = reading.head.method;
        request.path = reading.head.path;
        request.strictMode = reading.head.strictMode;
        refuse(std::move(request));
        return false;
    }
    if (reading.head.chunked) {
        m_chunkedHead = reading.head;
        m_state = State::ChunkedBody;
        m_chunkedSeen = 0;
        m_chunkedTail.clear();
    } else if (reading.head.contentLength.value_or(0) > 0) {
        m_state = State::Body;
        m_remaining = *reading.head.contentLength;
    } else {
        m_state = State::Headers;
    }
    return true;
}

void RequestSizeGuard::refuse(OversizeRequest request)
{
    m_state = State::Draining;
    m_deadline->stop();
    m_head.clear();
    m_head.shrink_to_fit();
    const QByteArray reply = m_responder(request);
    // Nobody else reads this connection from now on; what is still coming is read and thrown away so
    // the client can finish sending and read the answer instead of meeting a reset.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    connect(m_socket, &QTcpSocket::readyRead, this, &RequestSizeGuard::drain);
    m_socket->write(reply);
    m_socket->flush();
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    QTimer::singleShot(kDrainMillis, m_socket, [socket = m_socket] { socket->abort(); });
    drain();
}

void RequestSizeGuard::drain()
{
    const QByteArray discarded = m_socket->read(m_socket->bytesAvailable());
    m_drained += static_cast<std::size_t>(discarded.size());
    if (m_drained > kMaxDrainBytes)
        m_socket->abort();
}

} // namespace preflight
