#pragma once

#include "sandbox/ActivityEntry.h"

#include <QWidget>

#include <map>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
class QTimer;

namespace preflight::ui {

// Event volume and plan violations over time, bucketed per minute (the last hour), redrawn at most once a
// second however fast entries arrive.
class ActivityChart : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 kBucketMillis = 60'000;
    static constexpr int kBuckets = 60;

    explicit ActivityChart(QWidget *parent = nullptr);

    void add(const ActivityEntry &entry);
    void clear();
    // Totals in the buckets currently kept, for tests.
    qint64 totalEvents() const;
    qint64 totalViolations() const;
    void redraw();

private:
    struct Bucket {
        qint64 events = 0;
        qint64 violations = 0;
    };
    std::map<qint64, Bucket> m_buckets; // bucket start (unix ms) -> counts
    QChartView *m_view;
    QLineSeries *m_events;
    QLineSeries *m_violations;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_countAxis;
    QTimer *m_redrawTimer;
};

} // namespace preflight::ui
