#include "TimelineView.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <QTextDocument>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace preflight::ui {

namespace {

constexpr double kLeft = 110;
constexpr double kRight = 40;
constexpr double kLaneHeight = 110;
constexpr double kTop = 40;
constexpr std::size_t kLabelRows = 5; // 12 + 5 × 16 px below a mark stays inside its lane
constexpr std::int64_t kMinute = 60'000;

QColor colourFor(const TimelineItem &item)
{
    using K = TimelineEntry::Kind;
    if (item.lane == TimelineItem::Lane::Events)
        return QColor(0x15, 0x65, 0xc0);
    switch (item.kind) {
    case K::Sent: return QColor(0xd8, 0x43, 0x15);
    case K::Suppressed:
    case K::NotEntered: return QColor(0x75, 0x75, 0x75);
    case K::Exited:
    case K::Completed: return QColor(0x2e, 0x7d, 0x32);
    case K::Waiting:
    case K::Resumed: return QColor(0xf9, 0xa8, 0x25);
    case K::Note: return QColor(0x8e, 0x24, 0xaa);
    default: return QColor(0x00, 0x83, 0x8f);
    }
}

QString plain(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

} // namespace

TimelineView::TimelineView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
}

QSize TimelineView::sizeHint() const
{
    return {900, int(kTop + 3 * kLaneHeight + 30)};
}

QSize TimelineView::minimumSizeHint() const
{
    return {400, int(kTop + 3 * kLaneHeight + 30)};
}

void TimelineView::setItems(std::vector<TimelineItem> items, UnixMillis origin)
{
    m_items = std::move(items);
    m_origin = origin;
    m_end = origin + 60 * kMinute;
    for (const TimelineItem &item : m_items)
        m_end = std::max(m_end, item.at);
    m_selected = -1;
    layOutLabels();
    update();
}

void TimelineView::layOutLabels()
{
    // Labels of marks close together go on successive rows; x depends on the width, so this reruns on
    // every resize.
    m_labelRow.assign(m_items.size(), 0);
    std::vector<int> order(m_items.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return m_items[std::size_t(a)].at < m_items[std::size_t(b)].at;
    });
    for (int lane = 0; lane < 3; ++lane) {
        std::vector<double> rowEnds(kLabelRows, -1e9);
        for (int i : order) {
            if (int(m_items[std::size_t(i)].lane) != lane)
                continue;
            const QRectF label = labelRect(i); // on row 0 so far
            std::size_t row = 0;
            while (row + 1 < rowEnds.size() && rowEnds[row] > label.left() - 4)
                ++row;
            m_labelRow[std::size_t(i)] = int(row);
            rowEnds[row] = label.right();
        }
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    layOutLabels();
    QWidget::resizeEvent(event);
}

void TimelineView::select(int index)
{
    m_selected = index;
    update();
    emit itemSelected(index);
}

double TimelineView::xFor(UnixMillis at) const
{
    const double width = std::max(50.0, this->width() - kLeft - kRight);
    const double span = std::log1p(double(m_end - m_origin) / kMinute);
    const double t = std::log1p(std::max<double>(0, double(at - m_origin)) / kMinute);
    return kLeft + (span > 0 ? t / span : 0) * width;
}

double TimelineView::laneY(TimelineItem::Lane lane) const
{
    return kTop + int(lane) * kLaneHeight + 28;
}

QPointF TimelineView::markPosition(int index) const
{
    const TimelineItem &item = m_items.at(std::size_t(index));
    return {xFor(item.at), laneY(item.lane)};
}

QRectF TimelineView::labelRect(int index) const
{
    const QPointF mark = markPosition(index);
    const double width = fontMetrics().horizontalAdvance(m_items.at(std::size_t(index)).label) + 6;
    // Beside the mark, or ending at the right edge when it would run off it.
    const double left = std::max(0.0, std::min(mark.x() - 3, this->width() - width - 2));
    const std::size_t row =
        std::size_t(index) < m_labelRow.size() ? std::size_t(m_labelRow[std::size_t(index)]) : 0;
    return {left, mark.y() + 12 + double(row) * 16, width, 16};
}

