#pragma once

#include "common/Result.h"
#include "sandbox/StoredRequest.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <vector>

class QSqlDatabase;
class QThread;
struct sqlite3;
struct sqlite3_stmt;

namespace preflight {

// When the write-ahead log is copied into the database and started over, in log pages (WalCheckpointer).
struct WalLimits {
    int checkpointPages = 1000; // a background checkpoint each time the log grows by this much
    int restartPages = 8000;    // past this the writer ends the log (at twice this, whatever the background)
};

// The sandbox's SQLite file. One writer thread owns its own connection (a QSqlDatabase is usable only
// from the thread that opened it) and commits whatever is queued in one transaction (group commit, at
// most kMaxBatch rows), then starts the next batch as soon as it is free — never on a timer, which
// would cap throughput at one batch per tick. `committed` fires on the owner's thread after the
// transaction is durable against a process crash (WAL, synchronous=NORMAL).
// Rows queued while the owner's thread handles one pass of its event loop (every request that arrived
// together) are handed to the writer at once, at the end of that pass (the dispatcher's aboutToBlock or
// next awake): one wake-up and one transaction for the group instead of a wake-up per request and a
// writer racing ahead with one-row transactions.
// The writer inserts through SQLite's own API on the Qt connection's handle with a statement prepared
// once: QSqlQuery's per-value binding cost more than the insert itself.
class RequestStore : public QObject
{
    Q_OBJECT

public:
    static constexpr std::size_t kMaxBatch = 256;

    explicit RequestStore(QString path, WalLimits limits = {}, QObject *parent = nullptr);
    // Caps the file at this many pages (SQLite's max_page_count; 0: no cap) before open(): a quota, and
    // how tests fill the disk.
    void setMaxPageCount(int pages) { m_maxPageCount = pages; }
    ~RequestStore() override; // commits what is queued, then stops the writer

    // Creates the schema if needed, reads every stored request (oldest first) and starts the writer;
    // fails when either connection cannot use the file (another process holds it, say).
    Result<std::vector<StoredRequest>> open();

    // Queues a row; `token` comes back through `committed` once the row is on disk.
    void enqueue(StoredRequest request, std::uint64_t token);
    // Queues the removal of every row (ordered with the inserts around it).
    void enqueueClear(std::uint64_t token);
    std::size_t pending() const;
    const QString &path() const { return m_path; }

signals:
    void committed(const std::vector<std::uint64_t> &tokens);
    // After a failed write nothing queued before the owner heard of it is written either: each row was
    // decided on a workspace that held the lost ones. `storageLost` comes first, once per failure, with
    // what the file holds, so the owner can go back to that; every row queued from then on is written.
    void storageLost(const std::vector<preflight::StoredRequest> &committedRows);
    void writeFailed(const QString &message, const std::vector<std::uint64_t> &tokens);

private:
    struct Item {
        StoredRequest request;
        std::uint64_t token = 0;
        bool clear = false;
        std::uint64_t epoch = 0; // the owner's m_epoch when it was queued
    };
    void writerLoop(std::promise<QString> &ready); // sets `ready` once its connection is usable (or not)
    void commitUntilStopped(QSqlDatabase &db, sqlite3 *handle, sqlite3_stmt *insert);
    void stage(Item item);
    void handOver(); // moves the staged rows to the writer's queue and wakes it

    QString m_path;
    WalLimits m_limits;
    int m_maxPageCount = 0;
    std::uint64_t m_epoch = 1;       // owner's thread: rows queued from now on follow the last failure
    std::uint64_t m_failedEpoch = 0; // writer's thread: rows of this epoch or older are not written
    QString m_connectionName;
    QThread *m_writer = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_queue;
    bool m_stopping = false;
    std::vector<Item> m_staged;       // owner's thread only
    bool m_handOverAtPassEnd = false; // the owner's event loop hands over at the end of each pass
    bool m_handOverPosted = false;
    std::atomic<std::size_t> m_queued{0}; // rows in m_queue, readable without the lock
};

} // namespace preflight
