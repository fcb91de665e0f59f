#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace preflight {

// Copies an SQLite database's write-ahead log into the database on a thread and connection of its own.
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: milliseconds of
// copying and an fsync while the writer, and every reply waiting for its commit, stands still. A
// passive checkpoint here never blocks the writer, which reports each commit from its WAL hook; one is
// run each time the log has grown by `checkpointFrames`, and the database file is synced right after
// it (SQLite would sync it only after a checkpoint that empties the log, on the writer's time).
// The log starts over only when it is wholly copied at the moment the writer begins a transaction, which
// a load that never pauses never allows: the writer keeps appending while the background copy runs. So
// once the log passes `restartFrames`, the writer copies the few pages the last background checkpoint
// left, itself, right after a commit, and its next transaction starts the log over. (A restarting
// checkpoint from this thread would block the writer, whose busy handler then sleeps in steps of
// milliseconds: tens of milliseconds in all, measured.)
class WalCheckpointer
{
public:
    // `vfs`: the writer's (its connections share one locking regime).
    WalCheckpointer(const std::string &path, const char *vfs, int checkpointFrames, int restartFrames);
    ~WalCheckpointer(); // finishes a running checkpoint, then stops
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // False when its connection could not be opened: the writer keeps SQLite's own checkpoints then.
    bool isRunning() const { return m_db != nullptr; }
    // Called on the writer's thread after each of its commits (from its WAL hook), with its connection
    // and the log's size in frames.
    void logCommitted(sqlite3 *writer, int logFrames);

private:
    void request(); // a request while one runs starts another afterwards
    void finishLog(sqlite3 *writer, int logFrames);
    void run();
    void syncDatabaseFile();

    sqlite3 *m_db = nullptr;
    int m_checkpointFrames;
    int m_restartFrames;
    int m_nextRequestAt;     // the writer's thread only
    int m_lastLogFrames = 0; // the writer's thread only
    std::mutex m_mutex;
    std::condition_variable m_wake;
    // Written under m_mutex; read by the writer without it after each commit.
    // The log is long (and mostly copied): the writer ends it; the background starts no copy meanwhile.
    std::atomic<bool> m_finishWanted{false};
    bool m_requested = false;
    bool m_backgroundCopying = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace preflight
