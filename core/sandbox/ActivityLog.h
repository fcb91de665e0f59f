#pragma once

#include "sandbox/ActivityEntry.h"

#include <QObject>

#include <deque>
#include <vector>

namespace preflight {

// The sandbox's recent activity, newest last, bounded: the oldest entries go when it is full so a
// long run under load keeps a fixed footprint (with --db every request is also on disk).
class ActivityLog : public QObject
{
    Q_OBJECT

public:
    explicit ActivityLog(std::size_t capacity = 100'000, QObject *parent = nullptr);

    // Gives the entry its sequence number (unless it has one, as replayed entries do) and keeps it.
    std::int64_t append(ActivityEntry entry);
    void clear();

    std::size_t size() const { return m_entries.size(); }
    std::size_t capacity() const { return m_capacity; }
    std::int64_t lastSequence() const { return m_nextSequence - 1; }

    // Oldest first; at most `limit` entries (0 = no limit). With newestFirst, the newest `limit`.
    std::vector<ActivityEntry> query(const ActivityFilter &filter, std::size_t limit = 0,
                                     bool newestFirst = false) const;
    std::size_t count(const ActivityFilter &filter) const;

signals:
    void entryAdded(const preflight::ActivityEntry &entry);
    void cleared();

private:
    std::size_t m_capacity;
    std::deque<ActivityEntry> m_entries;
    std::int64_t m_nextSequence = 1;
};

} // namespace preflight
