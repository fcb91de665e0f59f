#include "sandbox/RequestSizeGuard.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

#include <algorithm>
#include <charconv>

namespace preflight {

namespace {

constexpr std::size_t kMaxDrainBytes = 256u * 1024 * 1024;
constexpr int kDrainMillis = 5000;

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

} // namespace

RequestSizeGuard::RequestSizeGuard(QTcpSocket *socket, std::size_t maxHeaderBytes, std::size_t maxBodyBytes,
                                   Responder responder)
    : QObject(socket)
    , m_socket(socket)
    , m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
    , m_responder(std::move(responder))
{
    // Connected before the HTTP server connects its own handler, so this runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, &RequestSizeGuard::inspect);
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
            std::size_t before = m_head.size();
            std::size_t take =
                std::min(size - pos, m_maxHeaderBytes + 4 - std::min(before, m_maxHeaderBytes + 4));
            m_head.append(data.constData() + pos, take);
            std::size_t from = before >= 3 ? before - 3 : 0;
            std::size_t end = m_head.find("\r\n\r\n", from);
            if (end == std::string::npos) {
                pos += take;
                if (m_head.size() > m_maxHeaderBytes) {
                    OversizeRequest request;
                    request.status = 431;
                    request.reason =
                        "request headers are larger than " + std::to_string(m_maxHeaderBytes) + " bytes";
                    refuse(std::move(request));
                }
                continue;
            }
            pos += end + 4 - before;
            if (!readHead(end))
                return;
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
            if (m_chunkedSeen > m_maxBodyBytes + m_maxBodyBytes / 8) {
                OversizeRequest request;
                request.reason = "request body is larger than " + std::to_string(m_maxBodyBytes) + " bytes";
                refuse(std::move(request));
            } else if (m_chunkedTail.size() >= 5 &&
                       m_chunkedTail.compare(m_chunkedTail.size() - 5, 5, "0\r\n\r\n") == 0) {
                m_state = State::Headers;
                m_chunkedTail.clear();
            }
        }
    }
}

bool RequestSizeGuard::readHead(std::size_t headEnd)
{
    std::string_view head(m_head.data(), headEnd);
    std::size_t lineEnd = head.find("\r\n");
    std::string_view requestLine = head.substr(0, lineEnd);
    OversizeRequest request;
    std::size_t space = requestLine.find(' ');
    request.method = std::string(requestLine.substr(0, space));
    if (space != std::string_view::npos) {
        std::string_view rest = requestLine.substr(space + 1);
        request.path = std::string(rest.substr(0, rest.find(' ')));
    }
    std::size_t contentLength = 0;
    bool chunked = false;
    bool lengthTooLarge = false;
    std::size_t lineStart = lineEnd == std::string_view::npos ? head.size() : lineEnd + 2;
    while (lineStart < head.size()) {
        std::size_t next = head.find("\r\n", lineStart);
        std::string_view line = head.substr(lineStart, next == std::string_view::npos ? std::string_view::npos
                                                                                      : next - lineStart);
        lineStart = next == std::string_view::npos ? head.size() : next + 2;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string name = lowered(trimmed(line.substr(0, colon)));
        std::string_view value = trimmed(line.substr(colon + 1));
        if (name == "content-length") {
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), contentLength);
            if (ec == std::errc::result_out_of_range)
                lengthTooLarge = true;
            (void)ptr;
        } else if (name == "transfer-encoding") {
            chunked = lowered(value).find("chunked") != std::string::npos;
        } else if (name == "x-strict-mode") {
            request.strictMode = value == "1" || lowered(value) == "true";
        }
    }
    if (lengthTooLarge || contentLength > m_maxBodyBytes) {
        request.reason = "request body is larger than " + std::to_string(m_maxBodyBytes) + " bytes";
        refuse(std::move(request));
        return false;
    }
    if (chunked) {
        m_state = State::ChunkedBody;
        m_chunkedSeen = 0;
        m_chunkedTail.clear();
    } else if (contentLength > 0) {
        m_state = State::Body;
        m_remaining = contentLength;
    } else {
        m_state = State::Headers;
    }
    return true;
}

void RequestSizeGuard::refuse(OversizeRequest request)
{
    m_state = State::Draining;
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
