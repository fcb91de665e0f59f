#include "sandbox/RequestStore.h"

#include "sandbox/WalCheckpointer.h"

#include <QAbstractEventDispatcher>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QUuid>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <future>
#include <memory>
#include <optional>

namespace preflight {

namespace {

const char *const kSchema[] = {
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "CREATE TABLE IF NOT EXISTS requests ("
    " sequence INTEGER PRIMARY KEY, arrived_at INTEGER NOT NULL, api TEXT NOT NULL, method TEXT NOT NULL,"
    " path TEXT NOT NULL, content_type TEXT NOT NULL, strict INTEGER NOT NULL, body BLOB NOT NULL,"
    " status INTEGER NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, person TEXT NOT NULL,"
    " event TEXT NOT NULL, replay INTEGER NOT NULL)",
};

constexpr const char *kInsert =
    "INSERT OR REPLACE INTO requests (sequence, arrived_at, api, method, path, content_type, strict, body,"
    " status, outcome, reason, person, event, replay) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

// Text columns hold what QString::fromStdString made of the bytes (invalid UTF-8 replaced), as when
// the values went through QSqlQuery; ASCII, the usual case, is bound as it is, without a copy (the row
// outlives the statement's step).
int bindText(sqlite3_stmt *statement, int column, const std::string &value)
{
    const bool ascii = std::all_of(value.begin(), value.end(),
                                   [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
    if (ascii)
        return sqlite3_bind_text(statement, column, value.data(), static_cast<int>(value.size()),
                                 SQLITE_STATIC);
    const std::string replaced = QString::fromStdString(value).toStdString();
    return sqlite3_bind_text(statement, column, replaced.data(), static_cast<int>(replaced.size()),
                             SQLITE_TRANSIENT);
}

// The process takes the file once, exclusively, through SQLite's "unix-excl" VFS; between its own
// connections (reader, writer, checkpointer) locks are then counted in memory and the WAL index lives on
// the heap. A commit makes no fcntl lock calls (six per commit otherwise, measured, each a syscall), and a
// second sandbox on the same file is refused instead of interleaving its rows with ours.
constexpr const char *kVfs = "unix-excl";

void openExclusively(QSqlDatabase &db, const QString &path)
{
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=1000"));
    db.setDatabaseName(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded) +
                       QStringLiteral("?vfs=") + QLatin1String(kVfs));
}

QString describeFailure(const QSqlError &error)
{
    if (error.nativeErrorCode() == QLatin1String("5")) // SQLITE_BUSY
        return QStringLiteral("the file is in use by another process (another sandbox on the same --db?)");
    return error.text();
}

// The sqlite3 connection under a QSQLITE QSqlDatabase (QSqlDriver::handle documents this).
sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// The writer calls sqlite3_* on the Qt driver's handle: sound only if the QSQLITE plugin runs the
// libsqlite3 Preflight links (a plugin with SQLite built in would hand over a foreign connection).
bool driverRunsOurSqlite(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT sqlite_source_id()")) && query.next() &&
           query.value(0).toString() == QString::fromUtf8(sqlite3_sourceid());
}

int onWalCommit(void *checkpointer, sqlite3 *writer, const char *, int frames)
{
    static_cast<WalCheckpointer *>(checkpointer)->logCommitted(writer, frames);
    return SQLITE_OK;
}

Status prepareSchema(QSqlDatabase &db, const QString &path)
{
    QSqlQuery query(db);
    for (const char *statement : kSchema)
        if (!query.exec(QString::fromLatin1(statement)))
            return Error{"sandbox_db", describeFailure(query.lastError()).toStdString(), path.toStdString()};
    return Ok{};
}

// Every stored request, oldest first; nullopt when the file cannot be read to the end.
std::optional<std::vector<StoredRequest>> readRows(QSqlDatabase &db)
{
    std::vector<StoredRequest> rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT sequence, arrived_at, api, method, path, content_type, strict, body,"
            " status, outcome, reason, person, event, replay FROM requests ORDER BY sequence")))
        return std::nullopt;
    while (query.next()) {
        StoredRequest row;
        row.sequence = query.value(0).toLongLong();
        row.arrivedAt = query.value(1).toLongLong();
        row.api = query.value(2).toString().toStdString();
        row.method = query.value(3).toString().toStdString();
        row.path = query.value(4).toString().toStdString();
        row.contentType = query.value(5).toString().toStdString();
        row.strict = query.value(6).toInt() != 0;
        row.body = query.value(7).toByteArray().toStdString();
        row.status = query.value(8).toInt();
        row.outcome = query.value(9).toString().toStdString();
        row.reason = query.value(10).toString().toStdString();
        row.person = query.value(11).toString().toStdString();
        row.eventName = query.value(12).toString().toStdString();
        row.replay = query.value(13).toInt() != 0;
        rows.push_back(std::move(row));
    }
    if (query.lastError().isValid())
        return std::nullopt;
    return rows;
}

} // namespace

