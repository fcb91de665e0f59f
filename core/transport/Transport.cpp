#include "transport/Transport.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace preflight {

namespace {

// What went wrong when no HTTP answer came, in the words an operator searches for.
std::string networkErrorText(const QNetworkReply &reply, int timeoutMs)
{
    switch (reply.error()) {
    case QNetworkReply::OperationCanceledError: return "timed out after " + std::to_string(timeoutMs) + " ms";
    case QNetworkReply::ConnectionRefusedError:
        return "connection refused by " + reply.url().authority().toStdString();
    case QNetworkReply::HostNotFoundError: return "host not found: " + reply.url().host().toStdString();
    default: return reply.errorString().toStdString();
    }
}

} // namespace

double Transport::defaultRate(Api api)
{
    switch (api) {
    case Api::TrackV1:
    case Api::TrackV2: return 100.0;
    case Api::Pipelines: return 1000.0;
    case Api::App: return 10.0;
    }
    return 100.0;
}

Transport::Transport(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    m_clock.start();
    for (Api api : {Api::TrackV1, Api::Pipelines, Api::App})
        m_buckets.emplace(api, TokenBucket(defaultRate(api)));
}

Api Transport::rateLimitGroup(Api api)
{
    // Customer.io limits the Track API per workspace, whichever version a request uses.
    return api == Api::TrackV2 ? Api::TrackV1 : api;
}

void Transport::setRateLimit(Api api, double requestsPerSecond)
{
    m_buckets.insert_or_assign(rateLimitGroup(api), TokenBucket(requestsPerSecond));
}

double Transport::rateLimit(Api api) const
{
    return m_buckets.at(rateLimitGroup(api)).rate();
}

void Transport::send(const HttpRequest &request, Api api, std::function<void(const HttpResponse &)> done)
{
    ++m_inFlight;
    const std::int64_t wait = m_buckets.at(rateLimitGroup(api)).take(m_clock.elapsed());
    if (wait <= 0) {
        start(request, std::move(done));
        return;
    }
    QTimer::singleShot(static_cast<int>(wait), this, [this, request, done = std::move(done)]() mutable {
        start(request, std::move(done));
    });
}

void Transport::start(const HttpRequest &request, std::function<void(const HttpResponse &)> done)
{
    QNetworkRequest networkRequest(QUrl(QString::fromStdString(request.url)));
    networkRequest.setTransferTimeout(m_timeoutMs);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    for (const HttpHeader &header : request.headers)
        networkRequest.setRawHeader(QByteArray::fromStdString(header.name),
                                    QByteArray::fromStdString(header.value));
    const QByteArray body = QByteArray::fromStdString(request.body);
    QNetworkReply *reply =
        m_network->sendCustomRequest(networkRequest, QByteArray::fromStdString(request.method), body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        --m_inFlight;
        HttpResponse response;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (status.isValid()) {
            response.status = status.toInt();
            for (const auto &[name, value] : reply->rawHeaderPairs())
                response.headers.emplace_back(name.toStdString(), value.toStdString());
            response.body = reply->readAll().toStdString();
        } else {
            response.networkError = networkErrorText(*reply, m_timeoutMs);
        }
        done(response);
    });
}

HttpResponse Transport::sendAndWait(const HttpRequest &request, Api api)
{
    QEventLoop loop;
    HttpResponse result;
    send(request, api, [&](const HttpResponse &response) {
        result = response;
        loop.quit();
    });
    loop.exec();
    return result;
}

} // namespace preflight
