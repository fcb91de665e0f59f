#include "sandbox/ActivityLog.h"

#include <algorithm>

namespace preflight {

ActivityLog::ActivityLog(std::size_t capacity, QObject *parent)
    : QObject(parent), m_capacity(std::max<std::size_t>(capacity, 1))
{
}

std::int64_t ActivityLog::append(ActivityEntry entry)
{
    if (entry.sequence <= 0)
        entry.sequence = m_nextSequence;
    m_nextSequence = std::max(m_nextSequence, entry.sequence + 1);
    if (m_entries.size() >= m_capacity)
        m_entries.pop_front();
    m_entries.push_back(std::move(entry));
    emit entryAdded(m_entries.back());
    return m_entries.back().sequence;
}

void ActivityLog::clear()
{
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

} // namespace preflight
