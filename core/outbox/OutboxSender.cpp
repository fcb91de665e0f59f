#include "outbox/OutboxSender.h"

#include "common/Json.h"
#include "transport/RequestAuth.h"

#include <QDateTime>

#include <map>

namespace preflight {

OutboxSender::OutboxSender(Outbox &outbox, Transport &transport, std::string environment,
                           Credentials credentials, QObject *parent)
    : QObject(parent)
    , now([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_outbox(outbox)
    , m_transport(transport)
    , m_environment(std::move(environment))
    , m_credentials(std::move(credentials))
    , m_random(std::random_device{}())
{
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &OutboxSender::pump);
}

void OutboxSender::start()
{
    m_running = true;
    QTimer::singleShot(0, this, &OutboxSender::pump);
}

bool OutboxSender::check(const Status &status)
{
    if (status)
        return true;
    m_running = false;
    m_wake.stop();
    emit failed(QString::fromStdString(status.error().toString()));
    return false;
}

void OutboxSender::pump()
{
    if (!m_running || m_inFlightRequests >= maxInFlight)
        return;
    if (!refillIfEmpty())
        return;
    for (auto &[api, queue] : m_queued) {
        while (!queue.empty() && m_inFlightRequests < maxInFlight && m_running)
            sendNext(api, queue);
    }
    scheduleWake();
}

bool OutboxSender::refillIfEmpty()
{
    for (const auto &[api, queue] : m_queued) {
        if (!queue.empty())
            return true;
    }
    // One read of the due entries serves many requests: reading them again on every answer would make
    // each call cost as much as the queue is long.
    Result<std::vector<OutboxEntry>> due =
        m_outbox.due(m_environment, now(), static_cast<int>(m_inFlightIds.size()) + kRefillEntries);
    if (!due)
        return check(due.error());
    for (OutboxEntry &entry : *due) {
        if (!m_inFlightIds.contains(entry.id))
            m_queued[entry.api].push_back(std::move(entry));
    }
    return true;
}

void OutboxSender::sendNext(Api api, std::deque<OutboxEntry> &queue)
{
    const bool batchable = batching && (api == Api::TrackV2 || api == Api::Pipelines);
    if (!batchable || m_sendAlone.contains(queue.front().id)) {
        OutboxEntry entry = std::move(queue.front());
        queue.pop_front();
        BatchedRequest alone{entry.request, {0}, false};
        send(api, std::move(alone), {std::move(entry)});
        return;
    }
    // About one batch's worth from the front (what RequestBatcher cannot fit goes back, in order).
    std::vector<OutboxEntry> taken;
    std::size_t bytes = 0;
    while (!queue.empty() && !m_sendAlone.contains(queue.front().id) &&
           (taken.empty() || bytes + queue.front().request.body.size() < RequestBatcher::kMaxBatchBytes)) {
        bytes += queue.front().request.body.size() + 1;
        taken.push_back(std::move(queue.front()));
        queue.pop_front();
    }
    std::vector<HttpRequest> singles;
    singles.reserve(taken.size());
    for (const OutboxEntry &entry : taken)
        singles.push_back(entry.request);
    std::vector<BatchedRequest> plan = RequestBatcher().batch(api, singles);
    BatchedRequest first = std::move(plan.front());
    std::vector<bool> sent(taken.size(), false);
    std::vector<OutboxEntry> members;
    for (std::size_t index : first.members) {
        sent[index] = true;
        members.push_back(std::move(taken[index]));
    }
    for (std::size_t i = taken.size(); i-- > 0;) {
        if (!sent[i])
            queue.push_front(std::move(taken[i]));
    }
    send(api, std::move(first), std::move(members));
}

void OutboxSender::send(Api api, BatchedRequest request, std::vector<OutboxEntry> members)
{
    std::vector<std::int64_t> ids;
    ids.reserve(members.size());
    for (const OutboxEntry &member : members)
        ids.push_back(member.id);
    if (!check(m_outbox.markAttempt(ids, now())))
        return;
    for (OutboxEntry &member : members)
        ++member.attempts;
    m_inFlightIds.insert(ids.begin(), ids.end());
    ++m_inFlightRequests;
    ++m_totals.sent;
    HttpRequest wire = request.request;
    RequestAuth::applyCredentials(wire, api, m_credentials);
    m_transport.send(
        wire, api,
        [this, request = std::move(request), members = std::move(members)](const HttpResponse &response) {
            --m_inFlightRequests;
            for (const OutboxEntry &member : members)
                m_inFlightIds.erase(member.id);
            if (m_running)
                handle(request, members, response);
            reportProgress();
            pump();
        });
}

void OutboxSender::scheduleWake()
{
    if (!m_running)
        return;
    if (m_inFlightRequests > 0)
        return; // every answer pumps again
    Result<std::optional<std::int64_t>> next = m_outbox.nextAttemptAt(m_environment);
    if (!next)
        return (void)check(next.error());
    if (!next->has_value()) {
        m_running = false;
        reportProgress(true);
        emit finished();
        return;
    }
    const std::int64_t wait = std::max<std::int64_t>(0, **next - now());
    m_wake.start(static_cast<int>(std::min<std::int64_t>(wait, 60'000)));
}

void OutboxSender::handle(const BatchedRequest &sent, const std::vector<OutboxEntry> &entries,
                          const HttpResponse &response)
{
    const std::string answer = response.networkError.empty() ? response.body : response.networkError;
    const RetryDecision decision = RetryPolicy::classify(response);
    if (decision == RetryDecision::Done) {
        std::vector<std::int64_t> doneIds;
        std::set<std::size_t> failedIndexes;
        // Track v2 answers 207 with the failed items of a batch by index; the rest were accepted.
        if (sent.isBatch && response.status == 207) {
            Result<Json> body = parseJson(response.body, "batch response");
            if (body && body->contains("errors") && (*body)["errors"].is_array()) {
                for (const Json &error : (*body)["errors"]) {
                    if (error.contains("batch_index") && error["batch_index"].is_number_unsigned()) {
                        const std::size_t index = error["batch_index"].get<std::size_t>();
                        if (index < entries.size() && failedIndexes.insert(index).second)
                            bury(entries[index], response.status, error.dump());
                    }
                }
            }
        }
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!failedIndexes.contains(i))
                doneIds.push_back(entries[i].id);
        }
        if (!check(m_outbox.markDone(doneIds, response.status, answer, now())))
            return;
        m_totals.done += static_cast<int>(doneIds.size());
        for (std::int64_t id : doneIds)
            emit entryAcknowledged(id, response.status);
        return;
    }
    if (decision == RetryDecision::DeadLetter && sent.isBatch) {
        // One bad item must not sink the others: resend each alone, at once, for its own verdict.
        for (const OutboxEntry &entry : entries) {
            m_sendAlone.insert(entry.id);
            if (!check(m_outbox.markRetry(entry.id, now(), response.status, answer, now())))
                return;
        }
        return;
    }
    for (const OutboxEntry &entry : entries) {
        if (decision == RetryDecision::DeadLetter)
            bury(entry, response.status, answer);
        else
            retryOrBury(entry, response);
    }
}

void OutboxSender::retryOrBury(const OutboxEntry &entry, const HttpResponse &response)
{
    const std::string answer = response.networkError.empty() ? response.body : response.networkError;
    if (entry.attempts >= policy.maxAttempts) {
        bury(entry, response.status,
             "gave up after " + std::to_string(entry.attempts) + " attempts; last answer: " + answer);
        return;
    }
    const std::int64_t at = now() + policy.delayMs(entry.attempts, response, now(), m_random);
    ++m_totals.retries;
    (void)check(m_outbox.markRetry(entry.id, at, response.status, answer, now()));
}

void OutboxSender::bury(const OutboxEntry &entry, int status, const std::string &why)
{
    if (!check(m_outbox.markDead(entry.id, status, why, now())))
        return;
    ++m_totals.dead;
    emit entryDeadLettered(entry.id, status);
}

void OutboxSender::reportProgress(bool force)
{
    // Counting the pending entries reads the whole queue: a few times a second, not once per answer.
    if (!force && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < kProgressIntervalMs)
        return;
    m_sinceProgress.start();
    Result<int> pending = m_outbox.count(OutboxState::Pending, m_environment);
    emit progress(m_totals.done, m_totals.dead, pending ? *pending : -1);
}

} // namespace preflight
