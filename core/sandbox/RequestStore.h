#pragma once

#include "common/Result.h"
#include "sandbox/StoredRequest.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

class QThread;

namespace preflight {

// The sandbox's SQLite file. One writer thread owns its own connection (a QSqlDatabase is usable only
// from the thread that opened it) and commits whatever is queued in one transaction (group commit, at
// most kMaxBatch rows), then starts the next batch as soon as it is free — never on a timer, which
// would cap throughput at one batch per tick. `committed` fires on the owner's thread after the
// transaction is durable against a process crash (WAL, synchronous=NORMAL).
class RequestStore : public QObject
{
    Q_OBJECT

public:
    static constexpr std::size_t kMaxBatch = 256;

    explicit RequestStore(QString path, QObject *parent = nullptr);
    ~RequestStore() override; // commits what is queued, then stops the writer

    // Creates the schema if needed, reads every stored request (oldest first) and starts the writer.
    Result<std::vector<StoredRequest>> open();

    // Queues a row; `token` comes back through `committed` once the row is on disk.
    void enqueue(StoredRequest request, std::uint64_t token);
    // Queues the removal of every row (ordered with the inserts around it).
    void enqueueClear(std::uint64_t token);
    std::size_t pending() const;
    const QString &path() const { return m_path; }

signals:
    void committed(const std::vector<std::uint64_t> &tokens);
    void writeFailed(const QString &message, const std::vector<std::uint64_t> &tokens);

private:
    struct Item {
        StoredRequest request;
        std::uint64_t token = 0;
        bool clear = false;
    };
    void writerLoop();

    QString m_path;
    QString m_connectionName;
    QThread *m_writer = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_queue;
    bool m_stopping = false;
};

} // namespace preflight