int TimelineView::itemAt(const QPointF &point) const
{
    // Marks at the same moment overlap; their labels, on rows of their own, tell them apart.
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        if (labelRect(int(i)).contains(point))
            return int(i);
    }
    int best = -1;
    double bestDistance = 12;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const QPointF mark = markPosition(int(i));
        double distance = std::hypot(mark.x() - point.x(), mark.y() - point.y());
        if (m_items[i].lane == TimelineItem::Lane::Events && std::abs(point.y() - mark.y()) < 8 &&
            point.x() >= xFor(m_items[i].occurredAt) - 6 && point.x() <= mark.x() + 6)
            distance = std::min(distance, 4.0); // anywhere on the occurred → arrived bar
        if (distance < bestDistance) {
            bestDistance = distance;
            best = int(i);
        }
    }
    return best;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const double right = width() - kRight;

    // Axis ticks: fixed, human offsets.
    const std::pair<std::int64_t, const char *> ticks[] = {{0, "0"},
                                                           {kMinute, "1m"},
                                                           {5 * kMinute, "5m"},
                                                           {15 * kMinute, "15m"},
                                                           {30 * kMinute, "30m"},
                                                           {60 * kMinute, "1h"},
                                                           {3 * 60 * kMinute, "3h"},
                                                           {12 * 60 * kMinute, "12h"},
                                                           {24 * 60 * kMinute, "1d"},
                                                           {3 * 24 * 60 * kMinute, "3d"},
                                                           {7 * 24 * 60 * kMinute, "7d"},
                                                           {30 * 24 * 60 * kMinute, "30d"}};
    painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    for (const auto &[millis, text] : ticks) {
        if (m_origin + millis > m_end)
            break;
        const double x = xFor(m_origin + millis);
        painter.drawLine(QPointF(x, kTop - 6), QPointF(x, kTop + 3 * kLaneHeight - 10));
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(x - 30, kTop - 28, 60, 18), Qt::AlignCenter, QString::fromLatin1(text));
        painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    }

    const char *laneNames[] = {"Events", "Journeys", "Segments"};
    QFont bold = font();
    bold.setBold(true);
    for (int lane = 0; lane < 3; ++lane) {
        const double y = laneY(TimelineItem::Lane(lane));
        painter.setPen(QPen(pal.color(QPalette::Mid), 1));
        painter.drawLine(QPointF(kLeft, y), QPointF(right, y));
        painter.setFont(bold);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(8, y - 10, kLeft - 16, 20), Qt::AlignVCenter | Qt::AlignLeft,
                         tr(laneNames[lane]));
    }
    painter.setFont(font());

    if (m_items.empty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Run a scenario to see its people's timelines"));
        return;
    }
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const TimelineItem &item = m_items[i];
        const QPointF mark = markPosition(int(i));
        const QColor colour = colourFor(item);
        const bool selected = int(i) == m_selected;
        if (item.lane == TimelineItem::Lane::Events) {
            const double occurredX = xFor(item.occurredAt);
            if (mark.x() - occurredX > 1) {
                // The delivery gap: a translucent bar from occurred to arrived.
                QColor gap(0xe5, 0x39, 0x35);
                gap.setAlpha(90);
                painter.fillRect(QRectF(occurredX, mark.y() - 4, mark.x() - occurredX, 8), gap);
                painter.setPen(QPen(colour, 2));
                painter.setBrush(pal.color(QPalette::Base));
                painter.drawEllipse(QPointF(occurredX, mark.y()), 5, 5);
            }
        }
        painter.setPen(
            QPen(selected ? pal.color(QPalette::Highlight) : colour.darker(130), selected ? 3 : 1));
        painter.setBrush(colour);
        if (item.kind == TimelineEntry::Kind::Sent) {
            QPainterPath diamond;
            diamond.moveTo(mark + QPointF(0, -8));
            diamond.lineTo(mark + QPointF(8, 0));
            diamond.lineTo(mark + QPointF(0, 8));
            diamond.lineTo(mark + QPointF(-8, 0));
            diamond.closeSubpath();
            painter.drawPath(diamond);
        } else {
            painter.drawEllipse(mark, 6, 6);
        }
        painter.setPen(selected ? pal.color(QPalette::Highlight) : colour.darker(140));
        const double labelY = labelRect(int(i)).top();
        if (m_labelRow[i] > 0) {
            painter.setPen(QPen(colour.lighter(150), 1));
            painter.drawLine(QPointF(mark.x(), mark.y() + 8), QPointF(mark.x(), labelY));
            painter.setPen(selected ? pal.color(QPalette::Highlight) : colour.darker(140));
        }
        painter.drawText(QRectF(labelRect(int(i)).left(), labelY, 400, 16), Qt::AlignLeft | Qt::AlignTop,
                         item.label);
    }
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    const int hit = itemAt(event->position());
    if (hit >= 0)
        select(hit);
    QWidget::mousePressEvent(event);
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int hit = itemAt(help->pos());
        if (hit >= 0)
            QToolTip::showText(help->globalPos(), plain(m_items[std::size_t(hit)].details), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace preflight::ui
