#include "MainWindow.h"
#include "ScreenshotWriter.h"
#include "Theme.h"

#include <preflight/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char *argv[])
{
    QElapsedTimer startup;
    startup.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("preflight"));
    QApplication::setApplicationDisplayName(QStringLiteral("Preflight"));
    QApplication::setOrganizationName(QStringLiteral("Preflight"));
    // Matches the installed desktop entry, so Wayland compositors show its name and icon for our windows.
    QApplication::setDesktopFileName(QStringLiteral("io.preflight.Preflight"));
    QApplication::setApplicationVersion(QString::fromUtf8(preflight::kVersionString));
    QSettings::setDefaultFormat(QSettings::IniFormat);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Preflight operator console for Customer.io data"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Project folder (or project file) to open"),
                                 QStringLiteral("[project]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save each main page as <dir>/<page>.png with default settings, then quit."),
        QStringLiteral("dir"));
    const QCommandLineOption appearanceOption(
        QStringLiteral("appearance"), QStringLiteral("Colour scheme: system (default), light or dark."),
        QStringLiteral("scheme"), QStringLiteral("system"));
    parser.addOption(screenshotOption);
    parser.addOption(appearanceOption);
    parser.process(app);

    const bool screenshots = parser.isSet(screenshotOption);
    // Screenshots must not depend on (or change) the user's saved layout.
    QTemporaryDir scratchSettings;
    if (screenshots)
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratchSettings.path());

    preflight::ui::Theme::apply(app,
                                preflight::ui::Theme::appearanceFromName(parser.value(appearanceOption)));

    preflight::ui::MainWindow window;
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        window.openProject(positional.first());
    else if (!screenshots)
        window.restoreLastProject();
    window.show();

    if (screenshots) {
        std::fprintf(stderr, "preflight: window shown %lld ms after start\n",
                     static_cast<long long>(startup.elapsed()));
        const auto written =
            preflight::ui::ScreenshotWriter::writeAll(window, parser.value(screenshotOption));
        if (!written.ok()) {
            std::fprintf(stderr, "preflight: %s\n", written.error().toString().c_str());
            return 1;
        }
        for (const QString &path : written.value())
            std::printf("%s\n", qPrintable(path));
        return 0;
    }
    return app.exec();
}
