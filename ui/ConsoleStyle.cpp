#include "ConsoleStyle.h"

#include "Theme.h"

#include <QPainter>
#include <QStyleOption>

namespace preflight::ui {

ConsoleStyle::ConsoleStyle(QStyle *base) : QProxyStyle(base) {}

void ConsoleStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                                 const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const bool box = element == PE_IndicatorCheckBox;
    const bool radio = element == PE_IndicatorRadioButton;
    if (!(box || radio) || !Theme::isDark(option->palette))
        return;
    // Fusion's indicator is a square of the smaller side, centred in the option's rect.
    const int side = std::min(option->rect.width(), option->rect.height());
    QRectF outline(0, 0, side - 1, side - 1);
    outline.moveCenter(QRectF(option->rect).center());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, radio);
    const bool enabled = option->state & State_Enabled;
    painter->setPen(QPen(enabled ? Theme::controlOutline() : option->palette.color(QPalette::Mid), 1));
    painter->setBrush(Qt::NoBrush);
    if (radio)
        painter->drawEllipse(outline.adjusted(0.5, 0.5, -0.5, -0.5));
    else
        painter->drawRect(outline.adjusted(0.5, 0.5, -0.5, -0.5));
    painter->restore();
}

} // namespace preflight::ui
