#pragma once

#include "api/Api.h"
#include "sandbox/FaultSpec.h"
#include "workspace/Workspace.h"

#include <QHostAddress>
#include <QString>

#include <cstddef>

namespace preflight {

// How a sandbox runs. Everything has a default that works with no arguments.
struct SandboxConfig {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;     // 0: any free port
    QString databasePath; // empty: in memory only
    FaultSpec faults;
    Credentials credentials = sandboxTestCredentials();
    std::size_t activityCapacity = 100'000;
    // The workspace keeps at most this many events (oldest evicted) so a long run stays bounded.
    WorkspaceOptions workspace = {3, 500'000, false};
    // The transport ceiling: above this the body is never read (413, or Pipelines' silent 200). The
    // documented per-call limits (32 KB entity/call, 500 KB batch, 100,000 bytes of event data) are the
    // dialects' to check, below this ceiling.
    std::size_t maxBodyBytes = 1024 * 1024;
    std::size_t maxHeaderBytes = 64 * 1024;
    int headerTimeoutMillis = 10'000; // a request's headers must arrive within this (408 otherwise)
    int idleTimeoutMillis = 120'000; // an idle keep-alive connection (or a stalled body) is closed after this
    int maxConnections = 1024;       // open at once; beyond this a new connection gets 503
    // Requests waiting for the disk before the sandbox answers 503 (bounded memory under overload).
    std::size_t maxPendingWrites = 50'000;
    // A cap on the database file in pages (SQLite's max_page_count, 4 KiB each; 0: none): a quota that
    // answers 503 storage_failed once the file is full, as a full disk does.
    int maxDatabasePages = 0;
};

} // namespace preflight
