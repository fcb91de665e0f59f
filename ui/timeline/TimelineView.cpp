#include "TimelineView.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <QTextDocument>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace preflight::ui {

namespace {

constexpr double kLeft = 110;
constexpr double kRight = 24;
constexpr double kTop = 40;
constexpr double kRowHeight = 16;
constexpr double kLaneBase = 44; // the line, the mark and the gap before the next lane's line
constexpr double kMaxZoom = 200;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

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

// Text readable on the view's base colour: the mark's colour, lightened on a dark base.
QColor labelColour(const QColor &mark, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return dark ? mark.lighter(175) : mark.darker(140);
}

QString plain(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

// Human offsets, most telling first: the axis draws as many as fit without touching.
const std::int64_t kTickOffsets[] = {
    0,           kDay,         7 * kDay,  30 * kDay,  kHour,        90 * kDay,
    3 * kDay,    12 * kHour,   14 * kDay, 60 * kDay,  15 * kMinute, 3 * kHour,
    5 * kMinute, 30 * kMinute, kMinute,   180 * kDay, 365 * kDay};

QString tickText(std::int64_t offset)
{
    if (offset == 0)
        return QStringLiteral("0");
    const QString sign = offset < 0 ? QStringLiteral("−") : QStringLiteral("+");
    const std::int64_t magnitude = std::abs(offset);
    if (magnitude >= kDay)
        return sign + QString::number(magnitude / kDay) + QLatin1Char('d');
    if (magnitude >= kHour)
        return sign + QString::number(magnitude / kHour) + QLatin1Char('h');
    return sign + QString::number(magnitude / kMinute) + QLatin1Char('m');
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
    return {900, int(contentHeight())};
}

QSize TimelineView::minimumSizeHint() const
{
    return {400, int(contentHeight())};
}

double TimelineView::scaled(UnixMillis at) const
{
    const double minutes = double(at - m_origin) / kMinute;
    return std::copysign(std::log1p(std::abs(minutes)), minutes);
}

void TimelineView::setItems(std::vector<TimelineItem> items, UnixMillis origin)
{
    m_items = std::move(items);
    m_origin = origin;
    // The whole story: from the earliest step (before the start, for a win-back) to at least an hour.
    UnixMillis low = origin;
    UnixMillis high = origin + 60 * kMinute;
    for (const TimelineItem &item : m_items) {
        low = std::min({low, item.at, item.lane == TimelineItem::Lane::Events ? item.occurredAt : item.at});
        high = std::max(high, item.at);
    }
    m_fullLow = scaled(low);
    m_fullHigh = scaled(high);
    // A little room either side, so the first and last marks and their labels are not on the edge.
    const double margin = (m_fullHigh - m_fullLow) * 0.02;
    m_fullLow -= low < origin ? margin : 0;
    m_fullHigh += margin;
    m_viewLow = m_fullLow;
    m_viewHigh = m_fullHigh;
    m_selected = -1;
    layOut();
    update();
}

double TimelineView::zoom() const
{
    return (m_fullHigh - m_fullLow) / std::max(1e-9, m_viewHigh - m_viewLow);
}

void TimelineView::zoomBy(double factor, double anchor)
{
    const double span = m_viewHigh - m_viewLow;
    const double fullSpan = m_fullHigh - m_fullLow;
    const double newSpan = std::clamp(span / factor, fullSpan / kMaxZoom, fullSpan);
    const double width = std::max(50.0, this->width() - kLeft - kRight);
    const double fraction = std::clamp((anchor - kLeft) / width, 0.0, 1.0);
    const double at = m_viewLow + fraction * span;
    m_viewLow = std::clamp(at - fraction * newSpan, m_fullLow, m_fullHigh - newSpan);
    m_viewHigh = m_viewLow + newSpan;
    layOut();
    update();
}

void TimelineView::resetZoom()
{
    m_viewLow = m_fullLow;
    m_viewHigh = m_fullHigh;
    layOut();
    update();
}

double TimelineView::xFor(UnixMillis at) const
{
    const double width = std::max(50.0, this->width() - kLeft - kRight);
    const double span = m_viewHigh - m_viewLow;
    return kLeft + (span > 0 ? (scaled(at) - m_viewLow) / span : 0) * width;
}

bool TimelineView::isShown(int index) const
{
    const double x = xFor(m_items.at(std::size_t(index)).at);
    return x >= kLeft - 1 && x <= width() - kRight + 1;
}

QRectF TimelineView::unplacedLabel(int index) const
{
    const double markX = xFor(m_items.at(std::size_t(index)).at);
    const double width = fontMetrics().horizontalAdvance(m_items.at(std::size_t(index)).label) + 6;
    // Beside the mark, or ending at the right edge when it would run off it; never under the lane names.
    const double left = std::max(kLeft - 8, std::min(markX - 3, this->width() - width - 2));
    return {left, 0, width, kRowHeight};
}

void TimelineView::layOut()
{
    // Per lane, labels in order of where they start; each takes the first row where it clears the label
    // before it. Rows are not capped: the lane grows instead, so labels never overlap.
    m_labelRow.assign(m_items.size(), 0);
    std::vector<int> order;
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (isShown(int(i)))
            order.push_back(int(i));
    std::vector<QRectF> rects(m_items.size());
    for (int i : order)
        rects[std::size_t(i)] = unplacedLabel(i);
    std::stable_sort(order.begin(), order.end(), [&rects](int a, int b) {
        return rects[std::size_t(a)].left() < rects[std::size_t(b)].left();
    });
    for (int lane = 0; lane < 3; ++lane) {
        std::vector<double> rowEnds;
        for (int i : order) {
            if (int(m_items[std::size_t(i)].lane) != lane)
                continue;
            const QRectF &label = rects[std::size_t(i)];
            std::size_t row = 0;
            while (row < rowEnds.size() && rowEnds[row] > label.left() - 4)
                ++row;
            if (row == rowEnds.size())
                rowEnds.push_back(0);
            rowEnds[row] = label.right();
            m_labelRow[std::size_t(i)] = int(row);
        }
        m_laneRows[lane] = std::max<int>(1, int(rowEnds.size()));
    }
    updateGeometry();
}

double TimelineView::laneTop(int lane) const
{
    double top = kTop;
    for (int i = 0; i < lane; ++i)
        top += kLaneBase + m_laneRows[i] * kRowHeight;
    return top;
}

double TimelineView::contentHeight() const
{
    return laneTop(3) + 10;
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    layOut();
    QWidget::resizeEvent(event);
}

void TimelineView::select(int index)
{
    m_selected = index;
    update();
    emit itemSelected(index);
}

double TimelineView::laneY(TimelineItem::Lane lane) const
{
    return laneTop(int(lane)) + 12;
}

QPointF TimelineView::markPosition(int index) const
{
    const TimelineItem &item = m_items.at(std::size_t(index));
    return {xFor(item.at), laneY(item.lane)};
}

QRectF TimelineView::labelRect(int index) const
{
    if (!isShown(index))
        return {};
    QRectF rect = unplacedLabel(index);
    const std::size_t row =
        std::size_t(index) < m_labelRow.size() ? std::size_t(m_labelRow[std::size_t(index)]) : 0;
    rect.moveTop(markPosition(index).y() + 12 + double(row) * kRowHeight);
    return rect;
}

QList<QPair<QString, QRectF>> TimelineView::tickLabels() const
{
    QList<QPair<QString, QRectF>> accepted;
    const double right = width() - kRight;
    for (const std::int64_t magnitude : kTickOffsets) {
        for (const std::int64_t offset : {magnitude, -magnitude}) {
            if (offset == 0 && magnitude != 0)
                continue;
            const double x = xFor(m_origin + offset);
            if (x < kLeft - 1 || x > right + 1)
                continue;
            const QString text = tickText(offset);
            const double width = fontMetrics().horizontalAdvance(text) + 8;
            // Centred on the tick, kept inside the widget so the edge labels are never cut.
            const double left = std::clamp(x - width / 2, 0.0, this->width() - width);
            const QRectF rect(left, kTop - 28, width, 18);
            const bool clashes = std::any_of(accepted.begin(), accepted.end(), [&rect](const auto &other) {
                return other.second.adjusted(-6, 0, 6, 0).intersects(rect);
            });
            if (!clashes)
                accepted.append({text, rect});
            if (offset == 0)
                break;
        }
    }
    return accepted;
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
        if (!isShown(int(i)))
            continue;
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
    const double bottom = laneTop(3) - 6;

    const QColor gridColour = pal.color(QPalette::PlaceholderText);
    for (const auto &[text, box] : tickLabels()) {
        const double x = box.center().x();
        const bool start = text == QLatin1String("0"); // the scenario's start, drawn solid
        painter.setPen(QPen(gridColour, start ? 1.5 : 1, start ? Qt::SolidLine : Qt::DotLine));
        const double tickX = std::clamp(x, kLeft, right);
        painter.drawLine(QPointF(tickX, kTop - 6), QPointF(tickX, bottom));
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(box, Qt::AlignCenter, text);
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
    if (zoom() > 1.01) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(QRectF(8, 4, kLeft + 200, 16), Qt::AlignLeft | Qt::AlignTop,
                         tr("zoom %1× · 0 shows all").arg(zoom(), 0, 'f', 1));
    }
    painter.setClipRect(QRectF(kLeft - 10, 0, width() - kLeft + 10, height()));
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
        if (!isShown(int(i)))
            continue;
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
        const QRectF label = labelRect(int(i));
        if (m_labelRow[i] > 0) {
            painter.setPen(QPen(colour.lighter(150), 1));
            painter.drawLine(QPointF(mark.x(), mark.y() + 8), QPointF(mark.x(), label.top()));
        }
        painter.setPen(selected ? pal.color(QPalette::Highlight) : labelColour(colour, pal));
        painter.drawText(label.adjusted(3, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop, item.label);
    }
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    const int hit = itemAt(event->position());
    if (hit >= 0)
        select(hit);
    QWidget::mousePressEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y();
    if (steps == 0) {
        QWidget::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.25, steps / 120.0), event->position().x());
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const double centre = kLeft + (width() - kLeft - kRight) / 2;
    const double pan = (m_viewHigh - m_viewLow) * 0.2;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.5, centre); break;
    case Qt::Key_Minus: zoomBy(1 / 1.5, centre); break;
    case Qt::Key_0: resetZoom(); break;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const double shift = event->key() == Qt::Key_Left ? -pan : pan;
        const double span = m_viewHigh - m_viewLow;
        m_viewLow = std::clamp(m_viewLow + shift, m_fullLow, m_fullHigh - span);
        m_viewHigh = m_viewLow + span;
        layOut();
        update();
        break;
    }
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1 + gesture->value(), gesture->position().x());
            return true;
        }
    }
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
