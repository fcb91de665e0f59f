#pragma once

#include <QProxyStyle>

namespace preflight::ui {

// Fusion with the few fixes the console's dark scheme needs: Fusion outlines check boxes and radio
// buttons with a darker shade of the window colour, which on a dark window is as dark as the box, so an
// unchecked box would be invisible. The outline is drawn again in a colour that stands out.
class ConsoleStyle : public QProxyStyle
{
    Q_OBJECT

public:
    explicit ConsoleStyle(QStyle *base);

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace preflight::ui
