// Drives the Scenarios and Timeline pages as a user would: pick a shipped scenario, run it with Ctrl+R or the
// Run button, read the expectations and the person's timeline, edit a step and undo.
#include "GuiTestSupport.h"
#include "support/EnvironmentOverride.h"
#include "support/HelperChecks.h"

#include "MainWindow.h"
#include "Project.h"
#include "env/EnvironmentStore.h"
#include "inspector/InspectorPage.h"
#include "sandbox/EmbeddedSandbox.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/SandboxServer.h"
#include "scenario/ScenarioResult.h"
#include "timeline/TimelinePage.h"
#include "timeline/TimelineView.h"
#include "workbench/ExpectationModel.h"
#include "workbench/ScenarioDocument.h"
#include "workbench/StepTableModel.h"
#include "workbench/WorkbenchPage.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QUndoStack>

using namespace preflight;
using namespace preflight::ui;

class TestWorkbench : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;
    std::unique_ptr<QTemporaryDir> m_projectDir;
    std::unique_ptr<MainWindow> m_window;

    WorkbenchPage *workbench() const { return m_window->workbench(); }

    void selectScenario(const QString &name)
    {
        auto *list = m_window->findChild<QListView *>(QStringLiteral("scenarioList"));
        QVERIFY(list);
        const QModelIndexList found =
            list->model()->match(list->model()->index(0, 0), Qt::DisplayRole, name, -1, Qt::MatchExactly);
        QVERIFY2(found.size() == 1, qPrintable(name));
        list->scrollTo(found.front());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(found.front()).center());
        QCOMPARE(list->currentIndex().data().toString(), name);
    }

    void waitForRun()
    {
        auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled() && workbench()->lastRun(), 20000);
    }

    int countExpectations(ExpectationResult::Status status) const
    {
        int n = 0;
        for (const ExpectationResult &result : workbench()->expectationModel()->results())
            n += result.status == status;
        return n;
    }

    int findSent(const QString &message) const
    {
        const auto &items = m_window->timeline()->view()->items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].kind == TimelineEntry::Kind::Sent && items[i].label.contains(message))
                return int(i);
        }
        return -1;
    }

