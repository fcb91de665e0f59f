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
        setRateLimit(api, defaultRate(api));
}

Api Transport::rateLimitGroup(Api api)
{
    // Customer.io limits the Track API per workspace, whichever version a request uses.
    return api == Api::TrackV2 ? Api::TrackV1 : api;
}

Transport::Lane &Transport::lane(Api api)
{
    std::unique_ptr<Lane> &lane = m_lanes[rateLimitGroup(api)];
    if (!lane) {
        lane = std::make_unique<Lane>();
        lane->wake.setSingleShot(true);
        // A coarse timer may fire up to 5% early, which would send faster than the rate.
        lane->wake.setTimerType(Qt::PreciseTimer);
        connect(&lane->wake, &QTimer::timeout, this, [this, paced = lane.get()] { dispatch(*paced); });
    }
    return *lane;
}

void Transport::setRateLimit(Api api, double requestsPerSecond)
{
    lane(api).pacer = RequestPacer(requestsPerSecond);
}

double Transport::rateLimit(Api api) const
{
    return m_lanes.at(rateLimitGroup(api))->pacer.limit();
}

void Transport::send(const HttpRequest &request, Api api, std::function<void(const HttpResponse &)> done)
{
    ++m_inFlight;
    Lane &paced = lane(api);
    paced.waiting.emplace_back(request, std::move(done));
    dispatch(paced);
}

void Transport::dispatch(Lane &lane)
{
    // Decided when each request goes out, not when it was queued: a late timer delays the rest instead of
    // letting them out together.
    while (!lane.waiting.empty()) {
        const std::int64_t wait = lane.pacer.wait(m_clock.elapsed());
        if (wait > 0) {
            if (!lane.wake.isActive())
                lane.wake.start(static_cast<int>(wait));
            return;
        }
        lane.pacer.sent(m_clock.elapsed());
        auto [request, done] = std::move(lane.waiting.front());
        lane.waiting.pop_front();
        start(request, std::move(done));
    }
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
