#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>
#include <string>

class QTcpSocket;

namespace preflight {

// A request the guard refused before its body was read.
struct OversizeRequest {
    int status = 413; // 413 body too large, 431 headers too large
    std::string method;
    std::string path;
    bool strictMode = false; // X-Strict-Mode: 1 (Pipelines)
    std::string reason;
};

// Watches one connection's bytes before QtHttpServer buffers them (it reads whole bodies with no limit):
// follows the request framing (headers, Content-Length or chunked bodies, keep-alive) and, when a request
// is over the limits, answers it at once and stops reading that connection. Memory stays bounded because
// the oversized body is discarded as it arrives instead of being buffered.
class RequestSizeGuard : public QObject
{
    Q_OBJECT

public:
    using Responder = std::function<QByteArray(const OversizeRequest &)>;

    RequestSizeGuard(QTcpSocket *socket, std::size_t maxHeaderBytes, std::size_t maxBodyBytes,
                     Responder responder);

private:
    enum class State { Headers, Body, ChunkedBody, Draining };

    void inspect();
    void drain();
    bool readHead(std::size_t headEnd);
    void refuse(OversizeRequest request);

    QTcpSocket *m_socket;
    std::size_t m_maxHeaderBytes;
    std::size_t m_maxBodyBytes;
    Responder m_responder;
    State m_state = State::Headers;
    std::string m_head;
    std::size_t m_remaining = 0;
    std::size_t m_chunkedSeen = 0;
    std::string m_chunkedTail;
    std::size_t m_drained = 0;
};

} // namespace preflight