private slots:
    void init()
    {
        m_settings = preflight::test::isolateSettings();
        m_projectDir = std::make_unique<QTemporaryDir>();
        const QString project = m_projectDir->filePath(QStringLiteral("d2c"));
        QVERIFY(Project::createFromStarter(project, QStringLiteral(PREFLIGHT_EXAMPLES_DIR)).ok());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // Editors close when focus leaves them: the window must be the active one, as for a user.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_window->openProject(project));
        m_window->showPage(MainWindow::Page::Scenarios);
        QVERIFY(m_window->scenarioDocument()->count() >= 2);
    }

    void cleanup()
    {
        m_env.restore();
        m_window->project()->undoStack()->setClean();
        m_window.reset();
    }

    void ctrlRRunsCartRecoveryAndTheTimelineShowsTheSend()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("cart-recovery")));
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        PREFLIGHT_CHECKED(waitForRun());
        QVERIFY(countExpectations(ExpectationResult::Status::Passed) > 0);
        QCOMPARE(countExpectations(ExpectationResult::Status::Failed), 0);
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("runSummary"))
                    ->text()
                    .contains(QStringLiteral("pass")));

        // The calls went to the console's own sandbox, where the Sandbox page shows them.
        QVERIFY(m_window->sandbox()->isRunning());
        QVERIFY2(m_window->sandbox()->server()->activity().size() >= 3,
                 "the three calls of cart-recovery reached the embedded sandbox");

        // Every step was validated and delivered.
        StepTableModel *steps = workbench()->stepModel();
        for (int row = 0; row < steps->rowCount(); ++row) {
            QVERIFY(
                steps->index(row, StepTableModel::Http).data().toString().startsWith(QStringLiteral("200")));
            QVERIFY(!steps->index(row, StepTableModel::ReadBack).data().toString().isEmpty());
        }

        m_window->showPage(MainWindow::Page::Timeline);
        TimelineView *view = m_window->timeline()->view();
        QTRY_VERIFY(!view->items().empty());
        // The purchase suppresses the cart reminder (the run exits as converted); a month later the
        // lapsed buyer is sent the winback offer.
        bool converted = false;
        for (const TimelineItem &item : view->items())
            converted |= item.kind == TimelineEntry::Kind::Exited &&
                         item.label.contains(QStringLiteral("cart_recovery"));
        QVERIFY2(converted, "the timeline shows the cart reminder suppressed by the purchase");
        QCOMPARE(findSent(QStringLiteral("cart_reminder")), -1);
        const int sent = findSent(QStringLiteral("winback_offer"));
        QVERIFY2(sent >= 0, "the timeline shows the winback offer that went out");
        // Clicking the send shows why it went out.
        QTest::mouseClick(view, Qt::LeftButton, {}, view->labelRect(sent).center().toPoint());
        QCOMPARE(view->selected(), sent);
        const QString details = m_window->timeline()->details()->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("SENT")) && details.contains(QStringLiteral("winback")),
                 qPrintable(details));

        // The journeys list describes each campaign's rules in words.
        QListView *journeys = m_window->timeline()->journeys();
        QVERIFY(journeys->model()->rowCount() > 0);
        journeys->setCurrentIndex(journeys->model()->index(0, 0));
        QVERIFY(m_window->timeline()->details()->toPlainText().contains(QStringLiteral("Starts ")));
    }

    void latePurchaseShowsTheLeakedSendAndTheFailingExpectation()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("late-purchase")));
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
        PREFLIGHT_CHECKED(waitForRun());
        QVERIFY(countExpectations(ExpectationResult::Status::Failed) >= 1);
        bool reminderFailed = false;
        for (const ExpectationResult &result : workbench()->expectationModel()->results()) {
            if (result.status == ExpectationResult::Status::Failed &&
                QString::fromStdString(result.description).contains(QStringLiteral("cart_reminder_1"))) {
                reminderFailed = true;
                QVERIFY(!result.detail.empty());
            }
        }
        QVERIFY2(reminderFailed, "the no-reminder expectation fails");
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("runSummary"))
                    ->text()
                    .contains(QStringLiteral("failed")));

        m_window->showPage(MainWindow::Page::Timeline);
        TimelineView *view = m_window->timeline()->view();
        QVERIFY(findSent(QStringLiteral("cart_reminder_1")) >= 0);
        // The late purchase is drawn with its gap: arrived 45 minutes after it occurred.
        bool lateEvent = false;
        for (const TimelineItem &item : view->items())
            lateEvent |= item.lane == TimelineItem::Lane::Events && item.at - item.occurredAt == 45 * 60'000;
        QVERIFY(lateEvent);
    }

    // At 1280×800 each step's Plan, HTTP and Read back results are in view without scrolling, and the
    // identity and properties read as summaries, with the JSON to edit and in the tooltip.
    void showsStepResultsAt1280x800()
    {
        m_window->resize(1280, 800);
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("late-purchase")));
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
        PREFLIGHT_CHECKED(waitForRun());
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("stepTable"));
        for (int column :
             {int(StepTableModel::Verdict), int(StepTableModel::Http), int(StepTableModel::ReadBack)}) {
            const int left = table->columnViewportPosition(column);
            QVERIFY2(left >= 0 && left + table->columnWidth(column) <= table->viewport()->width(),
                     qPrintable(QStringLiteral("column %1 at %2+%3 of %4")
                                    .arg(column)
                                    .arg(left)
                                    .arg(table->columnWidth(column))
                                    .arg(table->viewport()->width())));
        }
        StepTableModel *steps = workbench()->stepModel();
        const QModelIndex identity = steps->index(0, StepTableModel::Identity);
        QCOMPARE(identity.data().toString(), QStringLiteral("id {{customer_id}} · email {{email}}"));
        QVERIFY(identity.data(Qt::EditRole).toString().startsWith(QStringLiteral("{")));
        const QModelIndex properties = steps->index(1, StepTableModel::Properties);
        QVERIFY2(properties.data().toString().startsWith(QStringLiteral("cart_id, cart_value")),
                 qPrintable(properties.data().toString()));
        QVERIFY(properties.data(Qt::ToolTipRole).toString().contains(QStringLiteral("\"cart_id\":")));

        // Expectations are one line each; the first failure is selected and explained beside them.
        ExpectationModel *expectations = workbench()->expectationModel();
        auto *expectationTable = m_window->findChild<QTableView *>(QStringLiteral("expectationTable"));
        const QModelIndex selected = expectationTable->currentIndex();
        QVERIFY(selected.isValid());
        QVERIFY(expectations->results().at(std::size_t(selected.row())).status ==
                ExpectationResult::Status::Failed);
        const QModelIndex why = expectations->index(selected.row(), ExpectationModel::Detail);
        QVERIFY(!why.data().toString().contains(QLatin1Char('\n')));
        QVERIFY(why.data(Qt::ToolTipRole).toString().contains(QStringLiteral("LEAKED")));
        const QString pane = m_window->findChild<QTextBrowser *>(QStringLiteral("runNotes"))->toPlainText();
        QVERIFY2(pane.contains(QStringLiteral("cart_reminder_1")) &&
                     pane.contains(QStringLiteral("LEAKED")) && pane.contains(QStringLiteral("Run notes:")),
                 qPrintable(pane));
    }

    void editingAStepOffsetIsUndoable()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("late-purchase")));
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("stepTable"));
        StepTableModel *steps = workbench()->stepModel();
        const QModelIndex offset = steps->index(2, StepTableModel::Offset);
        const QString before = offset.data().toString();
        QCOMPARE(before, QStringLiteral("+10m"));

        // As the platform delivers a double-click: press and release, then the double-click.
        const QPoint centre = table->visualRect(offset).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY2(editor && editor->parent() == table->viewport(),
                 "double-clicking the offset opens an editor");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("+2m"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits on Return through a queued call.
        QTRY_COMPARE(steps->index(2, StepTableModel::Offset).data().toString(), QStringLiteral("+2m"));
        QVERIFY(m_window->project()->isModified());

        // Saved the way core writes scenarios.
        QVERIFY(m_window->saveProject());
        const int index = workbench()->currentScenario();
        const Scenario &edited = m_window->scenarioDocument()->scenario(index);
        auto onDisk = readTextFile(edited.path);
        QVERIFY(onDisk.ok());
        QCOMPARE(QString::fromStdString(*onDisk), QString::fromStdString(toFileText(toJson(edited))));
        auto reloaded = loadScenarioFile(edited.path);
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded->steps[2].offsetMillis, std::int64_t(2 * 60000));

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(steps->index(2, StepTableModel::Offset).data().toString(), before);
        QVERIFY(m_window->project()->isModified());
    }

    // The current environment decides where a run sends: a workspace (here a sandbox standing in for
    // staging, reached through its own origin and credentials from the environment variables) gets the
    // calls through the durable outbox; a production one asks first.
    void runsAgainstTheCurrentEnvironment()
    {
        QTemporaryDir config;
        m_env.set("PREFLIGHT_CONFIG_DIR", config.filePath(QStringLiteral("config")).toUtf8());
        m_env.set("PREFLIGHT_DATA_DIR", config.filePath(QStringLiteral("data")).toUtf8());
        m_env.set("PREFLIGHT_KEYCHAIN", "off");
        SandboxServer staging(SandboxConfig{});
        QVERIFY(staging.start());
        const Credentials credentials = sandboxTestCredentials();
        for (const char *name : {"STAGING", "LIVE"}) {
            const QByteArray prefix = QByteArray("PREFLIGHT_") + name;
            m_env.set(prefix + "_SITE_ID", QByteArray::fromStdString(credentials.siteId));
            m_env.set(prefix + "_TRACK_API_KEY", QByteArray::fromStdString(credentials.apiKey));
            m_env.set(prefix + "_APP_API_KEY", QByteArray::fromStdString(credentials.appApiKey));
        }
        Environment environment;
        environment.name = "staging";
        environment.apis = {Api::TrackV1, Api::App};
        environment.origin = staging.origin().toStdString();
        QVERIFY(EnvironmentStore().save(environment));
        environment.name = "live";
        environment.production = true;
        QVERIFY(EnvironmentStore().save(environment));

        const std::size_t embeddedBefore = m_window->sandbox()->server()->activity().size();
        m_window->setEnvironment(QStringLiteral("staging"), false);
        auto *run = m_window->findChild<QPushButton *>(QStringLiteral("runButton"));
        QCOMPARE(run->text(), QStringLiteral("Run on staging"));
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("cart-recovery")));
        run->click();
        PREFLIGHT_CHECKED(waitForRun());
        QVERIFY2(staging.activity().size() >= 3, "the calls reached the staging workspace");
        QCOMPARE(m_window->sandbox()->server()->activity().size(), embeddedBefore);
        StepTableModel *steps = workbench()->stepModel();
        QVERIFY(steps->index(1, StepTableModel::ReadBack)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("visible")));
        QVERIFY(QFile::exists(config.filePath(QStringLiteral("data/outbox.sqlite"))));

        // Production: nothing is sent until the user confirms; confirmed, the test-id rule still applies.
        m_window->setEnvironment(QStringLiteral("live"), true);
        const std::size_t stagingBefore = staging.activity().size();
        bool asked = false;
        preflight::test::answerNextMessageBox(QMessageBox::Cancel, &asked);
        run->click();
        QTRY_VERIFY(asked);
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("runSummary"))
                    ->text()
                    .contains(QStringLiteral("not confirmed")));
        asked = false;
        preflight::test::answerNextMessageBox(QMessageBox::Ok, &asked);
        run->click();
        QTRY_VERIFY(asked);
        QTRY_VERIFY(run->isEnabled());
        QTRY_VERIFY(m_window->findChild<QTextBrowser *>(QStringLiteral("runNotes"))
                        ->toPlainText()
                        .contains(QStringLiteral("preflight-test-")));
        QCOMPARE(staging.activity().size(), stagingBefore);
        for (const char *variable : {"PREFLIGHT_CONFIG_DIR", "PREFLIGHT_DATA_DIR", "PREFLIGHT_KEYCHAIN"})
            m_env.unset(variable);
    }

    void opensAStepInTheInspector()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("late-purchase")));
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("stepTable"));
        const QModelIndex step = workbench()->stepModel()->index(2, StepTableModel::Name);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(step).center());
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("inspectButton")),
                          Qt::LeftButton);
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Inspector);
        // The inspector now shows the step's event.
        bool shown = false;
        for (QLineEdit *edit : m_window->inspector()->findChildren<QLineEdit *>())
            shown |= edit->text() == QStringLiteral("order_completed");
        QVERIFY2(shown, "the inspector's event field holds the step's event name");
    }

    // A run report keeps each request it sent (redacted); the console opens any of them in the inspector.
    void opensARequestFromARunReport()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("late-purchase")));
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        PREFLIGHT_CHECKED(waitForRun());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        QVERIFY(writeTextFile(path.toStdString(), reportToJson({workbench()->lastRun()->result}).dump(2)));

        QStringList offered;
        QTimer::singleShot(50, this, [&offered] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto *dialog = qobject_cast<QInputDialog *>(widget); dialog && dialog->isVisible()) {
                    offered = dialog->comboBoxItems();
                    QCOMPARE(dialog->comboBoxItems().size(), 3);
                    dialog->setTextValue(dialog->comboBoxItems().at(2)); // step 2: the late order_completed
                    dialog->accept();
                }
            }
        });
        QVERIFY(m_window->openRequestFromRunReport(path));
        // Steps count from 1 here as in the step table and the run notes.
        QVERIFY2(offered.value(0).contains(QStringLiteral(" · step 1 · ")), qPrintable(offered.join('\n')));
        QVERIFY2(offered.value(2).contains(QStringLiteral(" · step 3 · ")), qPrintable(offered.join('\n')));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Inspector);
        const QString curl = m_window->inspector()->curlText();
        QVERIFY2(curl.contains(QStringLiteral("/events")) && curl.contains(QStringLiteral("order_completed")),
                 qPrintable(curl));
        QVERIFY2(curl.contains(QStringLiteral("[redacted]")), qPrintable(curl));

        // Not a report: a clear message, nothing opened.
        const QString other = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(writeTextFile(other.toStdString(), "{\"format\":\"preflight.plan/1\"}"));
        bool warned = false;
        QString text;
        preflight::test::answerNextMessageBox(QMessageBox::Ok, &warned, &text);
        QVERIFY(!m_window->openRequestFromRunReport(other));
        QVERIFY(warned);
        QVERIFY2(text.contains(QStringLiteral("run report")), qPrintable(text));
    }

    void addsRemovesAndDropsStepsUndoably()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("cart-recovery")));
        StepTableModel *steps = workbench()->stepModel();
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("stepTable"));
        QCOMPARE(steps->rowCount(), 3);
        table->setCurrentIndex(steps->index(1, StepTableModel::Name));
        m_window->findChild<QPushButton *>(QStringLiteral("addStepButton"))->click();
        QCOMPARE(steps->rowCount(), 4);
        QCOMPARE(steps->index(2, StepTableModel::Name).data().toString(), QStringLiteral("added_to_cart"));
        QCOMPARE(table->currentIndex().row(), 2);
        // The copy's fault: it never arrives.
        QVERIFY(steps->setData(steps->index(2, StepTableModel::Dropped), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(steps->index(2, StepTableModel::Dropped).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(m_window->saveProject());
        const int index = workbench()->currentScenario();
        auto reloaded = loadScenarioFile(m_window->scenarioDocument()->scenario(index).path);
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded->steps.size(), std::size_t(4));
        QVERIFY(reloaded->steps[2].fault.drop);

        table->setCurrentIndex(steps->index(0, StepTableModel::Name));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(steps->rowCount(), 3);
        QCOMPARE(steps->index(0, StepTableModel::Name).data().toString(), QStringLiteral("added_to_cart"));
        // Undo: the removed identify comes back first, then the drop, then the added step goes.
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(steps->rowCount(), 4);
        QCOMPARE(steps->index(0, StepTableModel::Kind).data().toString(), QStringLiteral("identify"));
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(steps->rowCount(), 3);
    }

    // Files the strict readers refuse leave the console standing and say what is wrong and where: a
    // misspelt goal stops the run with the journeys pointer, a wrongly typed scenario (which once aborted
    // the program) is reported instead of loaded.
    void showsTheReadersErrorsInsteadOfCrashing()
    {
        const QString project = m_projectDir->filePath(QStringLiteral("d2c"));
        QFile journeys(project + QStringLiteral("/d2c.journeys.json"));
        QVERIFY(journeys.open(QIODevice::ReadOnly));
        QByteArray text = journeys.readAll();
        journeys.close();
        const qsizetype exit = text.indexOf("\"exit\": {");
        QVERIFY(exit > 0);
        text.replace(exit, 6, "\"exitt\"");
        QVERIFY(journeys.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(journeys.write(text) == text.size());
        journeys.close();
        QFile scenario(project + QStringLiteral("/typed.scenario.json"));
        QVERIFY(scenario.open(QIODevice::WriteOnly));
        scenario.write(
            R"({"format": "preflight.scenario/1", "name": [], "steps": [{"at": "+0m", "kind": "identify"}]})");
        scenario.close();
        QVERIFY(m_window->openProject(project));
        m_window->showPage(MainWindow::Page::Scenarios);

        const ui::ScenarioDocument *document = m_window->scenarioDocument();
        QCOMPARE(document->invalidCount(), 1);
        const QString error = QString::fromStdString(document->invalidFile(0).error.toString());
        QVERIFY2(error.endsWith(QStringLiteral("typed.scenario.json#/name: name must be the scenario's name, "
                                               "not array")),
                 qPrintable(error));

        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("cart-recovery")));
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
        auto *summary = m_window->findChild<QLabel *>(QStringLiteral("runSummary"));
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().startsWith(QStringLiteral("Run failed")), 20000);
        QVERIFY2(summary->text().contains(QStringLiteral("d2c.journeys.json#/campaigns/0/exitt: unknown key "
                                                         "\"exitt\" — did you mean \"exit\"?")),
                 qPrintable(summary->text()));
    }

    void rejectsAnUnparsableOffset()
    {
        PREFLIGHT_CHECKED(selectScenario(QStringLiteral("late-purchase")));
        StepTableModel *steps = workbench()->stepModel();
        QVERIFY(!steps->setData(steps->index(1, StepTableModel::Offset), QStringLiteral("soon")));
        QVERIFY(!steps->setData(steps->index(1, StepTableModel::Properties), QStringLiteral("{not json")));
        QVERIFY(!m_window->project()->isModified());
    }

private:
    preflight::test::EnvironmentOverride m_env; // one test's, put back in cleanup()
};

QTEST_MAIN(TestWorkbench)
#include "TestWorkbench.moc"
