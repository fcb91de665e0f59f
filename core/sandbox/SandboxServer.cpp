#include "sandbox/SandboxServer.h"

#include "sandbox/PortHolder.h"

#include "api/HttpRequest.h"
#include "common/Ascii.h"
#include "common/Json.h"
#include "sandbox/ApiErrorBody.h"
#include "sandbox/ContentEncoding.h"
#include "sandbox/PreflightApi.h"
#include "sandbox/RequestStore.h"
#include "sandbox/SandboxTcpServer.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QUrlQuery>

namespace preflight {

namespace {

// Identifiers and paths are cut in the activity log so hostile 10 KB ids cannot inflate it.
constexpr std::size_t kMaxLoggedBytes = 512;

const char *methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

// Segment's libraries (analytics-node) send no Authorization header: the write key travels in the body,
// as Segment's HTTP API accepts. Customer.io's Pipelines API is Segment-compatible but does not document
// this; the sandbox accepts it (docs/sandbox.md names the assumption). "" when there is none.
std::string writeKeyInBody(const HttpRequest &request)
{
    const std::optional<Json> body = parseJsonQuickly(request.body);
    if (!body || !body->is_object())
        return {};
    const auto key = body->find("writeKey");
    return key != body->end() && key->is_string() ? key->get<std::string>() : std::string();
}

bool isJsonContentType(const QByteArray &value)
{
    if (value.isEmpty())
        return true; // clients that send no type are read as JSON, as the APIs' libraries always send JSON
    const qsizetype semicolon = value.indexOf(';');
    const QByteArray type = (semicolon < 0 ? value : value.left(semicolon)).trimmed().toLower();
    return type == "application/json" || type.endsWith("+json") || type == "text/json";
}

bool hasControlCharacter(const std::string &text)
{
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f)
            return true;
    return false;
}

// Pipelines' X-Strict-Mode: 1.
bool isStrict(const HttpRequest &request)
{
    return QByteArray::fromStdString(request.header("X-Strict-Mode")).trimmed() == "1";
}

// Pipelines without strict mode answers every call 200 and drops the bad ones silently.
void dropSilentlyUnlessStrict(const SandboxRoute &route, const HttpRequest &received, SandboxOutcome &result)
{
    if (route.api != Api::Pipelines || result.status < 400 || isStrict(received))
        return;
    result.status = 200;
    result.body = "{}";
    result.outcome = "dropped";
}

bool sendsBody(const std::string &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

} // namespace

SandboxServer::SandboxServer(SandboxConfig config, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_config(std::move(config))
    , m_activity(m_config.activityCapacity)
    , m_processor(m_config.workspace)
    , m_faults(m_config.faults)
    , m_replies(this)
{
    const Credentials &c = m_config.credentials;
    m_trackAuthorization = QByteArray::fromStdString(basicAuthorization(c.siteId, c.apiKey));
    m_pipelinesAuthorization = QByteArray::fromStdString(basicAuthorization(c.writeKey, ""));
    m_appAuthorization = "Bearer " + QByteArray::fromStdString(c.appApiKey);
    m_preflightApi = new PreflightApi(
        m_activity, m_replies, [this](std::uint64_t token) { reset(token); }, this);
}

SandboxServer::~SandboxServer() = default;

QString SandboxServer::origin() const
{
    QString host = m_config.address == QHostAddress::Any || m_config.address == QHostAddress::AnyIPv4
                       ? QStringLiteral("127.0.0.1")
                       : m_config.address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

Status SandboxServer::start()
{
    if (!m_config.databasePath.isEmpty()) {
        m_store = std::make_unique<RequestStore>(m_config.databasePath);
        m_store->setMaxPageCount(m_config.maxDatabasePages);
        auto rows = m_store->open();
        if (!rows)
            return rows.error();
        connect(m_store.get(), &RequestStore::committed, this, &SandboxServer::onCommitted);
        connect(m_store.get(), &RequestStore::writeFailed, this, &SandboxServer::onWriteFailed);
        connect(m_store.get(), &RequestStore::storageLost, this, &SandboxServer::onStorageLost);
        replay(*rows);
    }
    const RequestGuardLimits limits{m_config.maxHeaderBytes, m_config.maxBodyBytes,
                                    m_config.headerTimeoutMillis, m_config.idleTimeoutMillis};
    m_tcpServer = new SandboxTcpServer(
        limits, m_config.maxConnections,
        [this](const OversizeRequest &request) { return answerOversize(request); }, this);
    if (!m_tcpServer->listen(m_config.address, m_config.port)) {
        const std::string holder = m_config.port ? describePortHolder(m_config.port) : std::string();
        return Error{"sandbox_listen",
                     m_tcpServer->errorString().toStdString() +
                         (holder.empty() ? "" : " (held by " + holder + ")"),
                     m_config.address.toString().toStdString() + ":" + std::to_string(m_config.port)};
    }
    m_port = m_tcpServer->serverPort();
    m_originText = origin().toStdString();
    bind(m_tcpServer);
    return Ok{};
}

void SandboxServer::replay(const std::vector<StoredRequest> &rows)
{
    for (const StoredRequest &row : rows) {
        ActivityEntry entry;
        entry.sequence = row.sequence;
        entry.arrivedAt = row.arrivedAt;
        entry.api = row.api;
        entry.method = row.method;
        entry.path = row.path;
        entry.status = row.status;
        entry.outcome = row.outcome;
        entry.reason = row.reason;
        entry.person = row.person;
        entry.eventName = row.eventName;
        entry.keepBody(row.body, row.contentType);
        if (std::optional<SandboxOutcome> outcome = reapply(row)) {
            entry.verdicts = outcome->verdicts;
            entry.items = outcome->items;
            ++m_replayed;
        }
        m_activity.append(std::move(entry));
    }
}

std::optional<SandboxOutcome> SandboxServer::reapply(const StoredRequest &row)
{
    if (!row.replay)
        return std::nullopt;
    const std::string path = row.path.substr(0, row.path.find('?'));
    SandboxRoute route = SandboxRoute::resolve(row.method, path);
    if (route.match != SandboxRoute::Match::Found || !route.api)
        return std::nullopt;
    HttpRequest request;
    request.method = row.method;
    request.url = origin().toStdString() + row.path;
    if (!row.contentType.empty())
        request.setHeader("Content-Type", row.contentType);
    if (row.strict)
        request.setHeader("X-Strict-Mode", "1");
    request.body = row.body;
    return m_processor.ingest(route, request, row.arrivedAt);
}

QByteArray SandboxServer::answerOversize(const OversizeRequest &request)
{
    const std::string path = request.path.substr(0, request.path.find('?'));
    SandboxRoute route = SandboxRoute::resolve(request.method, path);
    ActivityEntry entry;
    entry.arrivedAt = QDateTime::currentMSecsSinceEpoch();
    entry.api = route.api ? std::string(toString(*route.api)) : std::string{};
    entry.method = request.method;
    entry.path = request.path.size() > 2048 ? request.path.substr(0, 2048) + "…" : request.path;
    entry.reason = request.reason;
    SandboxReply reply;
    reply.closeAfter = true;
    if (route.api == Api::Pipelines && !request.strictMode && request.status == 413) {
        // Pipelines answers an oversized call 200 and drops it; the sandbox says so in the activity.
        entry.status = 200;
        entry.outcome = "dropped";
    } else {
        entry.status = request.status;
        entry.outcome = "rejected";
        reply.status = request.status;
        reply.body = QByteArray::fromStdString(apiErrorBody(route.api, request.code, request.reason));
    }
    m_activity.append(std::move(entry));
    return reply.head() + reply.body;
}

std::optional<SandboxOutcome> SandboxServer::authenticate(const SandboxRoute &route,
                                                          const HttpRequest &request) const
{
    const QByteArray header = QByteArray::fromStdString(request.header("Authorization"));
    const Credentials &c = m_config.credentials;
    // The exact header the well-known credentials make is compared first: decoding is for the rest.
    const auto basicIs = [&request](const std::string &user, const std::string &password) {
        const auto given = request.basicCredentials();
        return given && given->first == user && given->second == password;
    };
    bool ok = false;
    switch (*route.api) {
    case Api::TrackV1:
    case Api::TrackV2: ok = header == m_trackAuthorization || basicIs(c.siteId, c.apiKey); break;
    case Api::Pipelines:
        ok = header == m_pipelinesAuthorization || basicIs(c.writeKey, "") ||
             (header.isEmpty() && !c.writeKey.empty() && writeKeyInBody(request) == c.writeKey);
        break;
    case Api::App:
        ok = header == m_appAuthorization || (header.size() > 7 && header.left(7).toLower() == "bearer " &&
                                              header.mid(7).trimmed().toStdString() == c.appApiKey);
        break;
    }
    if (ok)
        return std::nullopt;
    const bool given =
        !header.isEmpty() || (*route.api == Api::Pipelines && !writeKeyInBody(request).empty());
    const std::string reason = given ? "wrong credentials" : "missing credentials";
    const std::string message =
        *route.api == Api::TrackV1 || *route.api == Api::TrackV2 ? "Unauthorized request" : "Unauthorized";
    return SandboxOutcome::rejected(401, apiErrorBody(route.api, "unauthorized", message), reason);
}

bool SandboxServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const std::uint64_t token = m_replies.reserve(socket);
    const QUrl url = request.url();
    const std::string method = methodName(request.method());
    const std::string path = url.path(QUrl::FullyEncoded).toStdString();
    SandboxRoute route = SandboxRoute::resolve(method, path);
    if (route.isPreflight()) {
        m_preflightApi->handle(route, QUrlQuery(url), socket, token);
        return true;
    }

    // Read once: QHttpServerRequest searches its headers and copies its body on every call.
    const std::string pathAndQuery =
        url.hasQuery() ? path + "?" + url.query(QUrl::FullyEncoded).toStdString() : path;
    HttpRequest received;
    received.method = method;
    received.url = m_originText + pathAndQuery;
    for (const auto &[name, value] : request.headers())
        received.headers.push_back({name.toStdString(), value.toStdString(),
                                    name.compare("Authorization", Qt::CaseInsensitive) == 0});
    received.body = request.body().toStdString();
    // A compressed body is read inflated, and its size limits apply to what it inflates to.
    std::optional<SandboxOutcome> unreadable;
    std::string encodingNote;
    if (route.api)
        unreadable = inflateBody(received, *route.api, encodingNote);

    ActivityEntry entry;
    entry.arrivedAt = QDateTime::currentMSecsSinceEpoch();
    entry.api = route.api ? std::string(toString(*route.api)) : std::string{};
    entry.method = method;
    entry.path = pathAndQuery;
    entry.keepBody(received.body, received.header("Content-Type"));
    entry.person = route.personInPath(); // known from the path even when the request is refused
    if (entry.person.size() > kMaxLoggedBytes)
        entry.person = entry.person.substr(0, kMaxLoggedBytes) + "…";
    if (entry.path.size() > 4 * kMaxLoggedBytes)
        entry.path = entry.path.substr(0, 4 * kMaxLoggedBytes) + "…";

    const FaultDecision fault = m_faults.next();
    if (fault.kind != FaultDecision::Kind::None) {
        SandboxReply reply;
        SandboxOutcome outcome;
        outcome.outcome = "fault";
        switch (fault.kind) {
        case FaultDecision::Kind::TooManyRequests:
            reply.status = 429;
            reply.headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSeconds)});
            outcome.reason = "injected 429, Retry-After " + std::to_string(fault.retryAfterSeconds);
            break;
        case FaultDecision::Kind::InternalError:
            reply.status = 500;
            outcome.reason = "injected 500";
            break;
        case FaultDecision::Kind::Unavailable:
            reply.status = 503;
            outcome.reason = "injected 503";
            break;
        default:
            reply.drop = true;
            reply.status = 0;
            outcome.reason = "injected connection drop";
            break;
        }
        outcome.status = reply.status;
        reply.body =
            reply.drop ? QByteArray{}
                       : QByteArray::fromStdString(apiErrorBody(route.api, "injected_fault", outcome.reason));
        finish(token, std::move(entry), outcome, std::move(reply), received, pathAndQuery);
        return true;
    }

    SandboxOutcome outcome;
    SandboxReply reply;
    const bool overloaded = m_store && m_store->pending() >= m_config.maxPendingWrites;
    if (unreadable) {
        outcome = std::move(*unreadable);
        dropSilentlyUnlessStrict(route, received, outcome);
        reply.status = outcome.status;
        reply.body = QByteArray::fromStdString(outcome.body);
    } else if (overloaded) {
        // The disk cannot keep up: refuse, before the request touches the workspace, instead of queueing
        // without bound.
        outcome = SandboxOutcome::rejected(
            503, apiErrorBody(route.api, "overloaded", "sandbox overloaded, retry"), "write queue full");
        reply.status = 503;
        reply.body = QByteArray::fromStdString(outcome.body);
        reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    } else {
        reply = handleApiRequest(request, received, route, entry, outcome);
    }
    if (!encodingNote.empty())
        outcome.reason = outcome.reason.empty() ? encodingNote : encodingNote + "; " + outcome.reason;
    reply.slowBodyMillis = fault.slowBodyMillis;
    // A request refused for want of disk bandwidth is not queued for the disk as well.
    finish(token, std::move(entry), outcome, std::move(reply), received, pathAndQuery, !overloaded);
    return true;
}

