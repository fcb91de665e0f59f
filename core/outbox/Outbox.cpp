#include "outbox/Outbox.h"

#include "transport/RequestAuth.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

#include <map>

namespace preflight {

namespace {

constexpr const char *kColumns =
    "id, environment, api, dedupe_id, request, state, attempts, next_attempt_ms, last_status, last_response, "
    "created_ms, updated_ms";

Error sqlError(const QSqlError &error, const QString &what)
{
    return Error{"outbox_sql", what.toStdString() + ": " + error.text().toStdString(), {}};
}

QVariant dedupeValue(const std::string &dedupeId)
{
    // NULL keeps entries without a dedupe id distinct under the unique index.
    return dedupeId.empty() ? QVariant(QMetaType(QMetaType::QString))
                            : QVariant(QString::fromStdString(dedupeId));
}

Result<OutboxEntry> readEntry(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.environment = query.value(1).toString().toStdString();
    entry.api = apiFromString(query.value(2).toString().toStdString()).value_or(Api::TrackV1);
    entry.dedupeId = query.value(3).toString().toStdString();
    const std::string where = "outbox entry " + std::to_string(entry.id);
    Result<Json> json = parseJson(query.value(4).toString().toStdString(), where);
    if (!json)
        return json.error();
    Result<HttpRequest> request = httpRequestFromJson(*json);
    if (!request)
        return request.error();
    entry.request = std::move(*request);
    entry.state =
        outboxStateFromString(query.value(5).toString().toStdString()).value_or(OutboxState::Pending);
    entry.attempts = query.value(6).toInt();
    entry.nextAttemptMs = query.value(7).toLongLong();
    entry.lastStatus = query.value(8).toInt();
    entry.lastResponse = query.value(9).toString().toStdString();
    entry.createdMs = query.value(10).toLongLong();
    entry.updatedMs = query.value(11).toLongLong();
    return entry;
}

// Runs a prepared SELECT of kColumns and reads every row.
Result<std::vector<OutboxEntry>> selectEntries(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return sqlError(query.lastError(), what);
    std::vector<OutboxEntry> out;
    while (query.next()) {
        Result<OutboxEntry> entry = readEntry(query);
        if (!entry)
            return entry.error();
        out.push_back(std::move(*entry));
    }
    query.finish();
    return out;
}

QString storedRequest(const HttpRequest &request)
{
    return QString::fromStdString(toJson(RequestAuth::withoutCredentials(request)).dump());
}

} // namespace

struct Outbox::Statements {
    std::map<QString, QSqlQuery> bySql;
};

Outbox::Outbox()
    : m_connection(QStringLiteral("preflight-outbox-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_statements(std::make_unique<Statements>())
{
}

Outbox::~Outbox()
{
    m_statements.reset(); // statements go before their connection
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool Outbox::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

QSqlQuery &Outbox::statement(const QString &sql)
{
    auto found = m_statements->bySql.find(sql);
    if (found == m_statements->bySql.end()) {
        QSqlQuery query(QSqlDatabase::database(m_connection, false));
        query.prepare(sql); // a failure shows as the statement's error when it runs
        found = m_statements->bySql.emplace(sql, std::move(query)).first;
    }
    return found->second;
}

Status Outbox::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql))
        return sqlError(query.lastError(), sql);
    return Ok{};
}

QString Outbox::defaultPath()
{
    const QByteArray dir = qgetenv("PREFLIGHT_DATA_DIR");
    const QString base = dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                       : QString::fromLocal8Bit(dir);
    return QDir(base).filePath(QStringLiteral("outbox.sqlite"));
}

Status Outbox::open(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath()); // the first send on a machine creates its data folder
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Error{"outbox_open", "cannot open the outbox: " + db.lastError().text().toStdString(),
                     path.toStdString()};
    m_path = path;
    for (const char *sql : {
             "PRAGMA journal_mode=WAL",
             "PRAGMA synchronous=FULL",
             "CREATE TABLE IF NOT EXISTS entries ("
             " id INTEGER PRIMARY KEY AUTOINCREMENT, environment TEXT NOT NULL, api TEXT NOT NULL,"
             " dedupe_id TEXT, request TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT "
             "0,"
             " next_attempt_ms INTEGER NOT NULL DEFAULT 0, last_status INTEGER NOT NULL DEFAULT 0,"
             " last_response TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL, updated_ms INTEGER NOT "
             "NULL)",
             "CREATE UNIQUE INDEX IF NOT EXISTS entries_dedupe ON entries(environment, dedupe_id)",
             "CREATE INDEX IF NOT EXISTS entries_due ON entries(environment, state, next_attempt_ms)",
         }) {
        if (Status status = exec(QString::fromLatin1(sql)); !status)
            return Error{status.error().code, status.error().message, path.toStdString()};
    }
    return Ok{};
}

