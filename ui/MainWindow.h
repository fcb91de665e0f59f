#pragma once

#include "api/HttpRequest.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QSplitter;
class QStackedWidget;
class QStandardItemModel;

namespace preflight::ui {

class EmbeddedSandbox;
class EnvironmentBadge;
class InspectorPage;
class EnvironmentsPage;
class HelpWindow;
class SandboxOutboxPage;
class PlanDesignerPage;
class PlanDocument;
class Project;
class ScenarioDocument;
class TimelinePage;
class WorkbenchPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Plan, Inspector, Scenarios, Timeline, SandboxOutbox, Environments };
    static constexpr int kPageCount = 6;
    static QString pageId(Page page);
    static QString pageTitle(Page page);

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Project *project() const { return m_project; }
    PlanDocument *planDocument() const { return m_planDocument; }
    PlanDesignerPage *planDesigner() const { return m_planDesigner; }
    InspectorPage *inspector() const { return m_inspector; }
    ScenarioDocument *scenarioDocument() const { return m_scenarioDocument; }
    WorkbenchPage *workbench() const { return m_workbench; }
    TimelinePage *timeline() const { return m_timeline; }
    EmbeddedSandbox *sandbox() const { return m_sandbox; }
    SandboxOutboxPage *sandboxPage() const { return m_sandboxPage; }
    EnvironmentsPage *environmentsPage() const { return m_environmentsPage; }
    // Opens a folder (or the folder of a project file), asking first about unsaved edits.
    bool openProject(const QString &path);
    // Reopens the last project from the settings, if there is one and it still exists.
    bool restoreLastProject();
    bool newProjectFromStarter(const QString &folder);
    bool saveProject();

    void showPage(Page page);
    Page currentPage() const;
    QWidget *page(Page page) const;

    void setEnvironment(const QString &name, bool production);
    // Lets the user pick one of the requests a `preflight-cli run --report` file recorded and opens it in
    // the payload inspector; false when the file is unreadable, not a report, or nothing was picked.
    bool openRequestFromRunReport(const QString &path);
    EnvironmentBadge *environmentBadge() const { return m_environmentBadge; }
    // Help ▸ Documentation (F1): the page about the current one, in the compiled-in docs.
    void showDocumentation();
    HelpWindow *helpWindow() const { return m_help; }

    // True when it is fine to drop the current edits (saved, discarded, or none); false on Cancel.
    bool confirmDiscardOrSave();

signals:
    void runScenarioRequested();
    // A request picked in the sandbox activity or the outbox, to be opened in the payload inspector.
    void inspectRequestRequested(const preflight::HttpRequest &request);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createPages();
    void createActions();
    void createMenus();
    void restoreSettings();
    void saveSettings() const;
    void refreshTitle();
    void refreshRecentMenu();
    void chooseProjectFolder();
    void chooseStarterFolder();
    void onExternalChangeConflict(const QString &path);
    void showError(const QString &title, const QString &message);

    Project *m_project;
    PlanDocument *m_planDocument = nullptr;
    PlanDesignerPage *m_planDesigner = nullptr;
    InspectorPage *m_inspector = nullptr;
    ScenarioDocument *m_scenarioDocument = nullptr;
    WorkbenchPage *m_workbench = nullptr;
    TimelinePage *m_timeline = nullptr;
    EmbeddedSandbox *m_sandbox = nullptr;
    SandboxOutboxPage *m_sandboxPage = nullptr;
    EnvironmentsPage *m_environmentsPage = nullptr;
    QSplitter *m_splitter = nullptr;
    QListView *m_sidebar = nullptr;
    QStandardItemModel *m_sidebarModel = nullptr;
    QStackedWidget *m_pages = nullptr;
    EnvironmentBadge *m_environmentBadge = nullptr;
    QLabel *m_projectLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    HelpWindow *m_help = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_newFromStarterAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_closeProjectAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_runScenarioAction = nullptr;
    QAction *m_runAllAction = nullptr;
    QList<QAction *> m_pageActions;
};

} // namespace preflight::ui
