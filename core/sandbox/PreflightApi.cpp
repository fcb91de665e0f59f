#include "sandbox/PreflightApi.h"

#include "sandbox/ApiErrorBody.h"

#include <QTcpSocket>
#include <QTimer>

#include <charconv>

namespace preflight {

namespace {

constexpr std::size_t kDefaultLimit = 1000;
constexpr std::size_t kMaxLimit = 100'000;
constexpr qint64 kMaxWaitMillis = 60'000;

std::optional<std::int64_t> integer(const QString &text)
{
    const std::string value = text.toStdString();
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size())
        return std::nullopt;
    return out;
}

std::optional<UnixMillis> instant(const QString &text)
{
    if (auto millis = integer(text))
        return *millis;
    return parseIso8601(text.toStdString());
}

SandboxReply badParameter(const std::string &message)
{
    SandboxReply reply;
    reply.status = 400;
    reply.body = QByteArray::fromStdString(apiErrorBody(std::nullopt, "bad_parameter", message));
    return reply;
}

SandboxReply jsonReply(const Json &json)
{
    SandboxReply reply;
    reply.body = QByteArray::fromStdString(json.dump(-1, ' ', false, Json::error_handler_t::replace));
    return reply;
}

} // namespace

PreflightApi::PreflightApi(ActivityLog &activity, ReplyQueue &replies, ResetHandler reset, QObject *parent)
    : QObject(parent), m_activity(activity), m_replies(replies), m_reset(std::move(reset))
{
    connect(&m_activity, &ActivityLog::entryAdded, this, &PreflightApi::onEntryAdded);
}

Result<ActivityFilter> PreflightApi::filterFrom(const QUrlQuery &query)
{
    ActivityFilter filter;
    auto value = [&](const char *name) {
        return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    filter.person = value("person").toStdString();
    filter.eventName = value("event").toStdString();
    filter.api = value("api").toStdString();
    filter.outcome = value("outcome").toStdString();
    if (query.hasQueryItem(QStringLiteral("status"))) {
        auto status = integer(value("status"));
        if (!status)
            return Error{"bad_parameter", "status must be an HTTP status code", "status"};
        filter.status = static_cast<int>(*status);
    }
    if (query.hasQueryItem(QStringLiteral("verdict"))) {
        const QString verdict = value("verdict");
        if (verdict != QLatin1String("pass") && verdict != QLatin1String("fail"))
            return Error{"bad_parameter", "verdict must be pass or fail", "verdict"};
        filter.hasViolations = verdict == QLatin1String("fail");
    }
    for (const char *name : {"since", "until"}) {
        if (!query.hasQueryItem(QString::fromLatin1(name)))
            continue;
        auto at = instant(value(name));
        if (!at)
            return Error{"bad_parameter", std::string(name) + " must be ISO-8601 or unix milliseconds", name};
        (std::string_view(name) == "since" ? filter.since : filter.until) = *at;
    }
    if (query.hasQueryItem(QStringLiteral("after"))) {
        auto after = integer(value("after"));
        if (!after)
            return Error{"bad_parameter", "after must be a sequence number", "after"};
        filter.afterSequence = *after;
    }
    return filter;
}

void PreflightApi::handle(const SandboxRoute &route, const QUrlQuery &query, QTcpSocket *socket,
                          std::uint64_t token)
{
    using E = SandboxRoute::Endpoint;
    if (route.endpoint == E::PreflightHealth) {
        m_replies.fill(token, jsonReply({{"status", "ok"},
                                         {"activity", m_activity.size()},
                                         {"last_sequence", m_activity.lastSequence()}}));
        return;
    }
    if (route.endpoint == E::PreflightReset) {
        m_reset(token);
        return;
    }
    auto filter = filterFrom(query);
    if (!filter) {
        m_replies.fill(token, badParameter(filter.error().toString()));
        return;
    }
    if (route.endpoint == E::PreflightCount) {
        m_replies.fill(token, jsonReply({{"count", m_activity.count(*filter)},
                                         {"calls", m_activity.countCalls(*filter)}}));
        return;
    }
    std::size_t limit = kDefaultLimit;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        auto asked = integer(query.queryItemValue(QStringLiteral("limit")));
        if (!asked || *asked < 1)
            return m_replies.fill(token, badParameter("limit must be a positive integer"));
        limit = std::min<std::size_t>(static_cast<std::size_t>(*asked), kMaxLimit);
    }
    if (route.endpoint == E::PreflightStream) {
        SandboxReply head;
        head.chunkedStream = true;
        head.contentType = QByteArrayLiteral("application/x-ndjson");
        m_replies.fill(token, head);
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        for (const ActivityEntry &entry : m_activity.query(*filter))
            writeChunk(socket, QByteArray::fromStdString(entry.toJson().dump()) + '\n');
        m_followers.push_back({QPointer<QTcpSocket>(socket), *filter});
        return;
    }
    const bool newestFirst = query.queryItemValue(QStringLiteral("order")) == QLatin1String("newest");
    qint64 wait = 0;
    if (query.hasQueryItem(QStringLiteral("wait"))) {
        auto asked = integer(query.queryItemValue(QStringLiteral("wait")));
        if (!asked || *asked < 0)
            return m_replies.fill(token, badParameter("wait must be milliseconds"));
        wait = std::min<qint64>(*asked, kMaxWaitMillis);
    }
    if (wait > 0 && m_activity.count(*filter) == 0) {
        // Long poll: answer when a matching entry arrives or the wait is over.
        auto *timer = new QTimer(this);
        timer->setSingleShot(true);
        m_waiters.push_back({token, *filter, limit, timer});
        auto waiter = std::prev(m_waiters.end());
        connect(timer, &QTimer::timeout, this, [this, waiter, newestFirst] {
            Waiter done = *waiter;
            m_waiters.erase(waiter);
            done.timer->deleteLater();
            answerList(done.token, done.filter, done.limit, newestFirst);
        });
        timer->start(static_cast<int>(wait));
        return;
    }
    answerList(token, *filter, limit, newestFirst);
}