Result<Outbox::EnqueueReport> Outbox::enqueue(const std::vector<OutboxEntry> &entries, std::int64_t nowMs)
{
    std::size_t next = 0;
    return enqueue(
        [&]() -> Result<std::optional<OutboxEntry>> {
            if (next == entries.size())
                return std::optional<OutboxEntry>{};
            return std::optional<OutboxEntry>{entries[next++]};
        },
        nowMs);
}

Result<Outbox::EnqueueReport> Outbox::enqueue(const EntrySource &next, std::int64_t nowMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return sqlError(db.lastError(), QStringLiteral("begin"));
    EnqueueReport report;
    QSqlQuery &insert =
        statement(QStringLiteral("INSERT OR IGNORE INTO entries (environment, api, dedupe_id, "
                                 "request, state, attempts, next_attempt_ms, created_ms, "
                                 "updated_ms) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)"));
    QSqlQuery &existing =
        statement(QStringLiteral("SELECT id FROM entries WHERE environment = ? AND dedupe_id = ?"));
    while (true) {
        Result<std::optional<OutboxEntry>> made = next();
        if (!made) {
            db.rollback();
            return made.error();
        }
        if (!*made)
            break;
        const OutboxEntry &entry = **made;
        const QString environment = QString::fromStdString(entry.environment);
        insert.addBindValue(environment);
        insert.addBindValue(QString::fromUtf8(toString(entry.api).data()));
        insert.addBindValue(dedupeValue(entry.dedupeId));
        insert.addBindValue(storedRequest(entry.request));
        insert.addBindValue(static_cast<qlonglong>(entry.nextAttemptMs));
        insert.addBindValue(static_cast<qlonglong>(nowMs));
        insert.addBindValue(static_cast<qlonglong>(nowMs));
        if (!insert.exec()) {
            db.rollback();
            return sqlError(insert.lastError(), QStringLiteral("insert"));
        }
        if (insert.numRowsAffected() == 1) {
            report.ids.push_back(insert.lastInsertId().toLongLong());
            ++report.added;
            continue;
        }
        existing.addBindValue(environment);
        existing.addBindValue(dedupeValue(entry.dedupeId));
        if (!existing.exec() || !existing.next()) {
            db.rollback();
            return sqlError(existing.lastError(), QStringLiteral("lookup"));
        }
        report.ids.push_back(existing.value(0).toLongLong());
        existing.finish();
        ++report.alreadyQueued;
    }
    if (!db.commit())
        return sqlError(db.lastError(), QStringLiteral("commit"));
    return report;
}

Result<std::vector<OutboxEntry>> Outbox::due(const std::string &environment, std::int64_t nowMs, int limit)
{
    QSqlQuery &query = statement(QStringLiteral("SELECT %1 FROM entries WHERE environment = ? AND state = "
                                                "'pending' AND next_attempt_ms <= ? ORDER BY id LIMIT ?")
                                     .arg(QLatin1String(kColumns)));
    query.addBindValue(QString::fromStdString(environment));
    query.addBindValue(static_cast<qlonglong>(nowMs));
    query.addBindValue(limit);
    return selectEntries(query, QStringLiteral("select due"));
}

