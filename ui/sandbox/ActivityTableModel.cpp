#include "ActivityTableModel.h"

#include "Theme.h"

#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace preflight::ui {

ActivityTableModel::ActivityTableModel(std::size_t capacity, QObject *parent)
    : QAbstractTableModel(parent), m_capacity(std::max<std::size_t>(capacity, 1))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMillis);
    connect(&m_flushTimer, &QTimer::timeout, this, &ActivityTableModel::flush);
}

void ActivityTableModel::append(const ActivityEntry &entry)
{
    m_pending.push_back(entry);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

std::uint32_t ActivityTableModel::intern(const std::string &text)
{
    if (text.empty())
        return 0;
    auto [it, inserted] = m_ids.try_emplace(text, static_cast<std::uint32_t>(m_strings.size()));
    if (inserted)
        m_strings.push_back(text);
    return it->second;
}

std::optional<std::uint32_t> ActivityTableModel::lookup(const QString &text) const
{
    if (text.isEmpty())
        return 0;
    const auto it = m_ids.find(text.toStdString());
    if (it == m_ids.end())
        return std::nullopt;
    return it->second;
}

void ActivityTableModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    std::vector<ActivityEntry> batch;
    batch.swap(m_pending);

    // Evict first so the model never holds more than its capacity.
    const std::size_t overflow = m_rows.size() + batch.size() > m_capacity
                                     ? std::min(m_rows.size(), m_rows.size() + batch.size() - m_capacity)
                                     : 0;
    if (overflow > 0) {
        const std::uint64_t firstKept = m_dropped + overflow;
        std::size_t visibleGone = 0;
        while (visibleGone < m_visible.size() && m_visible[visibleGone] < firstKept)
            ++visibleGone;
        if (visibleGone > 0)
            beginRemoveRows({}, 0, int(visibleGone) - 1);
        for (std::size_t i = 0; i < overflow; ++i) {
            if (m_rows.front().detail != 0 && !m_details.empty()) {
                m_details.pop_front();
                ++m_detailsDropped;
            }
            m_rows.pop_front();
        }
        m_dropped = firstKept;
        m_visible.erase(m_visible.begin(), m_visible.begin() + std::ptrdiff_t(visibleGone));
        if (visibleGone > 0)
            endRemoveRows();
    }
    // A batch bigger than the capacity keeps only its newest entries.
    const std::size_t skip = batch.size() > m_capacity ? batch.size() - m_capacity : 0;

    std::vector<std::uint64_t> added;
    for (std::size_t i = skip; i < batch.size(); ++i) {
        const ActivityEntry &entry = batch[i];
        Row row;
        row.sequence = entry.sequence;
        row.arrivedAt = entry.arrivedAt;
        row.person = intern(entry.person);
        row.event = intern(entry.eventName);
        row.path = intern(entry.path);
        row.status = static_cast<std::uint16_t>(std::clamp(entry.status, 0, 65535));
        row.api = static_cast<std::uint8_t>(std::min<std::uint32_t>(intern(entry.api), 255));
        row.outcome = static_cast<std::uint8_t>(std::min<std::uint32_t>(intern(entry.outcome), 255));
        row.method = static_cast<std::uint8_t>(std::min<std::uint32_t>(intern(entry.method), 255));
        row.violations = entry.verdicts.is_array() && !entry.verdicts.empty();
        if (!entry.reason.empty() || row.violations) {
            m_details.push_back({entry.reason, entry.verdicts});
            row.detail = m_detailsDropped + m_details.size();
        }
        m_rows.push_back(row);
        if (matches(row))
            added.push_back(m_dropped + m_rows.size() - 1);
    }
    // The filter ids may have been unknown before this batch interned them.
    if (!m_filter.person.isEmpty() || !m_filter.event.isEmpty() || !m_filter.outcome.isEmpty()) {
        const auto person = lookup(m_filter.person), event = lookup(m_filter.event),
                   outcome = lookup(m_filter.outcome);
        if (person != m_personId || event != m_eventId || outcome != m_outcomeId) {
            setFilter(m_filter);
            emit flushed(int(batch.size() - skip));
            return;
        }
    }
    if (!added.empty()) {
        const int first = int(m_visible.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_visible.insert(m_visible.end(), added.begin(), added.end());
        endInsertRows();
    }
    emit flushed(int(batch.size() - skip));
}

void ActivityTableModel::amend(const ActivityEntry &entry)
{
    flush();
    const auto it =
        std::lower_bound(m_rows.begin(), m_rows.end(), entry.sequence,
                         [](const Row &row, std::int64_t wanted) { return row.sequence < wanted; });
    if (it == m_rows.end() || it->sequence != entry.sequence)
        return;
    it->status = static_cast<std::uint16_t>(std::clamp(entry.status, 0, 65535));
    it->outcome = static_cast<std::uint8_t>(std::min<std::uint32_t>(intern(entry.outcome), 255));
    // Details stay in row order (eviction relies on it), so only a row that has one gets the new reason.
    if (it->detail > m_detailsDropped && it->detail - m_detailsDropped <= m_details.size())
        m_details[it->detail - m_detailsDropped - 1].reason = entry.reason;
    const std::uint64_t absolute = m_dropped + std::uint64_t(it - m_rows.begin());
    if (m_filter.outcome.isEmpty() && m_filter.statusClass == 0) {
        const auto shown = std::lower_bound(m_visible.begin(), m_visible.end(), absolute);
        if (shown != m_visible.end() && *shown == absolute) {
            const int row = int(shown - m_visible.begin());
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        return;
    }
    setFilter(m_filter); // the amended row may now pass or fail the filter
}

void ActivityTableModel::clear()
{
    beginResetModel();
    m_pending.clear();
    m_rows.clear();
    m_visible.clear();
    m_details.clear();
    m_detailsDropped = 0;
    m_dropped = 0;
    endResetModel();
}

bool ActivityTableModel::matches(const Row &row) const
{
    if (!m_personId || !m_eventId || !m_outcomeId)
        return false;
    if (*m_personId != 0 && row.person != *m_personId)
        return false;
    if (*m_eventId != 0 && row.event != *m_eventId)
        return false;
    if (*m_outcomeId != 0 && row.outcome != *m_outcomeId)
        return false;
    if (m_filter.statusClass != 0 && row.status / 100 != m_filter.statusClass)
        return false;
    if (m_filter.verdict == VerdictFilter::Pass && row.violations)
        return false;
    if (m_filter.verdict == VerdictFilter::Fail && !row.violations)
        return false;
    return true;
}

void ActivityTableModel::setFilter(const Filter &filter)
{
    m_filter = filter;
    m_personId = lookup(filter.person);
    m_eventId = lookup(filter.event);
    m_outcomeId = lookup(filter.outcome);
    rebuildVisible();
}

void ActivityTableModel::rebuildVisible()
{
    beginResetModel();
    m_visible.clear();
    std::uint64_t index = m_dropped;
    for (const Row &row : m_rows) {
        if (matches(row))
            m_visible.push_back(index);
        ++index;
    }
    endResetModel();
}

ActivityEntry ActivityTableModel::entryAt(int row) const
{
    ActivityEntry entry;
    if (row < 0 || row >= rowCount())
        return entry;
    const Row &r = m_rows[m_visible[std::size_t(row)] - m_dropped];
    entry.sequence = r.sequence;
    entry.arrivedAt = r.arrivedAt;
    entry.person = text(r.person);
    entry.eventName = text(r.event);
    entry.path = text(r.path);
    entry.status = r.status;
    entry.api = text(r.api);
    entry.outcome = text(r.outcome);
    entry.method = text(r.method);
    if (const Detail *detail = detailOf(r)) {
        entry.reason = detail->reason;
        entry.verdicts = detail->verdicts;
    }
    return entry;
}

const ActivityTableModel::Detail *ActivityTableModel::detailOf(const Row &row) const
{
    if (row.detail == 0 || row.detail <= m_detailsDropped)
        return nullptr;
    return &m_details[std::size_t(row.detail - 1 - m_detailsDropped)];
}

QStringList ActivityTableModel::people() const
{
    QStringList names;
    std::vector<bool> seen(m_strings.size(), false);
    for (const Row &row : m_rows) {
        if (row.person != 0 && !seen[row.person]) {
            seen[row.person] = true;
            names << QString::fromStdString(text(row.person));
        }
    }
    names.sort();
    return names;
}

QStringList ActivityTableModel::eventNames() const
{
    QStringList names;
    std::vector<bool> seen(m_strings.size(), false);
    for (const Row &row : m_rows) {
        if (row.event != 0 && !seen[row.event]) {
            seen[row.event] = true;
            names << QString::fromStdString(text(row.event));
        }
    }
    names.sort();
    return names;
}

int ActivityTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int ActivityTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[m_visible[std::size_t(index.row())] - m_dropped];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Sequence: return QVariant::fromValue<qlonglong>(row.sequence);
        case Time:
            return QDateTime::fromMSecsSinceEpoch(row.arrivedAt, Qt::UTC)
                .toString(QStringLiteral("HH:mm:ss.zzz"));
        case Api: return QString::fromStdString(text(row.api));
        case Person: return QString::fromStdString(text(row.person));
        case Event: return QString::fromStdString(text(row.event));
        case Status: return row.status == 0 ? QStringLiteral("—") : QString::number(row.status);
        case Outcome: {
            // An accepted call with a reason is one that cannot do everything it seems to (stored but
            // never triggers, attached too late…): the row says there is more, the tooltip says what.
            const QString outcome = QString::fromStdString(text(row.outcome));
            const Detail *detail = detailOf(row);
            return detail && !detail->reason.empty() && text(row.outcome) == "accepted" ? outcome + tr(" ⚠")
                                                                                        : outcome;
        }
        case Verdict:
            if (row.violations)
                return tr("violations");
            return text(row.event).empty() ? QString() : tr("pass");
        }
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Verdict && row.violations)
            return Theme::errorColor();
        if (index.column() == Status && row.status >= 400)
            return Theme::errorColor();
    }
    if (role == Qt::ToolTipRole && index.column() == Outcome) {
        const Detail *detail = detailOf(row);
        return detail && !detail->reason.empty()
                   ? QString::fromStdString(detail->reason + "\n" + text(row.path))
                   : QString::fromStdString(text(row.path));
    }
    if (role == Qt::ToolTipRole && index.column() == Person) // the column elides long identifiers
        return QString::fromStdString(text(row.person));
    return {};
}

QVariant ActivityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Sequence: return tr("#");
    case Time: return tr("Arrived (UTC)");
    case Api: return tr("API");
    case Person: return tr("Person");
    case Event: return tr("Event");
    case Status: return tr("Status");
    case Outcome: return tr("Outcome");
    case Verdict: return tr("Verdict");
    }
    return {};
}

} // namespace preflight::ui
