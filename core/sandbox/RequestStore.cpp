#include "sandbox/RequestStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <QVariant>

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

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

Status prepareSchema(QSqlDatabase &db)
{
    QSqlQuery query(db);
    for (const char *statement : kSchema)
        if (!query.exec(QString::fromLatin1(statement)))
            return Error{"sandbox_db", query.lastError().text().toStdString(),
                         db.databaseName().toStdString()};
    return Ok{};
}

} // namespace

RequestStore::RequestStore(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_connectionName(QStringLiteral("sandbox-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

RequestStore::~RequestStore()
{
    if (m_writer) {
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
    const QString readerName = m_connectionName + QStringLiteral("-reader");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), readerName);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            Error error{"sandbox_db", db.lastError().text().toStdString(), m_path.toStdString()};
            db = {};
            QSqlDatabase::removeDatabase(readerName);
            return error;
        }
        if (auto schema = prepareSchema(db); !schema) {
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(readerName);
            return schema.error();
        }
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.exec(QStringLiteral(
            "SELECT sequence, arrived_at, api, method, path, content_type, strict, body,"
            " status, outcome, reason, person, event, replay FROM requests ORDER BY sequence"));
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
            stored.push_back(std::move(row));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(readerName);

    m_writer = QThread::create([this] { writerLoop(); });
    m_writer->setObjectName(QStringLiteral("sandbox-db-writer"));
    m_writer->start();
    return stored;
}

void RequestStore::enqueue(StoredRequest request, std::uint64_t token)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back({std::move(request), token, false});
    }
    m_wake.notify_one();
}

void RequestStore::enqueueClear(std::uint64_t token)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back({{}, token, true});
    }
    m_wake.notify_one();
}

std::size_t RequestStore::pending() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

void RequestStore::writerLoop()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        bool usable = db.open() && prepareSchema(db).ok();
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO requests (sequence, arrived_at, api, method, path, content_type, strict, "
            "body,"
            " status, outcome, reason, person, event, replay) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
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
            }
            std::vector<std::uint64_t> tokens;
            tokens.reserve(batch.size());
            QString failure;
            if (!usable)
                failure = db.lastError().text();
            else if (!db.transaction())
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
                insert.addBindValue(static_cast<qlonglong>(r.sequence));
                insert.addBindValue(static_cast<qlonglong>(r.arrivedAt));
                insert.addBindValue(text(r.api));
                insert.addBindValue(text(r.method));
                insert.addBindValue(text(r.path));
                insert.addBindValue(text(r.contentType));
                insert.addBindValue(r.strict ? 1 : 0);
                insert.addBindValue(QByteArray::fromStdString(r.body));
                insert.addBindValue(r.status);
                insert.addBindValue(text(r.outcome));
                insert.addBindValue(text(r.reason));
                insert.addBindValue(text(r.person));
                insert.addBindValue(text(r.eventName));
                insert.addBindValue(r.replay ? 1 : 0);
                if (!insert.exec())
                    failure = insert.lastError().text();
            }
            if (failure.isEmpty() && !db.commit())
                failure = db.lastError().text();
            if (!failure.isEmpty() && usable)
                db.rollback();
            // Hand the result to the owner's thread: replies are written there.
            QMetaObject::invokeMethod(
                this,
                [this, tokens = std::move(tokens), failure] {
                    if (failure.isEmpty())
                        emit committed(tokens);
                    else
                        emit writeFailed(failure, tokens);
                },
                Qt::QueuedConnection);
        }
        insert.finish();
        clear.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace preflight
