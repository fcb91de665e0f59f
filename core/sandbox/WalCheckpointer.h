#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace preflight {

// Copies an SQLite database's write-ahead log into the database on a thread and connection of its own.
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: milliseconds of
// copying and an fsync while the writer, and every reply waiting for its commit, stands still. A
// passive checkpoint here never blocks the writer, which asks for one from its WAL hook. Under a load
// that never pauses the log is never fully copied at a moment the writer could start it over, so past
// `restartFrames` a short restarting checkpoint follows (it holds the writer back only while it copies
// what the passive one left), and the file stays bounded.
class WalCheckpointer
{
public:
    WalCheckpointer(const std::string &path, int restartFrames);
    ~WalCheckpointer(); // finishes a running checkpoint, then stops
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // False when its connection could not be opened: the writer keeps SQLite's own checkpoints then.
    bool isRunning() const { return m_db != nullptr; }
    // Thread-safe; a request while one runs starts another afterwards.
    void request();

private:
    void run();

    sqlite3 *m_db = nullptr;
    int m_restartFrames;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace preflight
