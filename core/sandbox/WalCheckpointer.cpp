#include "sandbox/WalCheckpointer.h"

#include <sqlite3.h>

#include <pthread.h>

namespace preflight {

namespace {
constexpr int kBusyTimeoutMillis = 5000; // for reading the file's header at open, should the writer hold it
}

WalCheckpointer::WalCheckpointer(const std::string &path, const char *vfs, int checkpointFrames,
                                 int restartFrames)
    : m_checkpointFrames(checkpointFrames), m_restartFrames(restartFrames), m_nextRequestAt(checkpointFrames)
{
    // A new connection learns the file is in WAL mode only when it first reads it: ask, so that its
    // checkpoints see the log (they report "not in WAL mode" and copy nothing otherwise).
    const bool opened = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, vfs) == SQLITE_OK;
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
    m_wake.notify_all();
    m_thread.join();
    sqlite3_close(m_db);
}

void WalCheckpointer::logCommitted(sqlite3 *writer, int logFrames)
{
    if (logFrames < m_lastLogFrames) // started over
        m_nextRequestAt = m_checkpointFrames;
    m_lastLogFrames = logFrames;
    // Past twice the bound the background has fallen behind (a burst faster than it copies and syncs):
    // the writer copies now and holds back, as SQLite's own checkpoint would, so the log stays bounded.
    const bool fallenBehind = logFrames >= 2 * m_restartFrames;
    if (m_finishWanted.load(std::memory_order_acquire) || fallenBehind) {
        finishLog(writer, logFrames);
        return;
    }
    // A passive checkpoint under load rarely empties the log, so it stays above any threshold: asking
    // after every commit would copy a few pages and sync both files each time.
    if (logFrames < m_nextRequestAt)
        return;
    m_nextRequestAt = logFrames + m_checkpointFrames;
    request();
}

void WalCheckpointer::finishLog(sqlite3 *writer, int logFrames)
{
    {
        // The background neither runs nor starts a checkpoint meanwhile: the two would compete for
        // SQLite's checkpoint lock, and a passive checkpoint gives up at once when it is taken.
        std::unique_lock lock(m_mutex);
        m_finishWanted.store(true, std::memory_order_relaxed); // set already, unless fallen behind
        m_wake.wait(lock, [this] { return !m_backgroundCopying; });
    }
    // Usually copies only what was committed while the last background checkpoint ran. Not if the log
    // started over since the background measured it.
    if (logFrames >= m_restartFrames)
        sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_finishWanted.store(false, std::memory_order_relaxed);
    }
    m_wake.notify_all();
}

void WalCheckpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_all();
}

void WalCheckpointer::syncDatabaseFile()
{
    // SQLite syncs the database only after a checkpoint that copied the whole log, which under load is
    // the writer's: it would wait for every page copied since the last sync (about 20 ms, measured).
    sqlite3_file *file = nullptr;
    if (sqlite3_file_control(m_db, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK && file &&
        file->pMethods)
        file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] {
                return m_stopping || (m_requested && !m_finishWanted.load(std::memory_order_relaxed));
            });
            if (m_stopping)
                return;
            m_requested = false;
            m_backgroundCopying = true;
        }
        int logFrames = 0;
        const bool copied = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames,
                                                      nullptr) == SQLITE_OK;
        if (copied)
            syncDatabaseFile();
        {
            std::lock_guard lock(m_mutex);
            m_backgroundCopying = false;
            if (copied && logFrames >= m_restartFrames)
                m_finishWanted.store(true, std::memory_order_release);
        }
        m_wake.notify_all();
    }
}

} // namespace preflight
