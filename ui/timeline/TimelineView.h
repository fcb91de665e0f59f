#pragma once

#include "TimelineItems.h"

#include <QList>
#include <QPair>
#include <QWidget>

namespace preflight::ui {

// One person's time axis, painted: an events lane (a hollow mark where each event occurred, a filled one
// where it arrived, the gap between them drawn as a bar), a journeys lane and a segments lane. Time runs on
// a logarithmic scale either side of the scenario's start (steps may sit days before it, as a win-back's
// past purchases do), so minutes and months both stay readable. Labels never overlap: marks close together
// put theirs on rows below, and a lane grows as tall as its rows need. The wheel, a pinch or the + / -
// keys zoom around a point; Left / Right pan; 0 shows everything again. Hover shows an item's summary; a
// click selects it (itemSelected).
class TimelineView : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setItems(std::vector<TimelineItem> items, UnixMillis origin);
    const std::vector<TimelineItem> &items() const { return m_items; }
    int selected() const { return m_selected; }
    void select(int index);
    // The centre of an item's mark, in widget coordinates (hit testing, tests).
    QPointF markPosition(int index) const;
    // Where an item's label is drawn; clicking it selects the item even when marks overlap. Empty when
    // the item is outside the zoomed range.
    QRectF labelRect(int index) const;
    int itemAt(const QPointF &point) const;
    // The axis' tick labels as drawn ("-30d", "0", "+1h"…) and where.
    QList<QPair<QString, QRectF>> tickLabels() const;
    bool isShown(int index) const;

    // Zooms by `factor` (> 1 closer) keeping the time under widget x `anchor` in place.
    void zoomBy(double factor, double anchor);
    void resetZoom();
    double zoom() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void itemSelected(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void layOut();
    double scaled(UnixMillis at) const; // signed log of the offset from the origin
    double xFor(UnixMillis at) const;
    double laneY(TimelineItem::Lane lane) const;
    double laneTop(int lane) const;
    double contentHeight() const;
    QRectF unplacedLabel(int index) const;

    std::vector<TimelineItem> m_items;
    std::vector<int> m_labelRow; // per item: which text row its label sits on, so labels do not overlap
    int m_laneRows[3] = {1, 1, 1};
    UnixMillis m_origin = 0;
    double m_fullLow = 0; // the whole range, in scaled units
    double m_fullHigh = 1;
    double m_viewLow = 0; // the zoomed window
    double m_viewHigh = 1;
    int m_selected = -1;
};

} // namespace preflight::ui
