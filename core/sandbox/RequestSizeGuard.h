#pragma once

#include <QByteArray>
#include <QObject>

#include "sandbox/RequestHead.h"

#include <functional>
#include <string>

class QTcpSocket;
class QTimer;

namespace preflight {

// A request the guard refused before its body was read.
struct OversizeRequest {
    int status = 413; // 413 body too large, 431 headers too large, 400 bad framing, 408 headers too slow
    std::string code = "too_large"; // headers_too_large, bad_request, request_timeout
    std::string method;
    std::string path;
    bool strictMode = false; // X-Strict-Mode: 1 (Pipelines)
    std::string reason;
};

struct RequestGuardLimits {
    std::size_t maxHeaderBytes = 64 * 1024;
    std::size_t maxBodyBytes = 1024 * 1024;
    int headerTimeoutMillis = 10'000; // from a request's first byte to the end of its headers
    // A connection with no request under way, or a body with no progress, is closed after this. Above the
    // longest answer the sandbox holds back (a 60 s long poll), so it never cuts one off.
    int idleTimeoutMillis = 120'000;
};

// Watches one connection's bytes before QtHttpServer buffers them (it reads whole bodies with no limit):
// follows the request framing (headers, Content-Length or chunked bodies, keep-alive) and, when a request
// is over the limits or framed ambiguously, answers it at once and stops reading that connection. Memory
// stays bounded because the oversized body is discarded as it arrives instead of being buffered. The
// framing is strict because a second parser (QtHttpServer's) reads the same bytes: a request line that is
// not HTTP, Content-Length with Transfer-Encoding, or a Content-Length that is negative, repeated or not a
// number is a 400, so the two can never disagree on where a request ends (request smuggling).
class RequestSizeGuard : public QObject
{
    Q_OBJECT

public:
    using Responder = std::function<QByteArray(const OversizeRequest &)>;

    RequestSizeGuard(QTcpSocket *socket, RequestGuardLimits limits, Responder responder);

private:
    enum class State { Headers, Body, ChunkedBody, Draining };
    enum class Deadline { Idle, Head, Body };

    void inspect();
    void drain();
    bool readHead(std::size_t headEnd);
    void refuse(OversizeRequest request);
    void onDeadline();
    void armDeadline();

    QTcpSocket *m_socket;
    RequestGuardLimits m_limits;
    Responder m_responder;
    QTimer *m_deadline;
    Deadline m_deadlineKind = Deadline::Idle;
    State m_state = State::Headers;
    std::string m_head;
    std::size_t m_remaining = 0;
    std::size_t m_chunkedSeen = 0;
    std::string m_chunkedTail;
    RequestHead m_chunkedHead; // the head of the chunked body being read
    std::size_t m_drained = 0;
};

} // namespace preflight