std::optional<SandboxOutcome> SandboxServer::inflateBody(HttpRequest &request, Api api,
                                                         std::string &note) const
{
    const std::string encoding(stripAsciiWhitespace(request.header("Content-Encoding")));
    if (encoding.empty() || equalsIgnoringAsciiCase(encoding, "identity"))
        return std::nullopt;
    if (!equalsIgnoringAsciiCase(encoding, "gzip"))
        return SandboxOutcome::rejected(
            415, apiErrorBody(api, "unsupported_media_type", "Content-Encoding must be gzip or identity"),
            "unsupported Content-Encoding: " + encoding.substr(0, 100));
    Result<std::string> inflated = gunzipBody(request.body, m_config.maxBodyBytes);
    if (!inflated) {
        const bool tooLarge = inflated.error().code == "body_too_large";
        return SandboxOutcome::rejected(tooLarge ? 413 : 400,
                                        apiErrorBody(api, inflated.error().code, inflated.error().message),
                                        inflated.error().message);
    }
    request.body = std::move(*inflated);
    // Customer.io documents no compressed request bodies on any of its APIs: the sandbox accepts gzip and
    // says so on the request.
    note = "gzip accepted; Customer.io does not document it for " + std::string(displayName(api));
    return std::nullopt;
}

SandboxReply SandboxServer::handleApiRequest(const QHttpServerRequest &request, const HttpRequest &received,
                                             const SandboxRoute &route, ActivityEntry &entry,
                                             SandboxOutcome &outcome)
{
    SandboxReply reply;
    auto answer = [&](SandboxOutcome result) {
        dropSilentlyUnlessStrict(route, received, result);
        reply.status = result.status;
        reply.body = QByteArray::fromStdString(result.body);
        outcome = std::move(result);
        return reply;
    };

    if (route.match == SandboxRoute::Match::UnknownPath)
        return answer(SandboxOutcome::rejected(404, apiErrorBody(route.api, "not_found", "not found"),
                                               "no such endpoint"));
    if (route.match == SandboxRoute::Match::WrongMethod) {
        reply.headers.append({QByteArrayLiteral("Allow"), QByteArray::fromStdString(route.allowedMethods)});
        return answer(
            SandboxOutcome::rejected(405, apiErrorBody(route.api, "method_not_allowed", "method not allowed"),
                                     "method not allowed (allowed: " + route.allowedMethods + ")"));
    }
    if (route.takesCredentials()) {
        if (auto refused = authenticate(route, received))
            return answer(std::move(*refused));
    }
    for (const std::string &capture : route.captures) {
        if (hasControlCharacter(capture)) {
            auto refused = SandboxOutcome::rejected(
                400, apiErrorBody(route.api, "invalid_identifier", "identifier contains control characters"),
                "identifier contains control characters");
            return answer(std::move(refused));
        }
    }
    if (route.endpoint == SandboxRoute::Endpoint::Region) {
        SandboxOutcome region;
        region.body = Json{{"url", m_originText}, {"region", "us"}, {"environment_id", 1}}.dump();
        return answer(std::move(region));
    }
    if (route.api == Api::App) {
        std::map<std::string, std::string> query;
        for (const auto &[key, value] : QUrlQuery(request.url()).queryItems(QUrl::FullyDecoded))
            query[key.toStdString()] = value.toStdString();
        return answer(m_processor.readBack(route, query));
    }
    const std::string contentType = received.header("Content-Type");
    if (sendsBody(received.method) && !isJsonContentType(QByteArray::fromStdString(contentType)))
        return answer(SandboxOutcome::rejected(
            415, apiErrorBody(route.api, "unsupported_media_type", "Content-Type must be application/json"),
            "wrong content type: " + contentType.substr(0, 200)));
    return answer(m_processor.ingest(route, received, entry.arrivedAt));
}

