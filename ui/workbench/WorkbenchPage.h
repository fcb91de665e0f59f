#pragma once

#include "runner/DeliveryTarget.h"

#include "ScenarioRun.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace preflight::ui {

class ScenarioListModel;

class ExpectationModel;
class ScenarioDocument;
class ScenarioFileEditor;
class ScenarioRunController;
class ScenarioRunHistory;
class StepTableModel;

// Scenarios page: the project's scenarios with their last run's status (and the files that do not load,
// opened as text at their error), the step editor, Run / Run All / Cancel with progress, and the results
// (per step verdict, HTTP status, read back; expectations with their messages), kept per scenario with a
// history of its runs in this session.
class WorkbenchPage : public QWidget
{
    Q_OBJECT

public:
    explicit WorkbenchPage(ScenarioDocument *document, QWidget *parent = nullptr);

    ScenarioDocument *document() const { return m_document; }
    StepTableModel *stepModel() const { return m_steps; }
    ExpectationModel *expectationModel() const { return m_expectations; }
    ScenarioRunController *runner() const { return m_runner; }
    std::shared_ptr<const WorkbenchRun> lastRun() const { return m_lastRun; }
    ScenarioRunHistory *history() const { return m_history; }
    ScenarioFileEditor *fileEditor() const { return m_fileEditor; }
    bool isRunning() const;

    int currentScenario() const;
    void selectScenario(int index);
    // Runs the selected scenario against the current environment (the sandbox).
    void runCurrent();
    // Runs every scenario that loads, one after the other, against the current environment.
    void runAll();
    void cancelRun();
    // The console's embedded sandbox, where runs on the built-in sandbox environment send ("" until it has
    // started: a run then starts its own).
    void setSandboxOrigin(const QString &origin) { m_sandboxOrigin = origin; }
    // The current environment (the status bar's): runs send there.
    void setEnvironment(const QString &name);

signals:
    void runFinished(std::shared_ptr<const preflight::ui::WorkbenchRun> run,
                     const preflight::Scenario &scenario);
    // Asks for the selected step's call to be shown in the inspector.
    void openStepInInspector(const preflight::Call &call);

private:
    void refreshList();
    void onScenarioSelected(int row);
    void refreshHistory();
    void fitStepColumns();
    void showStoredRun(int historyIndex);
    void showResults(const WorkbenchRun &run);
    void showNotes();
    void clearResults();
    bool startRun(int index, const DeliveryTarget &target);
    void startNextQueued();
    void finishRunning(const QString &summary);
    void setRunning(bool running);
    void onRunFinished(const std::shared_ptr<const WorkbenchRun> &run);
    void onRunFailed(const QString &message, bool cancelled);
    QString currentPath() const;
    void openSelectedStep();
    void addStep();
    void removeStep();
    // The current environment as a delivery target, with its credentials; asks before a production run.
    Result<DeliveryTarget> resolveTarget();

    ScenarioDocument *m_document;
    ScenarioListModel *m_scenarioList = nullptr;
    QString m_selectedName; // the selected scenario's short name, kept across reloads
    StepTableModel *m_steps;
    ExpectationModel *m_expectations;
    ScenarioRunController *m_runner;
    QListView *m_list = nullptr;
    QTableView *m_stepView = nullptr;
    QTableView *m_expectationView = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_summary = nullptr;
    ScenarioRunHistory *m_history;
    ScenarioFileEditor *m_fileEditor = nullptr;
    QStackedWidget *m_detailStack = nullptr;
    QComboBox *m_historyCombo = nullptr;
    QPushButton *m_runAllButton = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_inspectButton = nullptr;
    QPushButton *m_addStepButton = nullptr;
    QPushButton *m_removeStepButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QTextBrowser *m_notes = nullptr;
    QString m_runNotes; // the shown run's notes, or why it failed
    std::shared_ptr<const WorkbenchRun> m_lastRun;
    QString m_runPath; // the scenario file being run
    // Run All: the files still to run, how many there were, what became of the finished ones.
    QStringList m_queue;
    int m_queueTotal = 0;
    QStringList m_queueOutcomes;
    std::optional<DeliveryTarget> m_queueTarget;
    QString m_sandboxOrigin;
    QString m_environment = QString::fromLatin1(Environment::kSandboxName);
};

} // namespace preflight::ui
