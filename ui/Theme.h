#pragma once

#include <QColor>
#include <QPalette>

class QApplication;

namespace preflight::ui {

// Colours the console adds on top of the platform palette, in a light and a dark variant. Qt 6.4 has no
// QStyleHints::colorScheme, so darkness is read from the palette itself.
class Theme
{
public:
    enum class Appearance { System, Light, Dark };

    static bool isDark(const QPalette &palette);
    static bool isDark(); // of the application palette

    // Applies an explicit light or dark Fusion palette, or leaves the platform palette (System).
    static void apply(QApplication &app, Appearance appearance);
    static Appearance appearanceFromName(const QString &name);

    static QColor productionBackground();
    static QColor productionText();
    static QColor errorColor();
    static QColor warningColor();
    static QColor infoColor();
    static QColor okColor();
    // The edge of a check box or radio button in the dark scheme (ConsoleStyle draws it).
    static QColor controlOutline();

    static QPalette lightPalette();
    static QPalette darkPalette();
};

} // namespace preflight::ui
