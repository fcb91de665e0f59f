#pragma once

#include "TimelineItems.h"

#include <QWidget>

namespace preflight::ui {

// One person's time axis, painted: an events lane (a hollow mark where each event occurred, a filled one
// where it arrived, the gap between them drawn as a bar), a journeys lane and a segments lane. Time runs on
// a logarithmic scale from the scenario's start so minutes and days both stay readable. Hover shows an
// item's summary; a click selects it (itemSelected).
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
    // Where an item's label is drawn; clicking it selects the item even when marks overlap.
    QRectF labelRect(int index) const;
    int itemAt(const QPointF &point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void itemSelected(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void layOutLabels();
    double xFor(UnixMillis at) const;
    double laneY(TimelineItem::Lane lane) const;

    std::vector<TimelineItem> m_items;
    std::vector<int> m_labelRow; // per item: which text row its label sits on, so labels do not overlap
    UnixMillis m_origin = 0;
    UnixMillis m_end = 0;
    int m_selected = -1;
};

} // namespace preflight::ui
