#pragma once

#include "api/Api.h"
#include "outbox/Outbox.h"
#include "transport/RequestBatcher.h"
#include "transport/RetryPolicy.h"
#include "transport/Transport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <random>
#include <set>

namespace preflight {

// Drains one environment's pending entries through the transport until none is left: batches what can
// be batched, puts credentials on at the last moment, retries with backoff, dead-letters permanent
// refusals. Each outcome is committed before the next step, so the outbox is the only state that matters
// after a crash: whatever was not committed as done is sent again on the next start, with the same
// dedupe id, which the API uses to ignore the repeat.
class OutboxSender : public QObject
{
    Q_OBJECT
public:
    OutboxSender(Outbox &outbox, Transport &transport, std::string environment, Credentials credentials,
                 QObject *parent = nullptr);

    RetryPolicy policy;
    bool batching = true;
    int maxInFlight = 4;
    // Clock in unix ms; tests may replace it.
    std::function<std::int64_t()> now;

    void start();
    bool isRunning() const { return m_running; }

    struct Totals {
        int sent = 0; // requests put on the wire (a batch counts once)
        int done = 0; // entries acknowledged
        int dead = 0;
        int retries = 0;
    };
    const Totals &totals() const { return m_totals; }

signals:
    void entryAcknowledged(qint64 id, int status);
    void entryDeadLettered(qint64 id, int status);
    void progress(int done, int dead, int pending);
    void finished(); // nothing pending remains for the environment
    void failed(const QString &message);

private:
    static constexpr int kRefillEntries = 1000;
    static constexpr int kProgressIntervalMs = 200;

    void pump();
    // Reads the due entries when none is queued; false when the outbox failed.
    bool refillIfEmpty();
    // Sends the front of an API's queue: one entry, or as many as one batch takes.
    void sendNext(Api api, std::deque<OutboxEntry> &queue);
    void send(Api api, BatchedRequest request, std::vector<OutboxEntry> members);
    void scheduleWake();
    void handle(const BatchedRequest &sent, const std::vector<OutboxEntry> &entries,
                const HttpResponse &response);
    void retryOrBury(const OutboxEntry &entry, const HttpResponse &response);
    void bury(const OutboxEntry &entry, int status, const std::string &why);
    bool check(const Status &status);
    void reportProgress(bool force = false);

    Outbox &m_outbox;
    Transport &m_transport;
    std::string m_environment;
    Credentials m_credentials;
    std::mt19937_64 m_random;
    std::map<Api, std::deque<OutboxEntry>> m_queued; // due, read and not yet sent, in id order per API
    std::set<std::int64_t> m_inFlightIds;
    std::set<std::int64_t> m_sendAlone; // members of a refused batch, resent one by one for their own verdict
    QTimer m_wake;
    QElapsedTimer m_sinceProgress;
    int m_inFlightRequests = 0;
    bool m_running = false;
    Totals m_totals;
};

} // namespace preflight
