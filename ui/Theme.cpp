#include "Theme.h"

#include "ConsoleStyle.h"

#include <QApplication>
#include <QStyleFactory>

namespace preflight::ui {

bool Theme::isDark(const QPalette &palette)
{
    // A dark scheme draws light text on a dark window; comparing the two survives odd custom themes.
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

bool Theme::isDark()
{
    return isDark(QApplication::palette());
}

Theme::Appearance Theme::appearanceFromName(const QString &name)
{
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Appearance::Dark;
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Appearance::Light;
    return Appearance::System;
}

void Theme::apply(QApplication &app, Appearance appearance)
{
    if (appearance == Appearance::System)
        return;
    // Fusion honours every palette role on every platform, so a forced scheme looks the same everywhere.
    app.setStyle(new ConsoleStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    app.setPalette(appearance == Appearance::Dark ? darkPalette() : lightPalette());
}

QPalette Theme::lightPalette()
{
    QPalette palette(QColor(0xf3, 0xf4, 0xf6));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf8, 0xfa));
    palette.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

QPalette Theme::darkPalette()
{
    QPalette palette;
    const QColor window(0x23, 0x26, 0x2b);
    const QColor base(0x1b, 0x1d, 0x21);
    const QColor text(0xe6, 0xe7, 0xe9);
    const QColor disabled(0x80, 0x84, 0x8a);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2e));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x2d, 0x31, 0x37));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x45));
    palette.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3d));
    palette.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x32));
    palette.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x19));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x60, 0xa5, 0xfa));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

// Production must never be mistaken for the sandbox: a saturated red in both schemes.
QColor Theme::productionBackground()
{
    return isDark() ? QColor(0xdc, 0x26, 0x26) : QColor(0xb9, 0x1c, 0x1c);
}

QColor Theme::productionText()
{
    return Qt::white;
}

QColor Theme::errorColor()
{
    return isDark() ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c);
}

QColor Theme::warningColor()
{
    return isDark() ? QColor(0xfb, 0xbf, 0x24) : QColor(0xb4, 0x53, 0x09);
}

QColor Theme::infoColor()
{
    return isDark() ? QColor(0x60, 0xa5, 0xfa) : QColor(0x1d, 0x4e, 0xd8);
}

QColor Theme::controlOutline()
{
    return QColor(0x8b, 0x90, 0x98);
}

QColor Theme::okColor()
{
    return isDark() ? QColor(0x4a, 0xde, 0x80) : QColor(0x15, 0x80, 0x3d);
}

} // namespace preflight::ui
