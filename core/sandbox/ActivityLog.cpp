#include "sandbox/ActivityLog.h"

#include <algorithm>

namespace preflight {

ActivityLog::ActivityLog(std::size_t capacity, QObject *parent, std::size_t bodyBudgetBytes)
    : QObject(parent), m_capacity(std::max<std::size_t>(capacity, 1)), m_bodyBudget(bodyBudgetBytes)
{
}

std::int64_t ActivityLog::append(ActivityEntry entry)
{
    if (entry.sequence <= 0)
        entry.sequence = m_nextSequence;
    m_nextSequence = std::max(m_nextSequence, entry.sequence + 1);
    if (m_entries.size() >= m_capacity) {
        m_bodyBytes -= m_entries.front().body.size();
        m_entries.pop_front();
        m_oldestBody = m_oldestBody > 0 ? m_oldestBody - 1 : 0;
    }
    m_bodyBytes += entry.body.size();
    m_entries.push_back(std::move(entry));
    keepBodiesWithinBudget();
    emit entryAdded(m_entries.back());
    return m_entries.back().sequence;
}

void ActivityLog::keepBodiesWithinBudget()
{
    // Oldest first, and never the entry just added: it is the one a user is about to open.
    while (m_bodyBytes > m_bodyBudget && m_oldestBody + 1 < m_entries.size()) {
        ActivityEntry &old = m_entries[m_oldestBody++];
        m_bodyBytes -= old.body.size();
        old.body = std::string();
        old.bodyKept = false;
    }
}

std::optional<ActivityEntry> ActivityLog::find(std::int64_t sequence) const
{
    // Sequences increase along the log.
    const auto it = std::lower_bound(
        m_entries.begin(), m_entries.end(), sequence,
        [](const ActivityEntry &entry, std::int64_t wanted) { return entry.sequence < wanted; });
    if (it == m_entries.end() || it->sequence != sequence)
        return std::nullopt;
    return *it;
}

void ActivityLog::amend(std::int64_t sequence, int status, std::string outcome, std::string reason)
{
    const auto it = std::lower_bound(
        m_entries.begin(), m_entries.end(), sequence,
        [](const ActivityEntry &entry, std::int64_t wanted) { return entry.sequence < wanted; });
    if (it == m_entries.end() || it->sequence != sequence)
        return; // already evicted
    it->status = status;
    it->outcome = std::move(outcome);
    it->reason = std::move(reason);
    emit entryAmended(*it);
}

void ActivityLog::clear()
{
    m_bodyBytes = 0;
    m_oldestBody = 0;
    m_entries.clear();
    emit cleared();
}

std::vector<ActivityEntry> ActivityLog::query(const ActivityFilter &filter, std::size_t limit,
                                              bool newestFirst) const
{
    std::vector<ActivityEntry> found;
    auto take = [&](const ActivityEntry &entry) {
        if (!filter.matches(entry))
            return true;
        found.push_back(entry);
        return limit == 0 || found.size() < limit;
    };
    if (newestFirst) {
        for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it)
            if (!take(*it))
                break;
    } else {
        for (const auto &entry : m_entries)
            if (!take(entry))
                break;
    }
    return found;
}

std::size_t ActivityLog::count(const ActivityFilter &filter) const
{
    return static_cast<std::size_t>(
        std::count_if(m_entries.begin(), m_entries.end(),
                      [&](const ActivityEntry &entry) { return filter.matches(entry); }));
}

std::size_t ActivityLog::countCalls(const ActivityFilter &filter) const
{
    std::size_t calls = 0;
    for (const ActivityEntry &entry : m_entries)
        calls += filter.matchingCalls(entry);
    return calls;
}

} // namespace preflight
