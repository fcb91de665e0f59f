#pragma once

#include <QStyledItemDelegate>

namespace preflight::ui {

// Draws an item's text with a coloured badge at its right edge that also carries the status in words
// (the `statusRole` text: pass, fail, leak, invalid, dropped…), so colour is never the only signal.
class StatusBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    StatusBadgeDelegate(int statusRole, QObject *parent = nullptr);

    static QColor colourFor(const QString &status);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_statusRole;
};

} // namespace preflight::ui
