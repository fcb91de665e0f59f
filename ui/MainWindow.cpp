#include "MainWindow.h"

#include "EnvironmentBadge.h"
#include "HelpWindow.h"
#include "PlaceholderPage.h"
#include "PlanDesignerPage.h"
#include "PlanDocument.h"
#include "Project.h"
#include "RecentProjects.h"
#include "ShortcutsDialog.h"
#include "common/Json.h"
#include "environments/EnvironmentsPage.h"
#include "inspector/InspectorPage.h"
#include "sandbox/EmbeddedSandbox.h"
#include "sandbox/SandboxOutboxPage.h"
#include "scenario/ScenarioResult.h"
#include "timeline/TimelinePage.h"
#include "workbench/ScenarioDocument.h"
#include "workbench/ScenarioRun.h"
#include "workbench/WorkbenchPage.h"
#include <preflight/Version.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QUndoStack>

namespace preflight::ui {

namespace {

QString draggedFolder(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString folder = Project::folderFor(url.toLocalFile());
        if (!folder.isEmpty())
            return folder;
    }
    return {};
}

} // namespace

QString MainWindow::pageId(Page page)
{
    switch (page) {
    case Page::Plan: return QStringLiteral("plan");
    case Page::Inspector: return QStringLiteral("inspector");
    case Page::Scenarios: return QStringLiteral("scenarios");
    case Page::Timeline: return QStringLiteral("timeline");
    case Page::SandboxOutbox: return QStringLiteral("sandbox-outbox");
    case Page::Environments: return QStringLiteral("environments");
    }
    return {};
}

