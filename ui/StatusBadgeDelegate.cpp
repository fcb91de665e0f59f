#include "StatusBadgeDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace preflight::ui {

namespace {

constexpr int kPadding = 6;

} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent), m_statusRole(statusRole)
{
}

QColor StatusBadgeDelegate::colourFor(const QString &status)
{
    // Saturated enough for white text, and readable on light and dark bases alike.
    if (status == QLatin1String("pass"))
        return QColor(0x2e, 0x7d, 0x32);
    if (status == QLatin1String("leak"))
        return QColor(0xb2, 0x5e, 0x00);
    if (status == QLatin1String("fail") || status == QLatin1String("invalid"))
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x61, 0x61, 0x61);
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QString status = index.data(m_statusRole).toString();
    if (status.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    badgeFont.setBold(true);
    const QFontMetrics metrics(badgeFont);
    const int badgeWidth = metrics.horizontalAdvance(status) + 2 * kPadding;
    QStyleOptionViewItem textOption(option);
    textOption.rect.setRight(option.rect.right() - badgeWidth - 2 * kPadding);
    // The row's background and selection span the whole width; the text stops short of the badge.
    QStyleOptionViewItem background(option);
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    QStyledItemDelegate::paint(painter, textOption, index);

    const int height = metrics.height() + 4;
    const QRect badge(option.rect.right() - badgeWidth - kPadding, option.rect.center().y() - height / 2 + 1,
                      badgeWidth, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colourFor(status));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(badgeFont);
    painter->drawText(badge, Qt::AlignCenter, status);
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 60);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
    return size;
}

} // namespace preflight::ui
