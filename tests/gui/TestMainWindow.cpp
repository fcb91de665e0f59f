#include "MainWindow.h"

#include <QStatusBar>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensOnTheSandbox()
    {
        preflight::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("sandbox")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
