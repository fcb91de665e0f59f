#include "AttributeTableModel.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PlanDesignerPage.h"
#include "PlanDiffModel.h"
#include "PlanDocument.h"
#include "Project.h"
#include "PropertyTableModel.h"
#include "support/HelperChecks.h"

#include "plan/PlanFile.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using preflight::ui::AttributeTableModel;
using preflight::ui::MainWindow;
using preflight::ui::PlanDiffModel;
using preflight::ui::PropertyTableModel;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int rowOf(const QAbstractItemModel *model, const QString &text, int column = 0)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

} // namespace

class TestPlanDesigner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;
    std::unique_ptr<QTemporaryDir> m_projectDir;
    std::unique_ptr<MainWindow> m_window;

    QString planPath() const { return m_window->planDocument()->path(); }
    QTableView *view(const char *name) const
    {
        return m_window->findChild<QTableView *>(QLatin1String(name));
    }

    // Double-clicks a cell and picks `text` in the combo the delegate opens, as a user would.
    void pickInCombo(QTableView *table, const QModelIndex &index, const QString &text)
    {
        table->scrollTo(index);
        const QRect rect = table->visualRect(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        auto *combo = table->viewport()->findChild<QComboBox *>();
        QVERIFY2(combo, "double-clicking the cell opens a combo");
        const int item = combo->findText(text);
        QVERIFY(item >= 0);
        combo->setCurrentIndex(item);
        emit combo->activated(item);
    }

private slots:
    void init()
    {
        m_settings = preflight::test::isolateSettings();
        m_projectDir = std::make_unique<QTemporaryDir>();
        const QString project = m_projectDir->filePath(QStringLiteral("d2c"));
        QVERIFY(
            preflight::ui::Project::createFromStarter(project, QStringLiteral(PREFLIGHT_EXAMPLES_DIR)).ok());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openProject(project));
        QVERIFY(m_window->planDocument()->isLoaded());
    }

    void cleanup()
    {
        m_window->project()->undoStack()->setClean();
        m_window.reset();
    }

    void listsTheStarterPlansEvents()
    {
        QTableView *events = view("eventView");
        QVERIFY(events->model()->rowCount() >= 5);
        QVERIFY(rowOf(events->model(), QStringLiteral("order_completed")) >= 0);
        // The first event is selected so its properties show at once.
        QVERIFY(view("propertyView")->model()->rowCount() > 0);
    }

    void searchNarrowsTheEventList()
    {
        QTableView *events = view("eventView");
        auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("eventSearch"));
        const int all = events->model()->rowCount();
        QTest::keyClicks(search, QStringLiteral("refund"));
        QVERIFY(events->model()->rowCount() >= 1);
        QVERIFY(events->model()->rowCount() < all);
        QVERIFY(rowOf(events->model(), QStringLiteral("order_refunded")) >= 0);
        search->clear();
        QCOMPARE(events->model()->rowCount(), all);
    }

    void changingAPropertyTypeIsUndoable()
    {
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        QTableView *properties = view("propertyView");
        auto *model = properties->model();
        const int row = rowOf(model, QStringLiteral("order_id"));
        QVERIFY(row >= 0);
        const QString before = model->index(row, PropertyTableModel::Type).data().toString();
        const QString after =
            before == QStringLiteral("number") ? QStringLiteral("string") : QStringLiteral("number");
        PREFLIGHT_CHECKED(pickInCombo(properties, model->index(row, PropertyTableModel::Type), after));
        QCOMPARE(model->index(row, PropertyTableModel::Type).data().toString(), after);
        QVERIFY(m_window->project()->isModified());
        QVERIFY(m_window->isWindowModified());

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->index(row, PropertyTableModel::Type).data().toString(), before);
        QVERIFY(!m_window->project()->isModified());

        QTest::keyClick(m_window.get(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(model->index(row, PropertyTableModel::Type).data().toString(), after);
    }

    // The lint panel also checks the project's journeys against the plan, as `lint --journeys` does, and
    // follows the journeys file when it changes on disk.
    void lintPanelChecksTheJourneysAgainstThePlan()
    {
        QTableView *lint = view("lintView");
        const auto rowWith = [lint](const QString &rule, const QString &where) {
            for (int row = 0; row < lint->model()->rowCount(); ++row)
                if (lint->model()->index(row, 1).data().toString() == rule &&
                    lint->model()->index(row, 2).data().toString() == where)
                    return row;
            return -1;
        };
        QVERIFY(rowWith(QStringLiteral("optional_key_reference"),
                        QStringLiteral("d2c.journeys.json#/campaigns/0/exit/goal/match")) >= 0);
        const QString path = m_window->project()->folder() + QStringLiteral("/d2c.journeys.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray journeys = file.readAll();
        file.close();
        QVERIFY(journeys.contains("\"event\": \"added_to_cart\""));
        journeys.replace("\"event\": \"added_to_cart\"", "\"event\": \"added_to_kart\"");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(journeys);
        file.close();
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(QStringLiteral("unknown_event_reference"),
                                         QStringLiteral("d2c.journeys.json#/campaigns/0/trigger/event")) >= 0,
                                 10000);
        const int row = rowWith(QStringLiteral("unknown_event_reference"),
                                QStringLiteral("d2c.journeys.json#/campaigns/0/trigger/event"));
        QCOMPARE(lint->model()->index(row, 0).data().toString(), QStringLiteral("error"));
        QVERIFY(lint->model()->index(row, 4).data().toString().contains(QStringLiteral("added_to_cart")));
    }

    void lintPanelFollowsATypeChangeAndItsUndo()
    {
        QTableView *lint = view("lintView");
        const auto countRule = [lint](const QString &rule) {
            int n = 0;
            for (int row = 0; row < lint->model()->rowCount(); ++row)
                n += lint->model()->index(row, 1).data().toString() == rule ? 1 : 0;
            return n;
        };
        const QString rule = QStringLiteral("timestamp_without_format");
        const int before = countRule(rule);
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        QTableView *properties = view("propertyView");
        const int row = rowOf(properties->model(), QStringLiteral("order_id"));
        QVERIFY(row >= 0);
        PREFLIGHT_CHECKED(pickInCombo(properties, properties->model()->index(row, PropertyTableModel::Type),
                                      QStringLiteral("timestamp")));
        QCOMPARE(countRule(rule), before + 1);

        // Clicking the new finding goes to the property it is about.
        int findingRow = -1;
        for (int r = 0; r < lint->model()->rowCount(); ++r) {
            if (lint->model()->index(r, 2).data().toString() == QStringLiteral("order_completed › order_id"))
                findingRow = r;
        }
        QVERIFY(findingRow >= 0);
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("product_viewed")));
        const QRect cell = lint->visualRect(lint->model()->index(findingRow, 2));
        QTest::mouseClick(lint->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(view("eventView")->currentIndex().data().toString(), QStringLiteral("order_completed"));
        QCOMPARE(properties->currentIndex().row(), row);

        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(countRule(rule), before);
    }

    void togglingRequiredIsAnEdit()
    {
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("product_viewed")));
        auto *model = view("propertyView")->model();
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->flags(model->index(r, PropertyTableModel::Required)) & Qt::ItemIsUserCheckable &&
                model->index(r, PropertyTableModel::Required).data(Qt::CheckStateRole).toInt() ==
                    Qt::Unchecked) {
                row = r;
                break;
            }
        }
        QVERIFY(row >= 0);
        QVERIFY(
            model->setData(model->index(row, PropertyTableModel::Required), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model->index(row, PropertyTableModel::Required).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(m_window->project()->undoStack()->count(), 1);
    }

    void savingWritesTheSameFileAsTheCli()
    {
        const QByteArray original = readAll(planPath());
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        auto *model = view("propertyView")->model();
        const QModelIndex description = model->index(0, PropertyTableModel::Description);
        QVERIFY(model->setData(description, QStringLiteral("Changed in the designer"), Qt::EditRole));
        QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!m_window->project()->isModified());
        const QByteArray saved = readAll(planPath());
        QVERIFY(saved != original);
        QCOMPARE(saved, QByteArray::fromStdString(preflight::toFileText(m_window->planDocument()->plan())));
        const auto reloaded = preflight::loadPlan(planPath().toStdString());
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded.value(), m_window->planDocument()->plan());
    }

    // The attribute table shares its name, type, constraints and description cells with the property
    // table (PlanFieldCells): each edit is one named undo step that names the attribute.
    void attributeCellsEditAndUndoByName()
    {
        QTableView *attributes = view("attributeView");
        QVERIFY(attributes);
        auto *model = attributes->model();
        QVERIFY(model->rowCount() > 0);
        QUndoStack *undo = m_window->project()->undoStack();
        const QString name = model->index(0, AttributeTableModel::Name).data().toString();
        QVERIFY(
            !model->setData(model->index(0, AttributeTableModel::Name), QStringLiteral("  "), Qt::EditRole));
        QVERIFY(!model->setData(model->index(0, AttributeTableModel::Type), QStringLiteral("bogus"),
                                Qt::EditRole));
        QVERIFY(model->setData(model->index(0, AttributeTableModel::Name), QStringLiteral(" renamed_attr "),
                               Qt::EditRole));
        QCOMPARE(model->index(0, AttributeTableModel::Name).data().toString(),
                 QStringLiteral("renamed_attr"));
        QCOMPARE(undo->undoText(), QStringLiteral("Rename attribute %1 to renamed_attr").arg(name));
        QVERIFY(model->setData(model->index(0, AttributeTableModel::Owner), QStringLiteral("backend"),
                               Qt::EditRole));
        QCOMPARE(undo->undoText(), QStringLiteral("Set owner of renamed_attr to backend"));
        QVERIFY(model->setData(model->index(0, AttributeTableModel::Description),
                               QStringLiteral("Who they are"), Qt::EditRole));
        QCOMPARE(undo->undoText(), QStringLiteral("Describe attribute renamed_attr"));
        QCOMPARE(model->index(0, AttributeTableModel::Description).data().toString(),
                 QStringLiteral("Who they are"));
        undo->undo();
        undo->undo();
        undo->undo();
        QCOMPARE(model->index(0, AttributeTableModel::Name).data().toString(), name);
    }

    void diffListsEditsSinceTheLastSave()
    {
        QTableView *diff = view("diffView");
        QCOMPARE(diff->model()->rowCount(), 0);
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        auto *model = view("propertyView")->model();
        const int row = rowOf(model, QStringLiteral("order_id"));
        QVERIFY(model->setData(model->index(row, PropertyTableModel::Type), QStringLiteral("integer"),
                               Qt::EditRole));
        QCOMPARE(diff->model()->rowCount(), 1);
        QCOMPARE(diff->model()->index(0, PlanDiffModel::Impact).data().toString(),
                 QStringLiteral("breaking"));
        QVERIFY(diff->model()
                    ->index(0, PlanDiffModel::Where)
                    .data()
                    .toString()
                    .contains(QStringLiteral("order_id")));
        QVERIFY(diff->model()
                    ->index(0, PlanDiffModel::What)
                    .data()
                    .toString()
                    .contains(QStringLiteral("→ integer")));
        // A breaking change without a version bump is named above the list.
        auto *version = m_window->findChild<QLabel *>(QStringLiteral("diffVersionProblem"));
        QVERIFY(version->text().contains(QStringLiteral("set \"version\" to 4")));
        QVERIFY(m_window->saveProject());
        QVERIFY(version->text().isEmpty());
        QCOMPARE(diff->model()->rowCount(), 0);
    }

    // Against the last commit: edits saved since still show, until the plan is committed again.
    void diffListsChangesSinceTheLastCommit()
    {
        const QString folder = QFileInfo(planPath()).absolutePath();
        auto git = [&](const QStringList &arguments) {
            QProcess process;
            process.setWorkingDirectory(folder);
            process.start(QStringLiteral("git"),
                          QStringList{QStringLiteral("-c"), QStringLiteral("user.name=QA"),
                                      QStringLiteral("-c"), QStringLiteral("user.email=qa@example.com")} +
                              arguments);
            return process.waitForFinished(10000) && process.exitCode() == 0;
        };
        auto *baseline = m_window->findChild<QComboBox *>(QStringLiteral("diffBaseline"));
        auto *problem = m_window->findChild<QLabel *>(QStringLiteral("diffBaselineError"));
        baseline->setCurrentIndex(1);
        QVERIFY2(!problem->text().isEmpty(),
                 "outside a repository the page says there is no committed version");

        QVERIFY(git({"init", "-q"}));
        QVERIFY(git({"add", QFileInfo(planPath()).fileName()}));
        QVERIFY(git({"commit", "-q", "-m", "plan"}));
        baseline->setCurrentIndex(0);
        baseline->setCurrentIndex(1);
        QVERIFY2(problem->text().isEmpty(), qPrintable(problem->text()));
        QTableView *diff = view("diffView");
        QCOMPARE(diff->model()->rowCount(), 0);

        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        auto *model = view("propertyView")->model();
        QVERIFY(
            model->setData(model->index(rowOf(model, QStringLiteral("order_id")), PropertyTableModel::Type),
                           QStringLiteral("integer"), Qt::EditRole));
        QVERIFY(m_window->saveProject());
        QCOMPARE(diff->model()->rowCount(), 1); // saved, not committed
        baseline->setCurrentIndex(0);
        QCOMPARE(diff->model()->rowCount(), 0); // nothing since the save
        baseline->setCurrentIndex(1);
        QVERIFY(git({"commit", "-q", "-am", "order_id is an integer"}));
        baseline->setCurrentIndex(0);
        baseline->setCurrentIndex(1);
        QCOMPARE(diff->model()->rowCount(), 0);
    }

    void anEnumWithoutValuesIsTheErrorTheCliReports()
    {
        // Turn a string property into an enum and leave its values empty, as a user mid-edit would.
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        QTableView *properties = view("propertyView");
        const int row = rowOf(properties->model(), QStringLiteral("currency"));
        QVERIFY(row >= 0);
        PREFLIGHT_CHECKED(pickInCombo(properties, properties->model()->index(row, PropertyTableModel::Type),
                                      QStringLiteral("enum")));
        const auto &property = m_window->planDocument()
                                   ->plan()
                                   .events[std::size_t(m_window->planDesigner()->currentEvent())]
                                   .properties[std::size_t(row)];
        QVERIFY(property.enumValues.empty());

        // What preflight-cli says about this plan, written out as the console would write it.
        QTemporaryDir scratch;
        const QString written = scratch.filePath(QStringLiteral("edited.plan.json"));
        QVERIFY(preflight::writeTextFile(written.toStdString(),
                                         preflight::toFileText(m_window->planDocument()->plan()))
                    .ok());
        QProcess cli;
        cli.start(QStringLiteral(PREFLIGHT_CLI_PATH), {QStringLiteral("lint"), written});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        const QString cliError = QString::fromUtf8(cli.readAllStandardError()).trimmed();
        QVERIFY2(cliError.contains(QStringLiteral("enum")), qPrintable(cliError));

        // The lint panel reports the same error, first, at the same place; clicking it goes there.
        QTableView *lint = view("lintView");
        QVERIFY(lint->model()->rowCount() > 0);
        const QString message = lint->model()->index(0, 3).data().toString();
        const QString pointer = lint->model()->index(0, 2).data(Qt::ToolTipRole).toString();
        QCOMPARE(lint->model()->index(0, 0).data().toString(), QStringLiteral("error"));
        QVERIFY2(cliError.endsWith(pointer + QStringLiteral(": ") + message), qPrintable(cliError));
        auto *summary = m_window->findChild<QLabel *>(QStringLiteral("lintSummary"));
        QVERIFY2(!summary->text().contains(QStringLiteral(" 0 errors")), qPrintable(summary->text()));
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("product_viewed")));
        QTest::mouseClick(lint->viewport(), Qt::LeftButton, {},
                          lint->visualRect(lint->model()->index(0, 2)).center());
        QCOMPARE(view("eventView")->currentIndex().data().toString(), QStringLiteral("order_completed"));
        QCOMPARE(properties->currentIndex().row(), row);

        // Saving refuses to write a file the command line rejects; the file on disk is untouched.
        const QByteArray before = readAll(planPath());
        QString shown;
        preflight::test::answerNextMessageBox(QMessageBox::Ok, nullptr, &shown);
        QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier);
        QVERIFY2(shown.contains(message), qPrintable(shown));
        QCOMPARE(readAll(planPath()), before);
        QVERIFY(m_window->project()->isModified());
    }

    void recoversFromABrokenPlanFile()
    {
        const QString path = planPath();
        const QByteArray good = readAll(path);
        QVERIFY(m_window->planDesigner()->selectEvent(QStringLiteral("order_completed")));
        auto *eventTitle = m_window->findChild<QLabel *>(QStringLiteral("eventTitle"));
        QVERIFY(eventTitle->text().contains(QStringLiteral("order_completed")));

        // Broken outside the console: the header says why, nothing of the old plan lingers, and the
        // editing buttons say what to do instead of doing nothing.
        QByteArray broken = good;
        broken.replace("\"order_completed\"", "\"order_completed\",");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(broken);
        }
        auto *header = m_window->findChild<QLabel *>(QStringLiteral("planHeader"));
        QTRY_VERIFY_WITH_TIMEOUT(header->text().contains(QStringLiteral("could not be loaded")), 5000);
        QVERIFY(header->text().contains(QFileInfo(path).fileName()));
        QVERIFY2(!eventTitle->text().contains(QStringLiteral("order_completed")),
                 qPrintable(eventTitle->text()));
        QCOMPARE(view("eventView")->model()->rowCount(), 0);
        auto *addEvent = m_window->findChild<QPushButton *>(QStringLiteral("addEventButton"));
        QVERIFY(!addEvent->isEnabled());
        QVERIFY(!addEvent->toolTip().isEmpty());

        // Fixed in the editor: the console picks the file up again by itself.
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(good);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_window->planDocument()->isLoaded(), 5000);
        QVERIFY(!header->text().contains(QStringLiteral("could not be loaded")));
        QVERIFY(addEvent->isEnabled());
        QVERIFY(view("eventView")->model()->rowCount() >= 5);

        // And File ▸ Reload from Disk (F5) recovers too, after breaking it again.
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(broken);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->planDocument()->isLoaded(), 5000);
        m_window->project()->blockSignals(true); // no watcher help this time: only the Reload action
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(good);
        }
        QTest::qWait(200);
        m_window->project()->blockSignals(false);
        QVERIFY(!m_window->planDocument()->isLoaded());
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(m_window->planDocument()->isLoaded());
        QVERIFY(addEvent->isEnabled());
    }

    void reloadsThePlanWhenItChangesOnDisk()
    {
        auto plan = m_window->planDocument()->plan();
        plan.name = "Renamed outside";
        QVERIFY(preflight::savePlan(plan, planPath().toStdString()).ok());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->planDocument()->plan().name, std::string("Renamed outside"),
                                  3000);
        QVERIFY(!m_window->project()->isModified());
    }
};

QTEST_MAIN(TestPlanDesigner)
#include "TestPlanDesigner.moc"