RequestStore::RequestStore(QString path, WalLimits limits, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_limits(limits)
    , m_connectionName(QStringLiteral("sandbox-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

RequestStore::~RequestStore()
{
    if (m_writer) {
        handOver();
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_writer->wait();
        delete m_writer;
    }
}

Result<std::vector<StoredRequest>> RequestStore::open()
{
    std::vector<StoredRequest> stored;
    QString writerProblem;
    const QString readerName = m_connectionName + QStringLiteral("-reader");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), readerName);
        openExclusively(db, m_path);
        if (!db.open()) {
            Error error{"sandbox_db", describeFailure(db.lastError()).toStdString(), m_path.toStdString()};
            db = {};
            QSqlDatabase::removeDatabase(readerName);
            return error;
        }
        if (auto schema = prepareSchema(db, m_path); !schema) {
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(readerName);
            return schema.error();
        }
        std::optional<std::vector<StoredRequest>> rows = readRows(db);
        if (!rows) {
            Error error{"sandbox_db", "cannot read the stored requests", m_path.toStdString()};
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(readerName);
            return error;
        }
        stored = std::move(*rows);
        // The reader stays open until the writer's connection is: closing the process's only
        // connection would let go of the file, and another process could take it in between.
        std::promise<QString> ready;
        std::future<QString> writerReady = ready.get_future();
        m_writer = QThread::create([this, &ready] { writerLoop(ready); });
        m_writer->setObjectName(QStringLiteral("sandbox-db-writer"));
        m_writer->start();
        writerProblem = writerReady.get();
        db.close();
    }
    QSqlDatabase::removeDatabase(readerName);
    if (!writerProblem.isEmpty()) {
        m_writer->wait(); // it has returned
        delete m_writer;
        m_writer = nullptr;
        return Error{"sandbox_db", writerProblem.toStdString(), m_path.toStdString()};
    }

    // Rows are staged on this thread. A pass of its event loop ends when the loop is about to sleep, or
    // when the next pass starts without sleeping: handing over there costs nothing, where a queued call
    // wakes the loop (a syscall) on every pass.
    Q_ASSERT(thread() == QThread::currentThread());
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread())) {
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &RequestStore::handOver);
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &RequestStore::handOver);
        m_handOverAtPassEnd = true;
    }
    return stored;
}

void RequestStore::enqueue(StoredRequest request, std::uint64_t token)
{
    stage({std::move(request), token, false, m_epoch});
}

void RequestStore::enqueueClear(std::uint64_t token)
{
    stage({{}, token, true, m_epoch});
}

void RequestStore::stage(Item item)
{
    m_staged.push_back(std::move(item));
    if (m_staged.size() >= kMaxBatch)
        handOver();
    else if (!m_handOverAtPassEnd && !m_handOverPosted) {
        // No event loop to end a pass (or not yet watched): hand over through a queued call.
        m_handOverPosted = true;
        QMetaObject::invokeMethod(this, &RequestStore::handOver, Qt::QueuedConnection);
    }
}

void RequestStore::handOver()
{
    m_handOverPosted = false;
    if (m_staged.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        for (Item &item : m_staged)
            m_queue.push_back(std::move(item));
        m_queued.store(m_queue.size(), std::memory_order_relaxed);
    }
    m_staged.clear();
    m_wake.notify_one();
}

std::size_t RequestStore::pending() const
{
    return m_staged.size() + m_queued.load(std::memory_order_relaxed);
}

void RequestStore::writerLoop(std::promise<QString> &ready)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        openExclusively(db, m_path);
        sqlite3 *handle = nullptr;
        sqlite3_stmt *insert = nullptr;
        QString unusable;
        if (!db.open())
            unusable = describeFailure(db.lastError());
        else if (auto schema = prepareSchema(db, m_path); !schema)
            unusable = QString::fromStdString(schema.error().message);
        else if (m_maxPageCount > 0 &&
                 !QSqlQuery(db).exec(QStringLiteral("PRAGMA max_page_count = %1").arg(m_maxPageCount)))
            unusable = QStringLiteral("cannot cap the file's size");
        else if (!(handle = sqliteHandle(db)))
            unusable = QStringLiteral("the QSQLITE driver gave no sqlite3 handle");
        else if (!driverRunsOurSqlite(db))
            unusable =
                QStringLiteral("Qt's QSQLITE driver runs another SQLite library than Preflight links (") +
                QString::fromUtf8(sqlite3_sourceid()) + u')';
        else if (sqlite3_prepare_v3(handle, kInsert, -1, SQLITE_PREPARE_PERSISTENT, &insert, nullptr) !=
                 SQLITE_OK)
            unusable = QString::fromUtf8(sqlite3_errmsg(handle));
        ready.set_value(unusable); // `ready` belongs to open(), which returns once it has a value
        if (unusable.isEmpty())
            commitUntilStopped(db, handle, insert);
        sqlite3_finalize(insert);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

