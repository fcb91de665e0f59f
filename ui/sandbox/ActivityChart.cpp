#include "ActivityChart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <memory>

namespace preflight::ui {

ActivityChart::ActivityChart(QWidget *parent)
    : QWidget(parent)
    , m_view(new QChartView(this))
    , m_events(new QLineSeries)
    , m_violations(new QLineSeries)
    , m_timeAxis(new QDateTimeAxis)
    , m_countAxis(new QValueAxis)
    , m_redrawTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("activityChart"));
    auto *chart = new QChart;
    chart->setTitle(tr("Sandbox requests per minute"));
    m_events->setName(tr("Requests with an event or call"));
    m_violations->setName(tr("Plan violations"));
    m_violations->setColor(QColor(0xc6, 0x28, 0x28));
    chart->addSeries(m_events);
    chart->addSeries(m_violations);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTitleText(tr("Arrived (local time)"));
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setTitleText(tr("per minute"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_events, m_violations}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_countAxis);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    // setChart hands the view's own first chart back to us rather than deleting it.
    std::unique_ptr<QChart> replaced(m_view->chart());
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(1000);
    connect(m_redrawTimer, &QTimer::timeout, this, &ActivityChart::redraw);
    redraw();
}

void ActivityChart::add(const ActivityEntry &entry)
{
    Bucket &bucket = m_buckets[entry.arrivedAt - entry.arrivedAt % kBucketMillis];
    ++bucket.events;
    if (entry.verdicts.is_array() && !entry.verdicts.empty())
        ++bucket.violations;
    while (m_buckets.size() > std::size_t(kBuckets))
        m_buckets.erase(m_buckets.begin());
    if (!m_redrawTimer->isActive())
        m_redrawTimer->start();
}

void ActivityChart::clear()
{
    m_buckets.clear();
    redraw();
}

qint64 ActivityChart::totalEvents() const
{
    qint64 total = 0;
    for (const auto &[start, bucket] : m_buckets)
        total += bucket.events;
    return total;
}

qint64 ActivityChart::totalViolations() const
{
    qint64 total = 0;
    for (const auto &[start, bucket] : m_buckets)
        total += bucket.violations;
    return total;
}

void ActivityChart::redraw()
{
    QList<QPointF> events, violations;
    qint64 maxCount = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 last = m_buckets.empty() ? now - now % kBucketMillis : m_buckets.rbegin()->first;
    const qint64 first = m_buckets.empty() ? last - 10 * kBucketMillis
                                           : std::min(m_buckets.begin()->first, last - 10 * kBucketMillis);
    // Every minute gets a point, so quiet minutes show as zero rather than a line across them.
    for (qint64 t = first; t <= last; t += kBucketMillis) {
        const auto it = m_buckets.find(t);
        const Bucket bucket = it == m_buckets.end() ? Bucket{} : it->second;
        events.append(QPointF(double(t), double(bucket.events)));
        violations.append(QPointF(double(t), double(bucket.violations)));
        maxCount = std::max(maxCount, bucket.events);
    }
    m_events->replace(events);
    m_violations->replace(violations);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
    m_countAxis->setRange(0, double(std::max<qint64>(maxCount, 4)) * 1.1);
    m_countAxis->applyNiceNumbers(); // ticks at 0, 20, 40… rather than 37, 75, 113
}

} // namespace preflight::ui