Result<std::optional<std::int64_t>> Outbox::nextAttemptAt(const std::string &environment)
{
    QSqlQuery &query = statement(QStringLiteral(
        "SELECT MIN(next_attempt_ms), COUNT(*) FROM entries WHERE environment = ? AND state = 'pending'"));
    query.addBindValue(QString::fromStdString(environment));
    if (!query.exec() || !query.next())
        return sqlError(query.lastError(), QStringLiteral("select next"));
    const bool none = query.value(1).toLongLong() == 0;
    const std::int64_t next = query.value(0).toLongLong();
    query.finish();
    return none ? std::optional<std::int64_t>{} : std::optional<std::int64_t>{next};
}

Result<std::vector<OutboxEntry>> Outbox::list(std::optional<OutboxState> state,
                                              const std::string &environment)
{
    QString sql = QStringLiteral("SELECT %1 FROM entries WHERE 1 = 1").arg(QLatin1String(kColumns));
    if (state)
        sql += QStringLiteral(" AND state = :state");
    if (!environment.empty())
        sql += QStringLiteral(" AND environment = :environment");
    sql += QStringLiteral(" ORDER BY id");
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(sql);
    if (state)
        query.bindValue(QStringLiteral(":state"), QString::fromUtf8(toString(*state).data()));
    if (!environment.empty())
        query.bindValue(QStringLiteral(":environment"), QString::fromStdString(environment));
    return selectEntries(query, QStringLiteral("list"));
}

Result<OutboxEntry> Outbox::entry(std::int64_t id)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT %1 FROM entries WHERE id = ?").arg(QLatin1String(kColumns)));
    query.addBindValue(static_cast<qlonglong>(id));
    if (!query.exec())
        return sqlError(query.lastError(), QStringLiteral("select entry"));
    if (!query.next())
        return Error{"outbox_no_entry", "no outbox entry " + std::to_string(id), {}};
    return readEntry(query);
}

Result<Outbox::Outcome> Outbox::outcome(std::int64_t id)
{
    QSqlQuery &query =
        statement(QStringLiteral("SELECT state, last_status, last_response FROM entries WHERE id = ?"));
    query.addBindValue(static_cast<qlonglong>(id));
    if (!query.exec())
        return sqlError(query.lastError(), QStringLiteral("select outcome"));
    if (!query.next())
        return Error{"outbox_no_entry", "no outbox entry " + std::to_string(id), {}};
    Outcome outcome;
    outcome.state =
        outboxStateFromString(query.value(0).toString().toStdString()).value_or(OutboxState::Pending);
    outcome.lastStatus = query.value(1).toInt();
    outcome.lastResponse = query.value(2).toString().toStdString();
    query.finish();
    return outcome;
}

Result<int> Outbox::count(OutboxState state, const std::string &environment)
{
    QSqlQuery &query = statement(
        QStringLiteral("SELECT COUNT(*) FROM entries WHERE state = ? AND (? = '' OR environment = ?)"));
    query.addBindValue(QString::fromUtf8(toString(state).data()));
    query.addBindValue(QString::fromStdString(environment));
    query.addBindValue(QString::fromStdString(environment));
    if (!query.exec() || !query.next())
        return sqlError(query.lastError(), QStringLiteral("count"));
    const int count = query.value(0).toInt();
    query.finish();
    return count;
}