void RequestStore::commitUntilStopped(QSqlDatabase &db, sqlite3 *handle, sqlite3_stmt *insert)
{
    auto checkpointer = std::make_unique<WalCheckpointer>(m_path.toStdString(), kVfs,
                                                          m_limits.checkpointPages, m_limits.restartPages);
    if (checkpointer->isRunning()) // the hook replaces SQLite's automatic checkpoint
        sqlite3_wal_hook(handle, onWalCommit, checkpointer.get());
    QSqlQuery clear(db);
    std::vector<Item> batch;
    batch.reserve(kMaxBatch);
    for (;;) {
        batch.clear();
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping)
                break;
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            m_queued.store(m_queue.size(), std::memory_order_relaxed);
        }
        // Rows decided before the owner heard of the last failure are refused unwritten.
        std::vector<std::uint64_t> refused;
        std::erase_if(batch, [this, &refused](const Item &item) {
            if (item.epoch > m_failedEpoch)
                return false;
            refused.push_back(item.token);
            return true;
        });
        if (!refused.empty())
            QMetaObject::invokeMethod(
                this,
                [this, refused = std::move(refused)] {
                    emit writeFailed(QStringLiteral("an earlier write failed"), refused);
                },
                Qt::QueuedConnection);
        if (batch.empty())
            continue;
        std::vector<std::uint64_t> tokens;
        tokens.reserve(batch.size());
        QString failure;
        if (!db.transaction())
            failure = db.lastError().text();
        for (const Item &item : batch) {
            tokens.push_back(item.token);
            if (!failure.isEmpty())
                continue;
            if (item.clear) {
                if (!clear.exec(QStringLiteral("DELETE FROM requests")))
                    failure = clear.lastError().text();
                continue;
            }
            const StoredRequest &r = item.request;
            int rc = sqlite3_bind_int64(insert, 1, r.sequence);
            rc = rc == SQLITE_OK ? sqlite3_bind_int64(insert, 2, r.arrivedAt) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 3, r.api) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 4, r.method) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 5, r.path) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 6, r.contentType) : rc;
            rc = rc == SQLITE_OK ? sqlite3_bind_int(insert, 7, r.strict ? 1 : 0) : rc;
            // Blobs as QSqlQuery bound a QByteArray: an empty body is an empty blob, not NULL.
            rc = rc == SQLITE_OK ? sqlite3_bind_blob(insert, 8, r.body.data(),
                                                     static_cast<int>(r.body.size()), SQLITE_STATIC)
                                 : rc;
            rc = rc == SQLITE_OK ? sqlite3_bind_int(insert, 9, r.status) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 10, r.outcome) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 11, r.reason) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 12, r.person) : rc;
            rc = rc == SQLITE_OK ? bindText(insert, 13, r.eventName) : rc;
            rc = rc == SQLITE_OK ? sqlite3_bind_int(insert, 14, r.replay ? 1 : 0) : rc;
            if (rc == SQLITE_OK)
                rc = sqlite3_step(insert) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
            if (rc != SQLITE_OK)
                failure = QString::fromUtf8(sqlite3_errmsg(handle));
            sqlite3_reset(insert); // every column is bound again for the next row
        }
        if (failure.isEmpty() && !db.commit())
            failure = db.lastError().text();
        if (failure.isEmpty()) {
            // Hand the result to the owner's thread: replies are written there.
            QMetaObject::invokeMethod(
                this, [this, tokens = std::move(tokens)] { emit committed(tokens); }, Qt::QueuedConnection);
            continue;
        }
        db.rollback();
        m_failedEpoch = std::max_element(batch.begin(), batch.end(), [](const Item &a, const Item &b) {
                            return a.epoch < b.epoch;
                        })->epoch;
        QMetaObject::invokeMethod(
            this,
            [this, tokens = std::move(tokens), failure, epoch = m_failedEpoch, rows = readRows(db)] {
                if (epoch >= m_epoch && rows) { // the first word of this failure
                    m_epoch = epoch + 1;
                    emit storageLost(*rows);
                } else if (epoch >= m_epoch) {
                    // What is stored cannot be read back, so the workspace cannot return to it: every
                    // write from now on is refused (503) until the sandbox restarts from the file.
                    qWarning("sandbox: %s cannot be read back after a failed write; refusing every "
                             "write until restart",
                             qUtf8Printable(m_path));
                }
                emit writeFailed(failure, tokens);
            },
            Qt::QueuedConnection);
    }
    sqlite3_wal_hook(handle, nullptr, nullptr); // before the checkpointer goes
}

} // namespace preflight
