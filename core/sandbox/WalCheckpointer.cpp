#include "sandbox/WalCheckpointer.h"

#include <sqlite3.h>

#include <pthread.h>

namespace preflight {

namespace {
constexpr int kBusyTimeoutMillis = 5000; // a restarting checkpoint waits this long for the writer's commit
}

WalCheckpointer::WalCheckpointer(const std::string &path, int restartFrames) : m_restartFrames(restartFrames)
{
    // A new connection learns the file is in WAL mode only when it first reads it: ask, so that its
    // checkpoints see the log (they report "not in WAL mode" and copy nothing otherwise).
    const bool opened = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    if (!opened || sqlite3_busy_timeout(m_db, kBusyTimeoutMillis) != SQLITE_OK ||
        sqlite3_exec(m_db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    m_thread = std::thread([this] { run(); });
#if defined(__linux__)
    pthread_setname_np(m_thread.native_handle(), "sandbox-db-ckpt"); // as ps and top show it
#endif
}

WalCheckpointer::~WalCheckpointer()
{
    if (!m_db)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close(m_db);
}

void WalCheckpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                return;
            m_requested = false;
        }
        int logFrames = 0;
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, nullptr);
        if (logFrames >= m_restartFrames)
            sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    }
}

} // namespace preflight
