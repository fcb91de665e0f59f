#pragma once

#include "common/Result.h"
#include "outbox/OutboxEntry.h"

#include <QString>

class QSqlQuery;

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace preflight {

// The durable queue in front of the transport: SQLite through Qt SQL, WAL journal, synchronous=FULL.
// Every state change is one committed transaction, so a kill -9 at any instant leaves each entry either
// before or after that change, never half-way. Credentials are stripped before anything is written.
// One Outbox object per thread (a Qt SQL connection belongs to the thread that opened it).
class Outbox
{
public:
    Outbox();
    ~Outbox();
    Outbox(const Outbox &) = delete;
    Outbox &operator=(const Outbox &) = delete;

    // The durable outbox `send`, `run` and the console share: $PREFLIGHT_DATA_DIR/outbox.sqlite, else the
    // application data folder.
    static QString defaultPath();

    Status open(const QString &path);
    bool isOpen() const;
    QString path() const { return m_path; }

    struct EnqueueReport {
        std::vector<std::int64_t> ids; // ids of the entries for the given ones, new or already there
        int added = 0;
        int alreadyQueued = 0; // same environment + dedupe id seen before (pending, done or dead)
    };
    // Writes all of them in one transaction. An entry whose (environment, dedupe id) is already in the
    // outbox is not added again: re-running the same input after a crash sends nothing twice.
    Result<EnqueueReport> enqueue(const std::vector<OutboxEntry> &entries, std::int64_t nowMs);
    // The next entry to enqueue, nullopt at the end, or why the input is bad.
    using EntrySource = std::function<Result<std::optional<OutboxEntry>>()>;
    // Enqueues entries as `next` makes them, in one transaction: all of them, or none when `next` fails
    // (its error is returned). Only one entry is held at a time, so memory stays flat for any count.
    Result<EnqueueReport> enqueue(const EntrySource &next, std::int64_t nowMs);

    // Pending entries of an environment whose next attempt is due, oldest first.
    Result<std::vector<OutboxEntry>> due(const std::string &environment, std::int64_t nowMs, int limit);
    // Earliest next attempt among pending entries of an environment; nullopt when none is pending.
    Result<std::optional<std::int64_t>> nextAttemptAt(const std::string &environment);
    Result<std::vector<OutboxEntry>> list(std::optional<OutboxState> state,
                                          const std::string &environment = {});
    Result<OutboxEntry> entry(std::int64_t id);
    // Where an entry stands, without reading its request: what a report per call needs.
    struct Outcome {
        OutboxState state = OutboxState::Pending;
        int lastStatus = 0;
        std::string lastResponse;
    };
    Result<Outcome> outcome(std::int64_t id);
    Result<int> count(OutboxState state, const std::string &environment = {});

    // Counts an attempt before it goes out, so attempts survive a crash during the send.
    Status markAttempt(const std::vector<std::int64_t> &ids, std::int64_t nowMs);
    Status markDone(const std::vector<std::int64_t> &ids, int status, const std::string &response,
                    std::int64_t nowMs);
    Status markRetry(std::int64_t id, std::int64_t nextAttemptMs, int status, const std::string &response,
                     std::int64_t nowMs);
    Status markDead(std::int64_t id, int status, const std::string &response, std::int64_t nowMs);
    // Puts a dead letter back in the queue, optionally with a fixed request (credentials stripped again).
    Status requeue(std::int64_t id, const std::optional<HttpRequest> &fixed, std::int64_t nowMs);
    // Deletes entries in a state (done, dead; pending only when asked explicitly). Returns how many.
    Result<int> purge(OutboxState state, const std::string &environment = {});

private:
    struct Statements;
    Status exec(const QString &sql);
    // The prepared statement for `sql`, prepared on first use: preparing costs more than running one.
    QSqlQuery &statement(const QString &sql);
    Status setState(const std::vector<std::int64_t> &ids, OutboxState state, int status,
                    const std::string &response, std::int64_t nextAttemptMs, std::int64_t nowMs,
                    bool countAttempt);

    QString m_connection;
    QString m_path;
    std::unique_ptr<Statements> m_statements;
};

} // namespace preflight
