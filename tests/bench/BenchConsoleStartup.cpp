// How long the console takes from nothing to a shown main window on the embedded sandbox, the figure a
// newcomer feels at every launch. Prints the median of N runs (default 5) in a fresh settings folder.
// Usage: QT_QPA_PLATFORM=offscreen BenchConsoleStartup [runs=5]
#include "MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PreflightBench"));
    QApplication::setApplicationName(QStringLiteral("preflight-bench"));
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::vector<double> millis;
    for (int run = 0; run < runs; ++run) {
        QSettings().clear();
        QElapsedTimer clock;
        clock.start();
        {
            preflight::ui::MainWindow window;
            window.show();
            if (!QTest::qWaitForWindowExposed(&window)) {
                std::fprintf(stderr, "the window was never exposed\n");
                return 1;
            }
            millis.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
        }
        QCoreApplication::processEvents();
    }
    std::sort(millis.begin(), millis.end());
    std::printf(
        "console startup: median %.1f ms, fastest %.1f ms, slowest %.1f ms over %d runs (target < 1000 ms)\n",
        millis[millis.size() / 2], millis.front(), millis.back(), runs);
    return 0;
}