Status Outbox::setState(const std::vector<std::int64_t> &ids, OutboxState state, int status,
                        const std::string &response, std::int64_t nextAttemptMs, std::int64_t nowMs,
                        bool countAttempt)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return sqlError(db.lastError(), QStringLiteral("begin"));
    QSqlQuery &query =
        statement(QStringLiteral("UPDATE entries SET state = ?, last_status = ?, last_response = ?,"
                                 " next_attempt_ms = ?, updated_ms = ?, attempts = attempts + ? "
                                 "WHERE id = ?"));
    for (std::int64_t id : ids) {
        query.addBindValue(QString::fromUtf8(toString(state).data()));
        query.addBindValue(status);
        query.addBindValue(QString::fromStdString(response));
        query.addBindValue(static_cast<qlonglong>(nextAttemptMs));
        query.addBindValue(static_cast<qlonglong>(nowMs));
        query.addBindValue(countAttempt ? 1 : 0);
        query.addBindValue(static_cast<qlonglong>(id));
        if (!query.exec()) {
            db.rollback();
            return sqlError(query.lastError(), QStringLiteral("update"));
        }
    }
    if (!db.commit())
        return sqlError(db.lastError(), QStringLiteral("commit"));
    return Ok{};
}

Status Outbox::markAttempt(const std::vector<std::int64_t> &ids, std::int64_t nowMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return sqlError(db.lastError(), QStringLiteral("begin"));
    QSqlQuery &query =
        statement(QStringLiteral("UPDATE entries SET attempts = attempts + 1, updated_ms = ? WHERE id = ?"));
    for (std::int64_t id : ids) {
        query.addBindValue(static_cast<qlonglong>(nowMs));
        query.addBindValue(static_cast<qlonglong>(id));
        if (!query.exec()) {
            db.rollback();
            return sqlError(query.lastError(), QStringLiteral("attempt"));
        }
    }
    if (!db.commit())
        return sqlError(db.lastError(), QStringLiteral("commit"));
    return Ok{};
}

Status Outbox::markDone(const std::vector<std::int64_t> &ids, int status, const std::string &response,
                        std::int64_t nowMs)
{
    return setState(ids, OutboxState::Done, status, response, 0, nowMs, false);
}

Status Outbox::markRetry(std::int64_t id, std::int64_t nextAttemptMs, int status, const std::string &response,
                         std::int64_t nowMs)
{
    return setState({id}, OutboxState::Pending, status, response, nextAttemptMs, nowMs, false);
}

Status Outbox::markDead(std::int64_t id, int status, const std::string &response, std::int64_t nowMs)
{
    return setState({id}, OutboxState::Dead, status, response, 0, nowMs, false);
}

Status Outbox::requeue(std::int64_t id, const std::optional<HttpRequest> &fixed, std::int64_t nowMs)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (fixed) {
        query.prepare(
            QStringLiteral("UPDATE entries SET state = 'pending', attempts = 0, next_attempt_ms = ?,"
                           " updated_ms = ?, request = ? WHERE id = ? AND state = 'dead'"));
    } else {
        query.prepare(
            QStringLiteral("UPDATE entries SET state = 'pending', attempts = 0, next_attempt_ms = ?,"
                           " updated_ms = ? WHERE id = ? AND state = 'dead'"));
    }
    query.addBindValue(static_cast<qlonglong>(nowMs));
    query.addBindValue(static_cast<qlonglong>(nowMs));
    if (fixed)
        query.addBindValue(storedRequest(*fixed));
    query.addBindValue(static_cast<qlonglong>(id));
    if (!query.exec())
        return sqlError(query.lastError(), QStringLiteral("requeue"));
    if (query.numRowsAffected() != 1)
        return Error{"outbox_not_dead", "outbox entry " + std::to_string(id) + " is not a dead letter", {}};
    return Ok{};
}

Result<int> Outbox::purge(OutboxState state, const std::string &environment)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM entries WHERE state = ? AND (? = '' OR environment = ?)"));
    query.addBindValue(QString::fromUtf8(toString(state).data()));
    query.addBindValue(QString::fromStdString(environment));
    query.addBindValue(QString::fromStdString(environment));
    if (!query.exec())
        return sqlError(query.lastError(), QStringLiteral("purge"));
    return query.numRowsAffected();
}

} // namespace preflight
