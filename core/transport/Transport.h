#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "api/HttpResponse.h"
#include "transport/RequestPacer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;

namespace preflight {

// One attempt of one request over Qt Network, paced per rate limit (Track v1 and v2 share one) and
// bounded by a timeout. Retrying is the caller's business (see RetryPolicy, OutboxSender):
// this class never resends.
class Transport : public QObject
{
    Q_OBJECT
public:
    // Track: 100 req/s (the documented figure; the newer OpenAPI says 1000, "not strictly enforced").
    // Pipelines: about 3000 requests per 3 s. App API: about 10 req/s.
    static double defaultRate(Api api);

    explicit Transport(QObject *parent = nullptr);

    // Track v1 and v2 count against one limit: setting either sets both.
    void setRateLimit(Api api, double requestsPerSecond);
    double rateLimit(Api api) const;
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }
    int inFlight() const { return m_inFlight; }

    // Sends once the API's bucket allows; `done` runs on this object's thread with the outcome.
    void send(const HttpRequest &request, Api api, std::function<void(const HttpResponse &)> done);
    // The same, waiting in a local event loop (CLI one-offs such as `env test`).
    HttpResponse sendAndWait(const HttpRequest &request, Api api);

private:
    // The requests of one rate limit, sent one at a time as its pacer allows.
    struct Lane {
        RequestPacer pacer;
        std::deque<std::pair<HttpRequest, std::function<void(const HttpResponse &)>>> waiting;
        QTimer wake;
    };

    static Api rateLimitGroup(Api api);
    Lane &lane(Api api);
    void dispatch(Lane &lane);
    void start(const HttpRequest &request, std::function<void(const HttpResponse &)> done);

    QNetworkAccessManager *m_network;
    std::map<Api, std::unique_ptr<Lane>> m_lanes;
    QElapsedTimer m_clock;
    int m_timeoutMs = 30'000;
    int m_inFlight = 0;
};

} // namespace preflight
