#pragma once

#include "common/Result.h"
#include "sandbox/ActivityLog.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/ReplyQueue.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/SandboxProcessor.h"

#include <QAbstractHttpServer>

#include <memory>
#include <unordered_map>

namespace preflight {

class PreflightApi;
class RequestStore;
class SandboxTcpServer;
struct OversizeRequest;
struct StoredRequest;
struct HttpRequest;

// A Customer.io-compatible workspace on loopback: Track v1/v2, Pipelines and App API read-back at their
// real paths on one origin, plus the sandbox's own /preflight/ API. One thread serves HTTP; with a
// database a writer thread commits in groups and 2xx answers go out only after their row is committed.
class SandboxServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit SandboxServer(SandboxConfig config, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Opens and replays the database (if any), then listens. Fails with where and why.
    Status start();

    quint16 port() const { return m_port; }
    QString origin() const; // "http://127.0.0.1:PORT"
    const SandboxConfig &config() const { return m_config; }
    ActivityLog &activity() { return m_activity; }
    SandboxProcessor &processor() { return m_processor; }
    std::size_t replayedCount() const { return m_replayed; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // Inflates a gzip body in place (`note` then says so); the refusal when the encoding cannot be read.
    std::optional<SandboxOutcome> inflateBody(HttpRequest &request, Api api, std::string &note) const;
    SandboxReply handleApiRequest(const QHttpServerRequest &request, const HttpRequest &received,
                                  const SandboxRoute &route, ActivityEntry &entry, SandboxOutcome &outcome);
    std::optional<SandboxOutcome> authenticate(const SandboxRoute &route, const HttpRequest &request) const;
    QByteArray answerOversize(const OversizeRequest &request);
    // Logs, stores (with a database) and answers; may take `received`'s body.
    void finish(std::uint64_t token, ActivityEntry entry, const SandboxOutcome &outcome, SandboxReply reply,
                HttpRequest &received, const std::string &pathAndQuery, bool store = true);
    void onCommitted(const std::vector<std::uint64_t> &tokens);
    void onWriteFailed(const QString &message, const std::vector<std::uint64_t> &tokens);
    void onStorageLost(const std::vector<StoredRequest> &committedRows);
    void reset(std::uint64_t token);
    void replay(const std::vector<StoredRequest> &rows);
    // Applies a stored request to the workspace again; nullopt when it is not one that changes it.
    std::optional<SandboxOutcome> reapply(const StoredRequest &row);

    SandboxConfig m_config;
    quint16 m_port = 0;
    ActivityLog m_activity;
    SandboxProcessor m_processor;
    FaultInjector m_faults;
    ReplyQueue m_replies;
    SandboxTcpServer *m_tcpServer = nullptr;
    PreflightApi *m_preflightApi = nullptr;
    std::unique_ptr<RequestStore> m_store;
    struct Awaiting {
        SandboxReply reply;
        qint64 latencyMillis = 0;
        std::int64_t sequence = 0; // its activity entry
        std::optional<Api> api;    // for the error's shape should the write fail
    };
    std::unordered_map<std::uint64_t, Awaiting> m_awaitingCommit;
    std::size_t m_replayed = 0;
    std::string m_originText; // origin(), computed once the port is known: it prefixes every parsed URL
    QByteArray m_trackAuthorization; // the exact header a correct client sends, to skip decoding
    QByteArray m_pipelinesAuthorization;
    QByteArray m_appAuthorization;
};

} // namespace preflight