void SandboxServer::finish(std::uint64_t token, ActivityEntry entry, const SandboxOutcome &outcome,
                           SandboxReply reply, HttpRequest &received, const std::string &pathAndQuery,
                           bool store)
{
    entry.status = reply.drop ? 0 : reply.status;
    entry.outcome = outcome.outcome;
    entry.reason = outcome.reason;
    if (entry.person.empty())
        entry.person = outcome.person;
    entry.eventName = outcome.eventName;
    entry.verdicts = outcome.verdicts;
    entry.items = outcome.items;
    const std::int64_t latency = m_config.faults.latencyMillis;

    std::optional<StoredRequest> row;
    if (m_store && store) {
        row.emplace();
        row->arrivedAt = entry.arrivedAt;
        row->api = entry.api;
        row->method = entry.method;
        row->path = pathAndQuery; // whole, for replay
        row->contentType = received.header("Content-Type");
        row->strict = isStrict(received);
        row->replay = outcome.changesWorkspace;
        if (outcome.changesWorkspace)
            row->body = std::move(received.body); // the request's last reader
        row->status = entry.status;
        row->outcome = entry.outcome;
        row->reason = entry.reason;
        row->person = entry.person;
        row->eventName = entry.eventName;
    }
    const std::optional<Api> api = apiFromString(entry.api);
    const std::int64_t sequence = m_activity.append(std::move(entry));
    if (!row) {
        m_replies.fillAfter(token, std::move(reply), latency);
        return;
    }
    row->sequence = sequence;
    const bool waitForDisk = reply.status >= 200 && reply.status < 300 && !reply.drop;
    m_store->enqueue(std::move(*row), token);
    if (waitForDisk)
        m_awaitingCommit.emplace(token, Awaiting{std::move(reply), latency, sequence, api});
    else
        m_replies.fillAfter(token, std::move(reply), latency);
}

