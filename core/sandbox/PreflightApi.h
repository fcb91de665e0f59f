#pragma once

#include "sandbox/ActivityLog.h"
#include "sandbox/ReplyQueue.h"
#include "sandbox/SandboxRoute.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <list>

class QTcpSocket;
class QTimer;

namespace preflight {

// The sandbox's own API under /preflight/ (docs/sandbox.md): activity listing, count, long-poll and a
// live stream of newline-delimited JSON, reset, health.
class PreflightApi : public QObject
{
    Q_OBJECT

public:
    // `reset` clears the workspace and answers `token` when that is done (after the disk, with --db).
    using ResetHandler = std::function<void(std::uint64_t token)>;

    PreflightApi(ActivityLog &activity, ReplyQueue &replies, ResetHandler reset, QObject *parent = nullptr);

    void handle(const SandboxRoute &route, const QUrlQuery &query, QTcpSocket *socket, std::uint64_t token);

    // Reads the filter parameters; an error names the parameter.
    static Result<ActivityFilter> filterFrom(const QUrlQuery &query);

private:
    struct Waiter {
        std::uint64_t token = 0;
        ActivityFilter filter;
        std::size_t limit = 0;
        QTimer *timer = nullptr;
    };
    struct Follower {
        QPointer<QTcpSocket> socket;
        ActivityFilter filter;
    };

    void onEntryAdded(const ActivityEntry &entry);
    void answerList(std::uint64_t token, const ActivityFilter &filter, std::size_t limit, bool newestFirst);
    static void writeChunk(QTcpSocket *socket, const QByteArray &line);

    ActivityLog &m_activity;
    ReplyQueue &m_replies;
    ResetHandler m_reset;
    std::list<Waiter> m_waiters;
    std::list<Follower> m_followers;
};

} // namespace preflight
