#include "ConsoleStyle.h"
#include "EnvironmentBadge.h"
#include "GuiTestSupport.h"
#include "HelpWindow.h"
#include "MainWindow.h"
#include "Project.h"
#include "RecentProjects.h"
#include "ShortcutsDialog.h"
#include "Theme.h"
#include "env/EnvironmentStore.h"
#include "environments/EnvironmentsPage.h"
#include "support/EnvironmentOverride.h"
#include "support/HelperChecks.h"
#include <preflight/Version.h>

#include <QAbstractButton>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QFile>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QUrl>

#include <algorithm>

using preflight::ui::MainWindow;

namespace {

class NoteCommand : public QUndoCommand
{
public:
    NoteCommand() : QUndoCommand(QStringLiteral("note")) {}
    void undo() override {}
    void redo() override {}
};

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(contents);
}

// Every action reachable from the menu bar, submenus included.
QList<QAction *> menuActions(QMenu *menu)
{
    QList<QAction *> found;
    for (QAction *action : menu->actions()) {
        if (action->menu())
            found << menuActions(action->menu());
        else if (!action->isSeparator())
            found << action;
    }
    return found;
}

// Dismisses every modal dialog a shortcut opens (file choosers, "save first?"), as Escape would.
class DialogDismisser : public QObject
{
public:
    DialogDismisser()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [] {
            if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        m_timer.start();
    }

private:
    QTimer m_timer;
};

QStringList g_shortcutWarnings;
QtMessageHandler g_previousHandler = nullptr;

void recordShortcutWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QStringLiteral("Ambiguous shortcut")))
        g_shortcutWarnings << message;
    g_previousHandler(type, context, message);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;

