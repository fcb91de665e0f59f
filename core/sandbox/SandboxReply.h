#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace preflight {

// One HTTP answer as the sandbox writes it to the socket itself (so it can answer later, after a
// commit, on a socket it guards — see QT64.md).
struct SandboxReply {
    int status = 200;
    QByteArray body = QByteArrayLiteral("{}");
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    bool drop = false;          // close the connection without answering
    bool chunkedStream = false; // only the head; chunks follow (the live activity stream)
    bool closeAfter = false;    // Connection: close
    qint64 slowBodyMillis = 0;  // trickle the body out over this long, then close

    QByteArray head() const; // status line and headers, with the blank line
    static const char *reasonPhrase(int status);
};

} // namespace preflight
