// The Scenarios page beyond one run: files that do not load stay listed and open at their error, each
// scenario keeps its results and a history of runs, Run All runs them all with progress and Cancel, and a
// failed run leaves nothing spinning.
#include "GuiTestSupport.h"
#include "support/HelperChecks.h"

#include "MainWindow.h"
#include "Project.h"
#include "workbench/ExpectationModel.h"
#include "workbench/ScenarioDocument.h"
#include "workbench/ScenarioFileEditor.h"
#include "workbench/ScenarioListModel.h"
#include "workbench/ScenarioRunHistory.h"
#include "workbench/WorkbenchPage.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>
#include <QTextBlock>
#include <QUndoStack>

using namespace preflight;
using namespace preflight::ui;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(contents);
}

// What `preflight-cli run FILE` prints (without its "preflight-cli: " prefix) and its exit code.
QPair<int, QString> cliRun(const QString &file)
{
    QProcess cli;
    cli.start(QStringLiteral(PREFLIGHT_CLI_PATH), {QStringLiteral("run"), file});
    cli.waitForFinished(60000);
    QString error = QString::fromUtf8(cli.readAllStandardError()).trimmed();
    error.remove(0, error.indexOf(QStringLiteral(": ")) + 2);
    return {cli.exitCode(), error};
}

} // namespace

class TestScenarioRuns : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;
    std::unique_ptr<QTemporaryDir> m_projectDir;
    std::unique_ptr<MainWindow> m_window;
    QString m_project;

    WorkbenchPage *workbench() const { return m_window->workbench(); }
    QListView *list() const { return m_window->findChild<QListView *>(QStringLiteral("scenarioList")); }
    QPushButton *button(const char *name) const
    {
        return m_window->findChild<QPushButton *>(QLatin1String(name));
    }
    QString summary() const { return m_window->findChild<QLabel *>(QStringLiteral("runSummary"))->text(); }

    int rowOf(const QString &name) const
    {
        const auto found =
            list()->model()->match(list()->model()->index(0, 0), Qt::DisplayRole, name, -1, Qt::MatchExactly);
        return found.size() == 1 ? found.front().row() : -1;
    }
    QString statusOf(const QString &name) const
    {
        return list()->model()->index(rowOf(name), 0).data(ScenarioListModel::StatusRole).toString();
    }
    void click(const QString &name)
    {
        const int row = rowOf(name);
        QVERIFY2(row >= 0, qPrintable(name));
        const QModelIndex index = list()->model()->index(row, 0);
        list()->scrollTo(index);
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, list()->visualRect(index).center());
        QCOMPARE(list()->currentIndex().row(), row);
    }
    void openProject()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openProject(m_project));
        m_window->showPage(MainWindow::Page::Scenarios);
    }
    void waitUntilIdle(int timeout = 60000)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!workbench()->isRunning() && button("runAllButton")->isEnabled(), timeout);
    }