void PreflightApi::answerList(std::uint64_t token, const ActivityFilter &filter, std::size_t limit,
                              bool newestFirst)
{
    Json entries = Json::array();
    for (const ActivityEntry &entry : m_activity.query(filter, limit, newestFirst))
        entries.push_back(entry.toJson());
    const std::size_t returned = entries.size();
    m_replies.fill(token, jsonReply({{"activity", std::move(entries)},
                                     {"count", returned},
                                     {"last_sequence", m_activity.lastSequence()}}));
}

void PreflightApi::onEntryAdded(const ActivityEntry &entry)
{
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (!it->filter.matches(entry)) {
            ++it;
            continue;
        }
        Waiter done = *it;
        it = m_waiters.erase(it);
        done.timer->stop();
        done.timer->deleteLater();
        answerList(done.token, done.filter, done.limit, false);
    }
    if (m_followers.empty())
        return;
    QByteArray line;
    for (auto it = m_followers.begin(); it != m_followers.end();) {
        if (!it->socket || it->socket->state() != QAbstractSocket::ConnectedState) {
            it = m_followers.erase(it);
            continue;
        }
        if (it->filter.matches(entry)) {
            if (line.isEmpty())
                line = QByteArray::fromStdString(entry.toJson().dump()) + '\n';
            writeChunk(it->socket, line);
        }
        ++it;
    }
}

void PreflightApi::writeChunk(QTcpSocket *socket, const QByteArray &line)
{
    QByteArray chunk = QByteArray::number(line.size(), 16);
    chunk += "\r\n";
    chunk += line;
    chunk += "\r\n";
    socket->write(chunk);
}

} // namespace preflight
