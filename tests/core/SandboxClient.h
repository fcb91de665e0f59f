#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <nlohmann/json.hpp>

// Real HTTP to a sandbox over loopback, one request at a time, waiting in a local event loop (the
// server runs on the same thread, so it serves while the loop spins).
struct SandboxResponse {
    int status = 0; // 0: no HTTP answer (connection dropped, timeout)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMillis = 0;

    nlohmann::json json() const { return nlohmann::json::parse(body.toStdString(), nullptr, false); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
};

class SandboxClient
{
public:
    explicit SandboxClient(QString origin) : m_origin(std::move(origin)) {}

    static QByteArray basic(const QByteArray &user, const QByteArray &password)
    {
        return "Basic " + (user + ":" + password).toBase64();
    }

    SandboxResponse send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         QList<QPair<QByteArray, QByteArray>> headers = {}, int timeoutMs = 10'000)
    {
        QNetworkRequest request(QUrl(m_origin + path));
        bool hasType = false;
        for (const auto &[name, value] : headers) {
            request.setRawHeader(name, value);
            hasType = hasType || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
        }
        if (!hasType && !body.isEmpty())
            request.setRawHeader("Content-Type", "application/json");
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        SandboxResponse response;
        response.elapsedMillis = clock.elapsed();
        if (!reply->isFinished())
            reply->abort();
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.error = reply->error();
        response.body = reply->readAll();
        response.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return response;
    }

    // Track API credentials of a default sandbox.
    SandboxResponse track(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return send(method, path, body, {{"Authorization", basic("preflight-site", "preflight-api-key")}});
    }
    SandboxResponse pipelines(const QString &path, const QByteArray &body, bool strict = false)
    {
        QList<QPair<QByteArray, QByteArray>> headers = {{"Authorization", basic("preflight-write-key", "")}};
        if (strict)
            headers.append(qMakePair(QByteArray("X-Strict-Mode"), QByteArray("1")));
        return send("POST", path, body, headers);
    }
    SandboxResponse app(const QString &path)
    {
        return send("GET", path, {}, {{"Authorization", "Bearer preflight-app-key"}});
    }

private:
    QString m_origin;
    QNetworkAccessManager m_network;
};