private slots:
    void init()
    {
        m_settings = preflight::test::isolateSettings();
        m_projectDir = std::make_unique<QTemporaryDir>();
        m_project = m_projectDir->filePath(QStringLiteral("d2c"));
        QVERIFY(Project::createFromStarter(m_project, QStringLiteral(PREFLIGHT_EXAMPLES_DIR)).ok());
    }

    void cleanup()
    {
        if (m_window)
            m_window->project()->undoStack()->setClean();
        m_window.reset();
    }

    void invalidScenariosStayListedAndOpenAtTheirError()
    {
        const QByteArray good = readAll(m_project + QStringLiteral("/cart-recovery.scenario.json"));
        QByteArray badAt = good;
        badAt.replace("\"at\": \"+1m\"", "\"at\": \"ten minutes\"");
        QByteArray badKind = good;
        badKind.replace("\"kind\": \"track\"", "\"kind\": \"trak\"");
        QVERIFY(badAt != good && badKind != good);
        PREFLIGHT_CHECKED(writeFile(m_project + QStringLiteral("/bad-at.scenario.json"), badAt));
        PREFLIGHT_CHECKED(writeFile(m_project + QStringLiteral("/bad-kind.scenario.json"), badKind));
        PREFLIGHT_CHECKED(openProject());

        for (const QString &name : {QStringLiteral("bad-at"), QStringLiteral("bad-kind")}) {
            // Listed, marked invalid, with exactly what the command line says about the file.
            QVERIFY2(rowOf(name) >= 0, qPrintable(name));
            QCOMPARE(statusOf(name), QStringLiteral("invalid"));
            const QString file =
                m_window->project()->folder() + QLatin1Char('/') + name + QStringLiteral(".scenario.json");
            const auto [exitCode, cliMessage] = cliRun(file);
            QCOMPARE(exitCode, 2);
            QVERIFY(cliMessage.contains(QStringLiteral("#/steps/1")));
            QCOMPARE(list()->model()->index(rowOf(name), 0).data(Qt::ToolTipRole).toString(), cliMessage);

            // Opens as text with the message, the cursor on the line it is about.
            PREFLIGHT_CHECKED(click(name));
            ScenarioFileEditor *editor = workbench()->fileEditor();
            QVERIFY(editor->isVisible());
            QVERIFY2(editor->message().contains(cliMessage), qPrintable(editor->message()));
            const QByteArray culprit = name == QLatin1String("bad-at") ? "ten minutes" : "\"trak\"";
            const int expectedLine = int(readAll(file).left(readAll(file).indexOf(culprit)).count('\n')) + 1;
            QCOMPARE(editor->errorLine(), expectedLine);
            QCOMPARE(editor->textEdit()->textCursor().blockNumber() + 1, expectedLine);
            QVERIFY(editor->textEdit()->textCursor().block().text().contains(QString::fromLatin1(culprit)));
            QVERIFY(!button("runButton")->isEnabled());
        }
        QCOMPARE(m_window->scenarioDocument()->invalidCount(), 2);
        const int loaded = m_window->scenarioDocument()->count();

        // Fixing the text in the editor says so at once; saving it brings the scenario into the list.
        PREFLIGHT_CHECKED(click(QStringLiteral("bad-at")));
        QPlainTextEdit *text = workbench()->fileEditor()->textEdit();
        QTextCursor cursor = text->document()->find(QStringLiteral("ten minutes"));
        QVERIFY(!cursor.isNull());
        text->setTextCursor(cursor);
        QTest::keyClicks(text, QStringLiteral("+1m"));
        QVERIFY2(workbench()->fileEditor()->message().contains(QStringLiteral("reads as a scenario")),
                 qPrintable(workbench()->fileEditor()->message()));
        QTest::mouseClick(
            workbench()->fileEditor()->findChild<QPushButton *>(QStringLiteral("saveScenarioFile")),
            Qt::LeftButton);
        QCOMPARE(m_window->scenarioDocument()->count(), loaded + 1);
        QCOMPARE(m_window->scenarioDocument()->invalidCount(), 1);
        QCOMPARE(statusOf(QStringLiteral("bad-at")), QString());
        QCOMPARE(list()->currentIndex().data().toString(), QStringLiteral("bad-at"));
        QVERIFY(button("runButton")->isEnabled());
    }

    void keepsEachScenariosResultsAndHistory()
    {
        PREFLIGHT_CHECKED(openProject());
        PREFLIGHT_CHECKED(click(QStringLiteral("cart-recovery")));
        QCOMPARE(statusOf(QStringLiteral("cart-recovery")), QString());
        QTest::mouseClick(button("runButton"), Qt::LeftButton);
        PREFLIGHT_CHECKED(waitUntilIdle());
        QCOMPARE(statusOf(QStringLiteral("cart-recovery")), QStringLiteral("pass"));
        const int expectations = workbench()->expectationModel()->rowCount();
        QVERIFY(expectations > 0);

        // Another scenario shows its own (no) results; coming back shows the first one's again.
        PREFLIGHT_CHECKED(click(QStringLiteral("late-purchase")));
        QCOMPARE(workbench()->expectationModel()->rowCount(), 0);
        QCOMPARE(summary(), QStringLiteral("Not run yet"));
        PREFLIGHT_CHECKED(click(QStringLiteral("cart-recovery")));
        QCOMPARE(workbench()->expectationModel()->rowCount(), expectations);
        QVERIFY2(summary().contains(QStringLiteral("expectations pass")), qPrintable(summary()));

        // A second run joins the history, newest first; the older one can be shown again.
        QTest::mouseClick(button("runButton"), Qt::LeftButton);
        PREFLIGHT_CHECKED(waitUntilIdle());
        auto *history = m_window->findChild<QComboBox *>(QStringLiteral("runHistory"));
        QCOMPARE(history->count(), 2);
        QCOMPARE(workbench()
                     ->history()
                     ->runs(list()->currentIndex().data(ScenarioListModel::PathRole).toString())
                     .size(),
                 std::size_t(2));
        QVERIFY(history->itemText(0).endsWith(QStringLiteral("pass")));
        history->setCurrentIndex(1);
        emit history->activated(1);
        QCOMPARE(workbench()->expectationModel()->rowCount(), expectations);
    }

    void runAllRunsEveryScenarioAndShowsTheirStatus()
    {
        PREFLIGHT_CHECKED(openProject());
        const int scenarios = m_window->scenarioDocument()->count();
        QVERIFY(scenarios >= 5);
        QTest::mouseClick(button("runAllButton"), Qt::LeftButton);
        QVERIFY(workbench()->isRunning());
        QVERIFY(button("cancelButton")->isEnabled());
        QVERIFY(summary().startsWith(QStringLiteral("Running 1 of %1").arg(scenarios)));
        PREFLIGHT_CHECKED(waitUntilIdle(240000));
        QVERIFY2(summary().startsWith(QStringLiteral("Run All: %1 scenarios").arg(scenarios)),
                 qPrintable(summary()));
        auto *progress = m_window->findChild<QProgressBar *>(QStringLiteral("runProgress"));
        QVERIFY(progress->maximum() > 0);
        QCOMPARE(progress->value(), progress->maximum());
        for (int row = 0; row < scenarios; ++row) {
            const QString status =
                list()->model()->index(row, 0).data(ScenarioListModel::StatusRole).toString();
            QVERIFY2(
                QStringList({"pass", "fail", "leak"}).contains(status),
                qPrintable(list()->model()->index(row, 0).data().toString() + QStringLiteral(": ") + status));
        }
        // The late purchase's reminder leaks and fails its expectation; cart recovery holds.
        QCOMPARE(statusOf(QStringLiteral("late-purchase")), QStringLiteral("fail"));
        QCOMPARE(statusOf(QStringLiteral("cart-recovery")), QStringLiteral("pass"));
    }

    void runAllCanBeCancelled()
    {
        PREFLIGHT_CHECKED(openProject());
        const int scenarios = m_window->scenarioDocument()->count();
        QTest::mouseClick(button("runAllButton"), Qt::LeftButton);
        QVERIFY(workbench()->isRunning());
        QTest::mouseClick(button("cancelButton"), Qt::LeftButton);
        PREFLIGHT_CHECKED(waitUntilIdle());
        QCOMPARE(summary(), QStringLiteral("Cancelled"));
        auto *progress = m_window->findChild<QProgressBar *>(QStringLiteral("runProgress"));
        QVERIFY(progress->maximum() > 0); // not left busy
        int ran = 0;
        for (int row = 0; row < scenarios; ++row)
            ran += !list()->model()->index(row, 0).data(ScenarioListModel::StatusRole).toString().isEmpty();
        QVERIFY(ran < scenarios);
    }

    void aFailedRunLeavesNoBusyProgressBar()
    {
        // A plan the run cannot read: the run fails; the bar must stop, not spin on.
        PREFLIGHT_CHECKED(writeFile(m_project + QStringLiteral("/d2c.plan.json"), "{ \"format\": "));
        PREFLIGHT_CHECKED(openProject());
        PREFLIGHT_CHECKED(click(QStringLiteral("cart-recovery")));
        QTest::mouseClick(button("runButton"), Qt::LeftButton);
        PREFLIGHT_CHECKED(waitUntilIdle());
        QVERIFY2(summary().startsWith(QStringLiteral("Run failed")), qPrintable(summary()));
        auto *progress = m_window->findChild<QProgressBar *>(QStringLiteral("runProgress"));
        QVERIFY(progress->maximum() > progress->minimum());
        QVERIFY(button("runButton")->isEnabled());
        QVERIFY(!button("cancelButton")->isEnabled());
    }
};

QTEST_MAIN(TestScenarioRuns)
#include "TestScenarioRuns.moc"