QString MainWindow::pageTitle(Page page)
{
    switch (page) {
    case Page::Plan: return tr("Plan");
    case Page::Inspector: return tr("Inspector");
    case Page::Scenarios: return tr("Scenarios");
    case Page::Timeline: return tr("Timeline");
    case Page::SandboxOutbox: return tr("Sandbox & Outbox");
    case Page::Environments: return tr("Environments");
    }
    return {};
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_project(new Project(this)), m_planDocument(new PlanDocument(m_project, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    createPages();
    createActions();
    createMenus();

    // Permanent widgets, so transient messages never paint over them.
    m_projectLabel = new QLabel(this);
    m_projectLabel->setObjectName(QStringLiteral("projectLabel"));
    statusBar()->addPermanentWidget(m_projectLabel);
    m_environmentBadge = new EnvironmentBadge(this);
    statusBar()->addPermanentWidget(m_environmentBadge);

    connect(m_project, &Project::opened, this, &MainWindow::refreshTitle);
    connect(m_project, &Project::closed, this, &MainWindow::refreshTitle);
    connect(m_project, &Project::modifiedChanged, this, &MainWindow::refreshTitle);
    connect(m_project, &Project::reloadedFromDisk, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Reloaded %1: it changed on disk").arg(QFileInfo(path).fileName()), 5000);
    });
    connect(m_project, &Project::externalChangeConflict, this, &MainWindow::onExternalChangeConflict);

    // The embedded sandbox checks calls against whatever plan is open, from the first load to every edit.
    auto loadPlan = [this] { m_sandbox->setPlan(m_planDocument->plan()); };
    connect(m_planDocument, &PlanDocument::loaded, this, loadPlan);
    connect(m_planDocument, &PlanDocument::changed, this, loadPlan);
    connect(m_sandbox, &EmbeddedSandbox::started, m_environmentsPage, &EnvironmentsPage::setSandboxOrigin);
    connect(m_sandbox, &EmbeddedSandbox::started, m_workbench, &WorkbenchPage::setSandboxOrigin);
    connect(m_sandbox, &EmbeddedSandbox::stopped, m_workbench, [this] { m_workbench->setSandboxOrigin({}); });
    connect(m_sandbox, &EmbeddedSandbox::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The embedded sandbox did not start: %1").arg(message), 10000);
    });
    connect(m_environmentsPage, &EnvironmentsPage::currentEnvironmentChanged, this,
            &MainWindow::setEnvironment);
    connect(m_sandboxPage, &SandboxOutboxPage::openRequested, this, &MainWindow::inspectRequestRequested);
    connect(this, &MainWindow::inspectRequestRequested, this, [this](const HttpRequest &request) {
        if (Status opened = m_inspector->openRequest(request); !opened) {
            statusBar()->showMessage(QString::fromStdString(opened.error().toString()), 8000);
            return;
        }
        showPage(Page::Inspector);
    });

    resize(1280, 800);
    restoreSettings();
    refreshTitle();
    // After the first paint: listening is quick, but the window never waits for it.
    QTimer::singleShot(0, this, [this] {
        if (!m_sandbox->isRunning())
            (void)m_sandbox->start();
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages()
{
    m_sidebarModel = new QStandardItemModel(this);
    for (int i = 0; i < kPageCount; ++i) {
        auto *item = new QStandardItem(pageTitle(Page(i)));
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(pageTitle(Page(i))).arg(i + 1));
        item->setEditable(false);
        item->setData(pageId(Page(i)), Qt::UserRole);
        m_sidebarModel->appendRow(item);
    }

    m_sidebar = new QListView(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setModel(m_sidebarModel);
    m_sidebar->setStyleSheet(QStringLiteral("QListView#sidebar { padding-top: 6px; } "
                                            "QListView#sidebar::item { padding: 7px 12px; }"));
    m_sidebar->setMinimumWidth(150);
    m_sidebar->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    const QString explanations[kPageCount] = {
        tr("Design the tracking plan: events, their typed properties, identity rules and person attributes, "
           "linted as you edit."),
        tr("Compose a call and see the exact request that would be sent, with the plan's verdict on every "
           "field."),
        tr("Edit and run test-customer scenarios against the current environment and check their "
           "expectations."),
        tr("Follow each test person over virtual time: events as they occurred and arrived, journey entries, "
           "waits, sends and suppressions."),
        tr("Browse the embedded sandbox's people and activity, and the outbox with its dead letters."),
        tr("Add and test the workspaces calls can go to; production is always marked and guarded."),
    };
    m_planDesigner = new PlanDesignerPage(m_planDocument, m_pages);
    m_inspector = new InspectorPage(m_planDocument, m_pages);
    m_scenarioDocument = new ScenarioDocument(m_project, this);
    m_workbench = new WorkbenchPage(m_scenarioDocument, m_pages);
    m_timeline = new TimelinePage(m_pages);
    connect(this, &MainWindow::runScenarioRequested, m_workbench, &WorkbenchPage::runCurrent);
    connect(m_workbench, &WorkbenchPage::runFinished, m_timeline,
            [this](std::shared_ptr<const WorkbenchRun> run, const Scenario &scenario) {
                m_timeline->setRun(std::move(run), QString::fromStdString(scenario.name));
            });
    // Scenario calls are canonical Calls; the inspector shows them as the Track API request a run sends.
    connect(m_workbench, &WorkbenchPage::openStepInInspector, this, [this](const Call &call) {
        m_inspector->openCall(call, Api::TrackV1);
        showPage(Page::Inspector);
    });
    m_sandbox = new EmbeddedSandbox(this);
    m_sandboxPage = new SandboxOutboxPage(m_sandbox, m_pages);
    m_environmentsPage = new EnvironmentsPage(m_pages);
    for (int i = 0; i < kPageCount; ++i) {
        QWidget *page = nullptr;
        switch (Page(i)) {
        case Page::Plan: page = m_planDesigner; break;
        case Page::Inspector: page = m_inspector; break;
        case Page::Scenarios: page = m_workbench; break;
        case Page::Timeline: page = m_timeline; break;
        case Page::SandboxOutbox: page = m_sandboxPage; break;
        case Page::Environments: page = m_environmentsPage; break;
        default: page = new PlaceholderPage(pageTitle(Page(i)), explanations[i], m_pages); break;
        }
        page->setObjectName(pageId(Page(i)) + QStringLiteral("Page"));
        m_pages->addWidget(page);
    }

    connect(m_sidebar->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_pages->setCurrentIndex(current.row());
            });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({180, 1100});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    showPage(Page::Plan);
}

void MainWindow::createActions()
{
    m_openAction = new QAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("&Open Project…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseProjectFolder);

    m_newFromStarterAction = new QAction(tr("&New Project from the D2C Starter…"), this);
    m_newFromStarterAction->setShortcut(QKeySequence::New);
    connect(m_newFromStarterAction, &QAction::triggered, this, &MainWindow::chooseStarterFolder);

    m_saveAction = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveProject);

    m_reloadAction = new QAction(tr("Re&load from Disk"), this);
    m_reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_reloadAction->setToolTip(tr("Read the project's files again, e.g. after fixing one in an editor"));
    connect(m_reloadAction, &QAction::triggered, this, [this] {
        if (!m_project->isOpen() || !confirmDiscardOrSave())
            return;
        if (Status reloaded = m_project->reload(); !reloaded)
            showError(tr("Cannot reload"), QString::fromStdString(reloaded.error().toString()));
        else
            statusBar()->showMessage(tr("Reloaded %1").arg(m_project->folder()), 5000);
    });

    m_closeProjectAction = new QAction(tr("&Close Project"), this);
    connect(m_closeProjectAction, &QAction::triggered, this, [this] {
        if (confirmDiscardOrSave())
            m_project->close();
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_project->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_project->undoStack()->createRedoAction(this, tr("&Redo"));
    // The platform's redo keys plus the two every desktop user tries, each once: a key sequence listed
    // twice is an "ambiguous shortcut" and then does nothing at all.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &extra :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(extra))
            redoKeys << extra;
    m_redoAction->setShortcuts(redoKeys);

    m_runScenarioAction =
        new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run Current Scenario"), this);
    m_runScenarioAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_runScenarioAction, &QAction::triggered, this, [this] {
        showPage(Page::Scenarios);
        emit runScenarioRequested();
    });

    m_runAllAction =
        new QAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Run &All Scenarios"), this);
    m_runAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_runAllAction, &QAction::triggered, this, [this] {
        showPage(Page::Scenarios);
        m_workbench->runAll();
    });

    for (int i = 0; i < kPageCount; ++i) {
        // "Sandbox & Outbox" must keep its ampersand, not turn the O into a mnemonic.
        auto *action = new QAction(pageTitle(Page(i)).replace(QLatin1Char('&'), QStringLiteral("&&")), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
        m_pageActions << action;
    }
    // Actions live on the window so their shortcuts work whichever widget has focus.
    addActions({m_openAction, m_newFromStarterAction, m_saveAction, m_reloadAction, m_quitAction,
                m_undoAction, m_redoAction, m_runScenarioAction, m_runAllAction});
    addActions(m_pageActions);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newFromStarterAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenu);
    file->addAction(m_saveAction);
    file->addAction(m_reloadAction);
    file->addAction(m_closeProjectAction);
    file->addSeparator();
    QAction *fromReport = file->addAction(tr("Open Request from Run &Report…"));
    fromReport->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(fromReport, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Run Report"), m_project->folder(),
                                                          tr("Run reports (*.json)"));
        if (!path.isEmpty())
            openRequestFromRunReport(path);
    });
    addAction(fromReport);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_pageActions);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runScenarioAction);
    run->addAction(m_runAllAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *documentation = help->addAction(tr("&Documentation"), this, &MainWindow::showDocumentation);
    documentation->setShortcut(QKeySequence::HelpContents);
    addAction(documentation);
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        auto *dialog = new ShortcutsDialog(menuBar(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    addAction(shortcuts);
    help->addSeparator();
    help->addAction(tr("&About Preflight"), this, [this] {
        QMessageBox::about(
            this, tr("About Preflight"),
            tr("<h3>Preflight %1</h3><p>Design and lint a Customer.io tracking plan, send test "
               "customers to the Track and Pipelines APIs or the embedded sandbox, inspect the "
               "exact payloads and simulate journeys on a virtual clock.</p><p>Qt %2</p>")
                .arg(QString::fromUtf8(preflight::kVersionString), QString::fromLatin1(qVersion())));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showDocumentation()
{
    if (!m_help)
        m_help = new HelpWindow(this);
    // The page about what the user is looking at; the index for the others.
    const bool onPage = currentPage() == Page::SandboxOutbox ? m_help->showPage(QStringLiteral("sandbox.md"))
                                                             : m_help->showPage(QStringLiteral("gui.md"));
    if (!onPage)
        m_help->showPage(QStringLiteral("README.md"));
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
}

void MainWindow::refreshRecentMenu()
{
    m_recentMenu->clear();
    const QStringList folders = RecentProjects::list();
    for (const QString &folder : folders) {
        QAction *action = m_recentMenu->addAction(folder);
        connect(action, &QAction::triggered, this, [this, folder] { openProject(folder); });
    }
    if (folders.isEmpty())
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear Menu"), this, [] { RecentProjects::clear(); });
}

bool MainWindow::openProject(const QString &path)
{
    const QString folder = Project::folderFor(path);
    if (folder.isEmpty()) {
        showError(tr("Cannot open project"), tr("%1 is not a folder or a project file.").arg(path));
        return false;
    }
    if (!confirmDiscardOrSave())
        return false;
    const Status status = m_project->open(folder);
    if (!status.ok()) {
        showError(tr("Cannot open project"), QString::fromStdString(status.error().toString()));
        return false;
    }
    RecentProjects::add(m_project->folder());
    statusBar()->showMessage(tr("Opened %1").arg(m_project->folder()), 5000);
    return true;
}

bool MainWindow::restoreLastProject()
{
    const QString last = QSettings().value(QStringLiteral("project/last")).toString();
    if (last.isEmpty() || !QFileInfo(last).isDir())
        return false;
    return m_project->open(last).ok();
}

bool MainWindow::newProjectFromStarter(const QString &folder)
{
    if (!confirmDiscardOrSave())
        return false;
    const Status status = Project::createFromStarter(folder);
    if (!status.ok()) {
        showError(tr("Cannot create project"), QString::fromStdString(status.error().toString()));
        return false;
    }
    return openProject(folder);
}

bool MainWindow::saveProject()
{
    if (!m_project->isOpen())
        return true;
    const Status status = m_project->save();
    if (!status.ok()) {
        showError(tr("Cannot save"), QString::fromStdString(status.error().toString()));
        return false;
    }
    statusBar()->showMessage(tr("Saved"), 3000);
    return true;
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentIndex(m_sidebarModel->index(int(page), 0));
    m_pages->setCurrentIndex(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QWidget *MainWindow::page(Page page) const
{
    return m_pages->widget(int(page));
}

void MainWindow::setEnvironment(const QString &name, bool production)
{
    m_environmentBadge->setEnvironment(name, production);
    m_workbench->setEnvironment(name);
}

bool MainWindow::openRequestFromRunReport(const QString &path)
{
    const Result<Json> report = readJsonFile(path.toStdString());
    Result<std::vector<ReportedRequest>> requests =
        report ? requestsInRunReport(*report) : Result<std::vector<ReportedRequest>>(report.error());
    if (!requests || requests->empty()) {
        QMessageBox::warning(this, tr("Open Run Report"),
                             requests ? tr("%1 records no requests.").arg(QDir::toNativeSeparators(path))
                                      : QString::fromStdString(requests.error().toString()));
        return false;
    }
    QStringList labels;
    for (const ReportedRequest &item : *requests)
        labels << tr("%1 · step %2 · %3 %4 (%5)")
                      .arg(QString::fromStdString(item.scenario))
                      .arg(item.step + 1) // steps count from 1, as in the step table and the notes
                      .arg(QString::fromStdString(item.kind), QString::fromStdString(item.name),
                           QString::fromStdString(item.state));
    bool picked = false;
    const QString label = QInputDialog::getItem(this, tr("Open Request from Run Report"), tr("Request:"),
                                                labels, 0, false, &picked);
    if (!picked)
        return false;
    emit inspectRequestRequested(requests->at(std::size_t(labels.indexOf(label))).request);
    return true;
}

bool MainWindow::confirmDiscardOrSave()
{
    if (!m_project->isModified())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    tr("%1 has unsaved changes. Save them first?").arg(m_project->name()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedChangesPrompt"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save: return saveProject();
    case QMessageBox::Discard:
        // Drop the edits so a later question (close after open) does not ask again.
        m_project->undoStack()->setClean();
        return true;
    default: return false;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscardOrSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!draggedFolder(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString folder = draggedFolder(event->mimeData());
    if (folder.isEmpty())
        return;
    event->acceptProposedAction();
    openProject(folder);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_planDesigner->restoreLayout(settings.value(QStringLiteral("window/planLayout")).toByteArray());
    const int pageIndex = settings.value(QStringLiteral("window/page"), 0).toInt();
    if (pageIndex >= 0 && pageIndex < kPageCount)
        showPage(Page(pageIndex));
    // The environments page restored the current environment (and knows whether it is production).
    setEnvironment(m_environmentsPage->currentName(), m_environmentsPage->currentIsProduction());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/planLayout"), m_planDesigner->saveLayout());
    settings.setValue(QStringLiteral("window/page"), int(currentPage()));
    settings.setValue(QStringLiteral("environment/name"), m_environmentBadge->environmentName());
    settings.setValue(QStringLiteral("environment/production"), m_environmentBadge->isProduction());
    if (m_project->isOpen())
        settings.setValue(QStringLiteral("project/last"), m_project->folder());
}

void MainWindow::refreshTitle()
{
    const bool open = m_project->isOpen();
    setWindowTitle(open ? QStringLiteral("%1[*] — Preflight").arg(m_project->name())
                        : QStringLiteral("Preflight"));
    setWindowModified(m_project->isModified());
    m_saveAction->setEnabled(open);
    m_reloadAction->setEnabled(open);
    m_closeProjectAction->setEnabled(open);
    const auto fileCount = m_project->allFiles().size();
    m_projectLabel->setText(
        open ? tr("Project: %1 · %2")
                   .arg(m_project->folder(), fileCount == 1 ? tr("1 file") : tr("%1 files").arg(fileCount))
             : tr("No project open: File ▸ Open Project (Ctrl+O) or drop a folder here"));
}

void MainWindow::chooseProjectFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open Project Folder"), m_project->folder());
    if (!folder.isEmpty())
        openProject(folder);
}

void MainWindow::chooseStarterFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Choose an Empty Folder for the New Project"), QString());
    if (!folder.isEmpty())
        newProjectFromStarter(folder);
}

void MainWindow::onExternalChangeConflict(const QString &path)
{
    const auto answer = QMessageBox::question(
        this, tr("File changed on disk"),
        tr("%1 changed outside Preflight while you have unsaved edits.\n\nReload it and lose your edits?")
            .arg(QFileInfo(path).fileName()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes)
        (void)m_project->reload();
}

void MainWindow::showError(const QString &title, const QString &message)
{
    QMessageBox::warning(this, title, message);
}

} // namespace preflight::ui