private slots:
    void cleanup() { m_env.restore(); }
    void init() { m_settings = preflight::test::isolateSettings(); }

    // How fast it opens is BenchConsoleStartup's to measure; here, that it opens on the sandbox.
    void opensOnTheSandbox()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("sandbox"));
        QVERIFY(window.environmentBadge()->text().contains(QStringLiteral("sandbox")));
        QVERIFY(!window.environmentBadge()->isProduction());
    }

    void marksProductionUnmistakably()
    {
        MainWindow window;
        window.setEnvironment(QStringLiteral("acme-prod"), true);
        const QString text = window.environmentBadge()->text();
        QVERIFY(text.contains(QStringLiteral("PRODUCTION")));
        QVERIFY(text.contains(QStringLiteral("acme-prod")));
        QVERIFY(window.environmentBadge()->styleSheet().contains(
            preflight::ui::Theme::productionBackground().name()));
    }

    void switchesPagesWithCtrlNumber_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("page");
        for (int i = 0; i < MainWindow::kPageCount; ++i)
            QTest::newRow(qPrintable(MainWindow::pageId(MainWindow::Page(i)))) << int(Qt::Key_1 + i) << i;
    }
    void switchesPagesWithCtrlNumber()
    {
        QFETCH(int, key);
        QFETCH(int, page);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.showPage(page == 0 ? MainWindow::Page::Environments : MainWindow::Page::Plan);
        QTest::keyClick(&window, Qt::Key(key), Qt::ControlModifier);
        QCOMPARE(int(window.currentPage()), page);
        auto *sidebar = window.findChild<QListView *>(QStringLiteral("sidebar"));
        QCOMPARE(sidebar->currentIndex().row(), page);
    }

    void everyMenuShortcutTriggersItsAction()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QUndoStack *stack = window.project()->undoStack();
        const DialogDismisser dismisser;
        g_shortcutWarnings.clear();
        g_previousHandler = qInstallMessageHandler(recordShortcutWarnings);
        int pressed = 0;
        QList<QAction *> actions;
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly))
            actions << menuActions(menu);
        // Quit last: it closes the window (here it is answered Cancel, but in any case nothing follows).
        std::stable_partition(actions.begin(), actions.end(),
                              [](QAction *action) { return action->menuRole() != QAction::QuitRole; });
        {
            for (QAction *action : std::as_const(actions)) {
                for (const QKeySequence &keys : action->shortcuts()) {
                    // Something to undo and something to redo, so both edit actions are enabled.
                    stack->clear();
                    stack->push(new NoteCommand);
                    stack->push(new NoteCommand);
                    stack->undo();
                    QVERIFY2(action->isEnabled() || !window.project()->isOpen(), qPrintable(action->text()));
                    if (!action->isEnabled())
                        continue; // Save and Close Project wait for a project
                    // A dialog the previous key opened has just closed: the window is active again.
                    window.activateWindow();
                    QVERIFY(QTest::qWaitForWindowActive(&window));
                    QSignalSpy triggered(action, &QAction::triggered);
                    QTest::keySequence(&window, keys);
                    QVERIFY2(
                        triggered.count() == 1,
                        qPrintable(
                            QStringLiteral("%1 did not trigger %2").arg(keys.toString(), action->text())));
                    ++pressed;
                }
            }
        }
        qInstallMessageHandler(g_previousHandler);
        stack->clear();
        QCOMPARE(g_shortcutWarnings, QStringList());
        QVERIFY(pressed >= 12); // the page keys, undo, redo (twice or more), open, save…
    }

    void viewMenuNamesEveryPageAsTheSidebarDoes()
    {
        MainWindow window;
        QMenu *view = nullptr;
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly))
            if (menu->title() == QStringLiteral("&View"))
                view = menu;
        QVERIFY(view);
        const QList<QAction *> actions = view->actions();
        QCOMPARE(actions.size(), MainWindow::kPageCount);
        for (int i = 0; i < MainWindow::kPageCount; ++i) {
            // Shown text: single ampersands are mnemonics, "&&" is a literal one.
            QString shown = actions[i]->text();
            shown.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(QLatin1Char('&'));
            shown.replace(QLatin1Char('\x01'), QLatin1Char('&'));
            QCOMPARE(shown, MainWindow::pageTitle(MainWindow::Page(i)));
        }
    }

    void clickingTheSidebarShowsThePage()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *sidebar = window.findChild<QListView *>(QStringLiteral("sidebar"));
        const QRect rect = sidebar->visualRect(sidebar->model()->index(int(MainWindow::Page::Timeline), 0));
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window.currentPage(), MainWindow::Page::Timeline);
    }

    void restoresLayoutPageProjectAndEnvironment()
    {
        QTemporaryDir project;
        PREFLIGHT_CHECKED(writeFile(project.filePath("d2c.plan.json"), "{}\n"));
        // The current environment must be one the store knows (the environments page restores it).
        QTemporaryDir config;
        m_env.set("PREFLIGHT_CONFIG_DIR", config.path().toUtf8());
        preflight::Environment staging;
        staging.name = "staging";
        QVERIFY(preflight::EnvironmentStore().save(staging).ok());
        QList<int> sizes;
        QSize saved;
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1100, 700);
            auto *splitter = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            splitter->setSizes({260, 600});
            sizes = splitter->sizes();
            window.showPage(MainWindow::Page::Scenarios);
            QVERIFY(window.environmentsPage()->setCurrent(QStringLiteral("staging")));
            QVERIFY(window.openProject(project.path()));
            saved = window.size();
            QCOMPARE(saved, QSize(1100, 700));
            QVERIFY2(window.minimumSizeHint().width() <= 1000 && window.minimumSizeHint().height() <= 640,
                     "every page fits a small laptop screen");
            QVERIFY(window.close());
        }
        MainWindow window;
        QVERIFY(window.restoreLastProject());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.currentPage(), MainWindow::Page::Scenarios);
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("staging"));
        QCOMPARE(window.project()->folder(), QDir(project.path()).canonicalPath());
        QCOMPARE(window.size(), saved);
        QCOMPARE(window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes().first(),
                 sizes.first());
        QCOMPARE(preflight::ui::RecentProjects::list().first(), QDir(project.path()).canonicalPath());
    }

    void closingWithUnsavedEditsAsksAndCancelKeepsTheWindow()
    {
        QTemporaryDir project;
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(project.path()));
        window.project()->undoStack()->push(new NoteCommand);
        QVERIFY(window.isWindowModified());
        bool asked = false;
        preflight::test::answerNextMessageBox(QMessageBox::Cancel, &asked);
        QVERIFY(!window.close());
        QVERIFY(asked);
        QVERIFY(window.isVisible());
        QVERIFY(window.project()->isModified());
    }

    void closingWithUnsavedEditsCanDiscardThem()
    {
        QTemporaryDir project;
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(project.path()));
        window.project()->undoStack()->push(new NoteCommand);
        bool asked = false;
        preflight::test::answerNextMessageBox(QMessageBox::Discard, &asked);
        QVERIFY(window.close());
        QVERIFY(asked);
    }

    void closingWithUnsavedEditsCanSaveThem()
    {
        QTemporaryDir project;
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(project.path()));
        int saves = 0;
        connect(window.project(), &preflight::ui::Project::saveRequested, this, [&saves] { ++saves; });
        window.project()->undoStack()->push(new NoteCommand);
        preflight::test::answerNextMessageBox(QMessageBox::Save);
        QVERIFY(window.close());
        QCOMPARE(saves, 1);
        QVERIFY(!window.project()->isModified());
    }

    void closingWithoutEditsDoesNotAsk()
    {
        QTemporaryDir project;
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(project.path()));
        QVERIFY(window.close());
    }

    void droppingAFolderOpensIt()
    {
        QTemporaryDir project;
        PREFLIGHT_CHECKED(writeFile(project.filePath("cart.scenario.json"), "{}\n"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(project.filePath("cart.scenario.json"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(window.project()->folder(), QDir(project.path()).canonicalPath());
        QVERIFY(window.windowTitle().startsWith(QDir(project.path()).dirName()));
    }

    void refusesToDropSomethingThatIsNotAProject()
    {
        QTemporaryDir dir;
        PREFLIGHT_CHECKED(writeFile(dir.filePath("notes.txt"), "x"));
        MainWindow window;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dir.filePath("notes.txt"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.ignore();
        QApplication::sendEvent(&window, &enter);
        QVERIFY(!enter.isAccepted());
    }

    void detectsDarknessFromThePalette()
    {
        QPalette light{QColor(Qt::white)};
        light.setColor(QPalette::WindowText, Qt::black);
        QPalette dark(QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        QVERIFY(!preflight::ui::Theme::isDark(light));
        QVERIFY(preflight::ui::Theme::isDark(dark));
    }

    // Help: F1 opens the compiled-in documentation at the page about the current one, its pictures
    // included; Keyboard Shortcuts lists every menu shortcut; About names the version.
    void helpMenuOpensTheDocumentationAndTheShortcuts()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.showPage(MainWindow::Page::SandboxOutbox);
        QTest::keyClick(&window, Qt::Key_F1);
        preflight::ui::HelpWindow *help = window.helpWindow();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        QVERIFY2(help->browser()->source().toString().endsWith(QStringLiteral("sandbox.md")),
                 qPrintable(help->browser()->source().toString()));
        QVERIFY(help->browser()->toPlainText().contains(QStringLiteral("One origin, the real paths")));
        QVERIFY(help->showPage(QStringLiteral("gui.md")));
        const QVariant picture = help->browser()->document()->resource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("screenshots/scenarios.png")));
        QVERIFY(picture.isValid());
        QVERIFY(!help->showPage(QStringLiteral("missing.md")));
        help->close();

        QAction *shortcuts = nullptr;
        QAction *about = nullptr;
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly)) {
            for (QAction *action : menuActions(menu)) {
                if (action->text() == QStringLiteral("&Keyboard Shortcuts"))
                    shortcuts = action;
                if (action->text() == QStringLiteral("&About Preflight"))
                    about = action;
            }
        }
        QVERIFY(shortcuts && about);
        shortcuts->trigger();
        auto *dialog = window.findChild<preflight::ui::ShortcutsDialog *>();
        QVERIFY(dialog);
        QStringList listed;
        for (int row = 0; row < dialog->table()->rowCount(); ++row)
            listed << dialog->table()->item(row, 1)->text() + QStringLiteral(" = ") +
                          dialog->table()->item(row, 2)->text();
        QVERIFY2(listed.contains(QStringLiteral("Run All Scenarios = Ctrl+Shift+R")),
                 qPrintable(listed.join(", ")));
        QVERIFY2(listed.contains(QStringLiteral("Documentation = F1")), qPrintable(listed.join(", ")));
        QVERIFY2(listed.contains(QStringLiteral("Sandbox & Outbox = Ctrl+5")), qPrintable(listed.join(", ")));
        dialog->close();

        bool seen = false;
        QString text;
        preflight::test::answerNextMessageBox(QMessageBox::Ok, &seen, &text);
        about->trigger();
        QTRY_VERIFY(seen);
        QVERIFY2(text.contains(QStringLiteral("Preflight ") + QString::fromUtf8(preflight::kVersionString)),
                 qPrintable(text));
    }

    // Every push and tool button on every page says what it does when hovered.
    void everyButtonHasATooltip()
    {
        MainWindow window;
        window.show();
        QStringList missing;
        for (int i = 0; i < MainWindow::kPageCount; ++i) {
            window.showPage(MainWindow::Page(i));
            for (QAbstractButton *button :
                 window.page(MainWindow::Page(i))->findChildren<QAbstractButton *>()) {
                if (!qobject_cast<QPushButton *>(button) && !qobject_cast<QToolButton *>(button))
                    continue;
                if (qobject_cast<QDialogButtonBox *>(button->parentWidget()) || button->text().isEmpty())
                    continue; // standard dialog buttons; icon-only tool buttons of Qt's own widgets
                if (button->toolTip().isEmpty())
                    missing << MainWindow::pageId(MainWindow::Page(i)) + QStringLiteral(": ") +
                                   button->text();
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }

    // Fusion outlines a check box with a shade of the window colour, invisible on a dark window: the
    // console's style draws an edge that stands out, in list cells too.
    void uncheckedBoxesAreVisibleInTheDarkScheme()
    {
        auto *style = new preflight::ui::ConsoleStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QCheckBox box(QStringLiteral("Production: real customers"));
        box.setStyle(style);
        box.setPalette(preflight::ui::Theme::darkPalette());
        box.resize(240, 32);
        const QImage image = box.grab().toImage();
        QStyleOptionButton option;
        option.initFrom(&box);
        const QRect indicator = style->subElementRect(QStyle::SE_CheckBoxIndicator, &option, &box);
        QVERIFY(!indicator.isEmpty());
        const int window = box.palette().color(QPalette::Window).lightness();
        int strongest = 0;
        for (int x = indicator.left(); x <= indicator.right(); ++x) {
            for (int y : {indicator.top(), indicator.bottom()})
                strongest = std::max(strongest, std::abs(image.pixelColor(x, y).lightness() - window));
        }
        QVERIFY2(strongest >= 60, qPrintable(QStringLiteral("the box's edge differs by %1").arg(strongest)));
        delete style;
    }

private:
    preflight::test::EnvironmentOverride m_env; // one test's, put back in cleanup()
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
