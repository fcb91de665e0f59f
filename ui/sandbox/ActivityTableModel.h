#pragma once

#include "sandbox/ActivityEntry.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace preflight::ui {

// The sandbox activity log as a lazy table: rows are compact records (strings interned), entries arrive
// through a buffer flushed by a timer so a burst of requests becomes one insert, and the filter is applied
// here over interned ids rather than through a QSortFilterProxyModel, which cannot keep up with a million
// rows under live inserts. Bounded: beyond capacity the oldest rows go.
class ActivityTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Sequence, Time, Api, Person, Event, Status, Outcome, Verdict, ColumnCount };
    enum class VerdictFilter { Any, Pass, Fail };
    struct Filter {
        QString person;      // exact identifier; empty: anyone
        QString event;       // exact event name; empty: any
        QString outcome;     // "accepted", "rejected", "dropped", "fault"; empty: any
        int statusClass = 0; // 2, 4, 5 (2xx/4xx/5xx) or 0: any
        VerdictFilter verdict = VerdictFilter::Any;
    };

    explicit ActivityTableModel(std::size_t capacity = 1'000'000, QObject *parent = nullptr);

    // Queued; visible after the next flush (at most kFlushMillis later), or call flush().
    void append(const ActivityEntry &entry);
    void flush();
    void clear();
    // A logged request's status and outcome changed (its write failed after it was logged).
    void amend(const ActivityEntry &entry);

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }

    std::size_t totalCount() const { return m_rows.size(); }
    std::size_t capacity() const { return m_capacity; }
    // The full entry behind a visible row (rebuilt from the compact record).
    ActivityEntry entryAt(int row) const;
    QStringList people() const;
    QStringList eventNames() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static constexpr int kFlushMillis = 100;

signals:
    void flushed(int added);

private:
    struct Row {
        std::int64_t sequence = 0;
        UnixMillis arrivedAt = 0;
        std::uint32_t person = 0; // index into m_strings (0 = "")
        std::uint32_t event = 0;
        std::uint32_t path = 0;
        std::uint64_t detail = 0; // 1 + absolute index into m_details when there is a reason or verdicts
        std::uint16_t status = 0;
        std::uint8_t api = 0; // index into m_strings, small
        std::uint8_t outcome = 0;
        std::uint8_t method = 0;
        bool violations = false;
    };
    struct Detail {
        std::string reason;
        Json verdicts;
    };

    const Detail *detailOf(const Row &row) const; // nullptr when it has none or it was evicted
    std::uint32_t intern(const std::string &text);
    std::optional<std::uint32_t> lookup(const QString &text) const;
    bool matches(const Row &row) const;
    void rebuildVisible();
    const std::string &text(std::uint32_t id) const { return m_strings[id]; }

    std::size_t m_capacity;
    std::deque<Row> m_rows;
    std::uint64_t m_dropped = 0;         // rows evicted from the front so far
    std::deque<std::uint64_t> m_visible; // absolute row numbers (m_dropped + index) passing the filter
    std::vector<std::string> m_strings{std::string()};
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::deque<Detail> m_details; // in row order, so evicting rows drops details from the front
    std::uint64_t m_detailsDropped = 0;
    std::vector<ActivityEntry> m_pending;
    QTimer m_flushTimer;
    Filter m_filter;
    // The filter as interned ids; nullopt when its text was never seen (nothing matches).
    std::optional<std::uint32_t> m_personId = 0u, m_eventId = 0u, m_outcomeId = 0u;
};

} // namespace preflight::ui
