#pragma once

#include "sandbox/ActivityEntry.h"

#include <QObject>

#include <deque>
#include <optional>
#include <vector>

namespace preflight {

// The sandbox's recent activity, newest last, bounded: the oldest entries go when it is full so a
// long run under load keeps a fixed footprint (with --db every request is also on disk).
class ActivityLog : public QObject
{
    Q_OBJECT

public:
    // Bodies are kept for the newest entries up to `bodyBudgetBytes` in all; older ones lose theirs.
    explicit ActivityLog(std::size_t capacity = 100'000, QObject *parent = nullptr,
                         std::size_t bodyBudgetBytes = 32 * 1024 * 1024);

    // Gives the entry its sequence number (unless it has one, as replayed entries do) and keeps it.
    std::int64_t append(ActivityEntry entry);
    void clear();
    // Corrects what the log says happened to a request (a write that failed after it was logged).
    void amend(std::int64_t sequence, int status, std::string outcome, std::string reason);

    std::size_t size() const { return m_entries.size(); }
    std::size_t capacity() const { return m_capacity; }
    std::int64_t lastSequence() const { return m_nextSequence - 1; }

    // Oldest first; at most `limit` entries (0 = no limit). With newestFirst, the newest `limit`.
    std::vector<ActivityEntry> query(const ActivityFilter &filter, std::size_t limit = 0,
                                     bool newestFirst = false) const;
    std::size_t count(const ActivityFilter &filter) const;
    // The calls among the matching requests that match (each item of a batch is a call).
    std::size_t countCalls(const ActivityFilter &filter) const;
    // The entry with this sequence number, while the log still holds it.
    std::optional<ActivityEntry> find(std::int64_t sequence) const;
    std::size_t bodyBytes() const { return m_bodyBytes; }

signals:
    void entryAdded(const preflight::ActivityEntry &entry);
    void entryAmended(const preflight::ActivityEntry &entry);
    void cleared();

private:
    std::size_t m_capacity;
    void keepBodiesWithinBudget();

    std::deque<ActivityEntry> m_entries;
    std::int64_t m_nextSequence = 1;
    std::size_t m_bodyBudget;
    std::size_t m_bodyBytes = 0;
    std::size_t m_oldestBody = 0; // entries before this index have had their bodies dropped
};

} // namespace preflight
