#include "MainWindow.h"

#include <preflight/Version.h>

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("preflight"));
    QApplication::setApplicationDisplayName(QStringLiteral("Preflight"));
    QApplication::setOrganizationName(QStringLiteral("Preflight"));
    // Matches the installed desktop entry, so Wayland compositors show its name and icon for our windows.
    QApplication::setDesktopFileName(QStringLiteral("io.preflight.Preflight"));
    QApplication::setApplicationVersion(QString::fromUtf8(preflight::kVersionString));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Preflight operator console for Customer.io data"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder to open"),
                                 QStringLiteral("[project]"));
    parser.process(app);

    preflight::ui::MainWindow window;
    window.show();
    return app.exec();
}