void SandboxServer::onCommitted(const std::vector<std::uint64_t> &tokens)
{
    for (std::uint64_t token : tokens) {
        auto found = m_awaitingCommit.find(token);
        if (found == m_awaitingCommit.end())
            continue;
        Awaiting awaiting = std::move(found->second);
        m_awaitingCommit.erase(found);
        m_replies.fillAfter(token, std::move(awaiting.reply), awaiting.latencyMillis);
    }
}

void SandboxServer::onWriteFailed(const QString &message, const std::vector<std::uint64_t> &tokens)
{
    for (std::uint64_t token : tokens) {
        auto found = m_awaitingCommit.find(token);
        if (found == m_awaitingCommit.end())
            continue;
        const Awaiting awaiting = std::move(found->second);
        m_awaitingCommit.erase(found);
        const std::string reason = "could not store the request: " + message.toStdString();
        // What the client is told is what the log shows; the workspace no longer holds it (onStorageLost).
        m_activity.amend(awaiting.sequence, 503, "failed", reason);
        SandboxReply reply;
        reply.status = 503;
        reply.body = QByteArray::fromStdString(apiErrorBody(awaiting.api, "storage_failed", reason));
        reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")});
        m_replies.fill(token, std::move(reply));
    }
}

void SandboxServer::onStorageLost(const std::vector<StoredRequest> &committedRows)
{
    // Back to what the file holds: requests answered 5xx leave no trace in the workspace, and a restart
    // (which replays the file) gives the same workspace as now.
    qWarning("sandbox: a write to %s failed; the workspace and the activity are back to the %zu stored "
             "requests",
             qUtf8Printable(m_config.databasePath), committedRows.size());
    m_processor.reset();
    m_activity.clear();
    const std::size_t replayed = m_replayed;
    replay(committedRows);
    m_replayed = replayed; // counts what a start replayed, not this
}

void SandboxServer::reset(std::uint64_t token)
{
    m_processor.reset();
    m_activity.clear();
    SandboxReply reply;
    reply.body = R"({"reset":true})";
    if (m_store) {
        m_store->enqueueClear(token);
        m_awaitingCommit.emplace(token, Awaiting{std::move(reply), 0});
    } else {
        m_replies.fill(token, std::move(reply));
    }
}

void SandboxServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // handleRequest answers every request; this only runs if it ever declines one.
    SandboxReply reply;
    reply.status = 404;
    reply.body = QByteArray::fromStdString(apiErrorBody(std::nullopt, "not_found", "not found"));
    m_replies.fill(m_replies.reserve(socket), std::move(reply));
}

} // namespace preflight
