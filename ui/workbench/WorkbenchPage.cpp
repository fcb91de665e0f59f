#include "WorkbenchPage.h"

#include "ExpectationModel.h"
#include "Project.h"
#include "ScenarioDocument.h"
#include "ScenarioFileEditor.h"
#include "ScenarioListModel.h"
#include "ScenarioRunController.h"
#include "ScenarioRunHistory.h"
#include "StatusBadgeDelegate.h"
#include "StepTableModel.h"
#include "Theme.h"
#include "env/EnvironmentStore.h"
#include "env/SecretStore.h"
#include "outbox/Outbox.h"
#include "scenario/FilesBeside.h"

#include <algorithm>

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace preflight::ui {

WorkbenchPage::WorkbenchPage(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_steps(new StepTableModel(document, this))
    , m_expectations(new ExpectationModel(this))
    , m_runner(new ScenarioRunController(this))
    , m_history(new ScenarioRunHistory(this))
{
    m_scenarioList = new ScenarioListModel(m_document, m_history, this);
    m_list = new QListView(this);
    m_list->setModel(m_scenarioList);
    m_list->setItemDelegate(new StatusBadgeDelegate(ScenarioListModel::StatusRole, m_list));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setObjectName(QStringLiteral("scenarioList"));
    m_list->setMinimumWidth(220);

    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("scenarioDescription"));

    m_runButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run on sandbox"), this);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Run the selected scenario against the current environment (Ctrl+R)"));
    m_runAllButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Run All"), this);
    m_runAllButton->setObjectName(QStringLiteral("runAllButton"));
    m_runAllButton->setToolTip(tr("Run every scenario of the project, one after the other (Ctrl+Shift+R)"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setToolTip(tr("Stop the run (and the rest of Run All)"));
    m_cancelButton->setEnabled(false);
    m_inspectButton = new QPushButton(tr("Inspect Step"), this);
    m_inspectButton->setObjectName(QStringLiteral("inspectButton"));
    m_inspectButton->setToolTip(tr("Open the selected step's request in the payload inspector"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_summary = new QLabel(tr("Not run yet"), this);
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elides rather than widens
    m_historyCombo = new QComboBox(this);
    m_historyCombo->setObjectName(QStringLiteral("runHistory"));
    m_historyCombo->setToolTip(tr("This scenario's runs in this session, newest first"));
    m_historyCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_addStepButton = new QPushButton(tr("Add Step"), this);
    m_addStepButton->setObjectName(QStringLiteral("addStepButton"));
    m_addStepButton->setToolTip(tr("Insert a copy of the selected step after it (Insert)"));
    m_removeStepButton = new QPushButton(tr("Remove Step"), this);
    m_removeStepButton->setObjectName(QStringLiteral("removeStepButton"));
    m_removeStepButton->setToolTip(tr("Remove the selected step (Delete)"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_runButton);
    bar->addWidget(m_runAllButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_progress, 1);
    bar->addWidget(m_summary, 2);
    auto *secondBar = new QHBoxLayout;
    secondBar->addWidget(new QLabel(tr("History:"), this));
    secondBar->addWidget(m_historyCombo);
    secondBar->addStretch(1);
    secondBar->addWidget(m_addStepButton);
    secondBar->addWidget(m_removeStepButton);
    secondBar->addWidget(m_inspectButton);

    m_stepView = new QTableView(this);
    m_stepView->setObjectName(QStringLiteral("stepTable"));
    m_stepView->setModel(m_steps);
    m_stepView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepView->setWordWrap(false);
    m_stepView->horizontalHeader()->setStretchLastSection(true);
    m_stepView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::AnyKeyPressed);

    m_expectationView = new QTableView(this);
    m_expectationView->setObjectName(QStringLiteral("expectationTable"));
    m_expectationView->setModel(m_expectations);
    m_expectationView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_expectationView->setWordWrap(false);
    m_expectationView->horizontalHeader()->setStretchLastSection(true);

    // The selected expectation's whole story, then the run's notes.
    m_notes = new QTextBrowser(this);
    m_notes->setObjectName(QStringLiteral("runNotes"));
    m_notes->setPlaceholderText(tr("Select an expectation to see why; run notes appear here"));
    connect(m_expectationView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WorkbenchPage::showNotes);

    auto *results = new QSplitter(Qt::Horizontal, this);
    results->addWidget(m_expectationView);
    results->addWidget(m_notes);
    results->setStretchFactor(0, 1);
    results->setStretchFactor(1, 1);

    auto *scenarioPane = new QWidget(this);
    auto *scenarioLayout = new QVBoxLayout(scenarioPane);
    scenarioLayout->setContentsMargins(0, 0, 0, 0);
    scenarioLayout->addLayout(secondBar);
    auto *vertical = new QSplitter(Qt::Vertical, scenarioPane);
    vertical->addWidget(m_stepView);
    vertical->addWidget(results);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    scenarioLayout->addWidget(vertical, 1);

    m_fileEditor = new ScenarioFileEditor(m_document->project(), this);
    m_fileEditor->setObjectName(QStringLiteral("scenarioFileEditor"));
    m_detailStack = new QStackedWidget(this);
    m_detailStack->addWidget(scenarioPane);
    m_detailStack->addWidget(m_fileEditor);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_description);
    rightLayout->addLayout(bar);
    rightLayout->addWidget(m_detailStack, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({230, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_document, &ScenarioDocument::reset, this, &WorkbenchPage::refreshList);
    connect(
        m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onScenarioSelected(current.isValid() ? current.row() : -1); });
    connect(m_fileEditor, &ScenarioFileEditor::saved, this, [this] { m_document->reload(); });
    connect(m_historyCombo, &QComboBox::activated, this, &WorkbenchPage::showStoredRun);
    connect(m_history, &ScenarioRunHistory::added, this, [this](const QString &path) {
        if (path == currentPath())
            refreshHistory();
    });
    connect(m_runButton, &QPushButton::clicked, this, &WorkbenchPage::runCurrent);
    connect(m_runAllButton, &QPushButton::clicked, this, &WorkbenchPage::runAll);
    connect(m_cancelButton, &QPushButton::clicked, this, &WorkbenchPage::cancelRun);
    connect(m_inspectButton, &QPushButton::clicked, this, &WorkbenchPage::openSelectedStep);
    connect(m_addStepButton, &QPushButton::clicked, this, &WorkbenchPage::addStep);
    connect(m_removeStepButton, &QPushButton::clicked, this, &WorkbenchPage::removeStep);
    // Insert and Delete act on the step table while it has the focus, as in a spreadsheet.
    for (auto [key, slot] : {std::pair{QKeySequence(Qt::Key_Insert), &WorkbenchPage::addStep},
                             std::pair{QKeySequence(QKeySequence::Delete), &WorkbenchPage::removeStep}}) {
        auto *action = new QAction(m_stepView);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_stepView->addAction(action);
    }
    connect(m_runner, &ScenarioRunController::progressChanged, this, [this](int done, int total) {
        if (m_queueTotal > 0) {
            // Run All: one bar over every scenario, each scenario an equal share.
            const int finished = m_queueTotal - int(m_queue.size()) - 1;
            m_progress->setRange(0, m_queueTotal * 100);
            m_progress->setValue(finished * 100 + (total > 0 ? done * 100 / total : 0));
            return;
        }
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_runner, &ScenarioRunController::finished, this, &WorkbenchPage::onRunFinished);
    connect(m_runner, &ScenarioRunController::failed, this, &WorkbenchPage::onRunFailed);
    refreshList();
}

void WorkbenchPage::refreshList()
{
    // The model has been reset with the document; keep the scenario that was selected, by name.
    const int row = m_scenarioList->rowOf(m_selectedName);
    selectScenario(row >= 0 ? row : (m_scenarioList->rowCount() > 0 ? 0 : -1));
}

int WorkbenchPage::currentScenario() const
{
    const int row = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
    return row >= 0 && !m_scenarioList->isInvalid(row) ? row : -1;
}

QString WorkbenchPage::currentPath() const
{
    return m_list->currentIndex().data(ScenarioListModel::PathRole).toString();
}

bool WorkbenchPage::isRunning() const
{
    return m_runner->isRunning();
}

void WorkbenchPage::selectScenario(int index)
{
    m_list->setCurrentIndex(m_scenarioList->index(index, 0));
    if (index < 0)
        onScenarioSelected(-1);
}

void WorkbenchPage::onScenarioSelected(int row)
{
    if (row >= 0)
        m_selectedName = m_scenarioList->index(row).data().toString();
    const bool invalid = m_scenarioList->isInvalid(row);
    for (QPushButton *button : {m_inspectButton, m_addStepButton, m_removeStepButton})
        button->setEnabled(!invalid && row >= 0);
    m_runButton->setEnabled(!invalid && row >= 0 && !isRunning());
    if (invalid) {
        const InvalidScenarioFile &file = m_document->invalidFile(row - m_document->count());
        m_steps->setScenario(-1);
        clearResults();
        m_summary->setText(tr("<b style='color:#c62828'>Invalid: fix the file to run it</b>"));
        m_description->setText(tr("%1 does not load as a scenario; preflight-cli run refuses it with the "
                                  "message below. Edit it here and save.")
                                   .arg(QFileInfo(file.path).fileName()));
        m_fileEditor->open(file.path, file.error);
        m_detailStack->setCurrentIndex(1);
        refreshHistory();
        return;
    }
    m_detailStack->setCurrentIndex(0);
    m_steps->setScenario(currentScenario());
    m_description->setText(row >= 0 ? QString::fromStdString(m_document->scenario(row).description)
                                    : tr("No scenarios in this project: add a *.scenario.json file "
                                         "(see docs/scenario-format.md)."));
    fitStepColumns();
    refreshHistory();
}

void WorkbenchPage::fitStepColumns()
{
    // Each column as wide as its content, but none so wide that the ones after it leave the screen: the
    // full text of a capped cell is its tooltip.
    const int cap = m_stepView->fontMetrics().averageCharWidth() * 28;
    m_stepView->resizeColumnsToContents();
    for (int column = 0; column < StepTableModel::ColumnCount; ++column)
        m_stepView->setColumnWidth(column, std::min(m_stepView->columnWidth(column), cap));
}

void WorkbenchPage::refreshHistory()
{
    const QString path = currentPath();
    const auto &runs = m_history->runs(path);
    {
        const QSignalBlocker blocker(m_historyCombo);
        m_historyCombo->clear();
        for (const ScenarioRunHistory::Entry &entry : runs)
            m_historyCombo->addItem(tr("%1 · %2 · %3")
                                        .arg(entry.finishedAt.toString(QStringLiteral("HH:mm:ss")),
                                             entry.environment, runStatusText(entry.status)));
        if (runs.empty())
            m_historyCombo->addItem(tr("no runs yet"));
        m_historyCombo->setEnabled(!runs.empty());
    }
    if (m_scenarioList->isInvalid(m_list->currentIndex().row()))
        return;
    if (runs.empty()) {
        clearResults();
        if (!(isRunning() && m_runPath == path))
            m_summary->setText(tr("Not run yet"));
        return;
    }
    showStoredRun(0);
}

void WorkbenchPage::showStoredRun(int historyIndex)
{
    const auto &runs = m_history->runs(currentPath());
    if (historyIndex < 0 || historyIndex >= int(runs.size()))
        return;
    m_historyCombo->setCurrentIndex(historyIndex);
    showResults(*runs[std::size_t(historyIndex)].run);
}

void WorkbenchPage::clearResults()
{
    m_expectations->setResults({});
    m_runNotes.clear();
    m_notes->clear();
}

void WorkbenchPage::showResults(const WorkbenchRun &run)
{
    m_steps->setOutcomes(run.steps);
    m_expectations->setResults(run.result.expectations);
    fitStepColumns();
    m_expectationView->resizeColumnToContents(ExpectationModel::Status);
    m_expectationView->setColumnWidth(ExpectationModel::Expectation, 220);
    int failed = 0;
    for (const ExpectationResult &expectation : run.result.expectations)
        failed += expectation.status == ExpectationResult::Status::Failed;
    const int total = int(run.result.expectations.size());
    const RunStatus status = runStatusOf(run);
    m_summary->setText(
        failed ? tr("<b style='color:%3'>%1 of %2 expectations failed</b>")
                     .arg(failed)
                     .arg(total)
                     .arg(Theme::errorColor().name())
        : status == RunStatus::Leak
            ? tr("<b style='color:%2'>All %1 expectations pass</b> · "
                 "<b style='color:%3'>a message leaked</b>")
                  .arg(total)
                  .arg(Theme::okColor().name(), Theme::warningColor().name())
            : tr("<b style='color:%2'>All %1 expectations pass</b>").arg(total).arg(Theme::okColor().name()));
    QStringList notes;
    for (const std::string &note : run.result.notes)
        notes << QString::fromStdString(note);
    m_runNotes = notes.join(QLatin1Char('\n'));
    // The first failure is what the user wants to read: select it, so the pane explains it.
    const auto &expectations = run.result.expectations;
    const auto firstFailed =
        std::find_if(expectations.begin(), expectations.end(), [](const ExpectationResult &e) {
            return e.status == ExpectationResult::Status::Failed;
        });
    if (firstFailed != expectations.end())
        m_expectationView->setCurrentIndex(
            m_expectations->index(int(firstFailed - expectations.begin()), ExpectationModel::Status));
    showNotes();
}

void WorkbenchPage::showNotes()
{
    const QModelIndex current = m_expectationView->currentIndex();
    QString text;
    if (current.isValid()) {
        const ExpectationResult &result = m_expectations->results().at(std::size_t(current.row()));
        text = QStringLiteral("%1  %2\n\n%3\n\n")
                   .arg(m_expectations->index(current.row(), ExpectationModel::Status).data().toString(),
                        QString::fromStdString(result.description), QString::fromStdString(result.detail));
        if (!m_runNotes.isEmpty())
            text += tr("Run notes:\n");
    }
    m_notes->setPlainText(text + m_runNotes);
}

void WorkbenchPage::runCurrent()
{
    const int index = currentScenario();
    if (index < 0 || isRunning())
        return;
    Result<DeliveryTarget> target = resolveTarget();
    if (!target) {
        m_summary->setText(QString::fromStdString(target.error().toString()));
        return;
    }
    startRun(index, *target);
}

void WorkbenchPage::runAll()
{
    if (isRunning() || m_document->count() == 0)
        return;
    // One target (and one production confirmation) for the whole batch.
    Result<DeliveryTarget> target = resolveTarget();
    if (!target) {
        m_summary->setText(QString::fromStdString(target.error().toString()));
        return;
    }
    m_queueTarget = *target;
    m_queue.clear();
    for (int i = 0; i < m_document->count(); ++i)
        m_queue << QString::fromStdString(m_document->scenario(i).path);
    m_queueTotal = int(m_queue.size());
    m_queueOutcomes.clear();
    startNextQueued();
}

void WorkbenchPage::startNextQueued()
{
    while (!m_queue.isEmpty()) {
        const QString path = m_queue.takeFirst();
        const int index = m_document->indexOfPath(path);
        if (index >= 0 && startRun(index, *m_queueTarget))
            return;
        m_queueOutcomes << tr("%1 could not start").arg(QFileInfo(path).fileName());
    }
    // Done: say what became of them all.
    int pass = 0, leak = 0, fail = 0;
    for (int i = 0; i < m_document->count(); ++i) {
        switch (m_history->lastStatus(QString::fromStdString(m_document->scenario(i).path))) {
        case RunStatus::Pass: ++pass; break;
        case RunStatus::Leak: ++leak; break;
        case RunStatus::Fail: ++fail; break;
        default: break;
        }
    }
    const int total = m_queueTotal;
    m_queueTotal = 0;
    m_queueTarget.reset();
    finishRunning(
        tr("Run All: %1 scenarios · %2 pass · %3 leak · %4 fail%5")
            .arg(total)
            .arg(pass)
            .arg(leak)
            .arg(fail)
            .arg(m_queueOutcomes.isEmpty() ? QString() : QStringLiteral(" · ") + m_queueOutcomes.join(", ")));
}

bool WorkbenchPage::startRun(int index, const DeliveryTarget &target)
{
    RunInputs inputs;
    inputs.scenario = m_document->scenario(index);
    const auto journeysPath = fileBesideScenario(inputs.scenario.path, "*.journeys.json");
    if (!journeysPath) {
        m_summary->setText(QString::fromStdString(journeysPath.error().message));
        return false;
    }
    inputs.journeysPath = *journeysPath;
    // As `preflight-cli run`: without a plan beside the scenario validation is skipped; several are an error.
    const auto planPath = fileBesideScenario(inputs.scenario.path, "*.plan.json");
    if (!planPath && planPath.error().code == "ambiguous_file") {
        m_summary->setText(QString::fromStdString(planPath.error().message));
        return false;
    }
    inputs.planPath = planPath ? *planPath : std::string();
    inputs.target = target;
    if (inputs.target.environment.kind == EnvironmentKind::Workspace)
        inputs.outboxPath = Outbox::defaultPath();
    // A run id of its own per run: the sandbox keeps earlier runs' events and drops repeated event ids.
    inputs.runId =
        "console-" +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")).toStdString();
    m_runPath = QString::fromStdString(inputs.scenario.path);
    setRunning(true);
    if (m_queueTotal == 0)
        m_progress->setRange(0, 0); // busy until the first tick
    m_summary->setText(m_queueTotal > 0 ? tr("Running %1 of %2: %3…")
                                              .arg(m_queueTotal - int(m_queue.size()))
                                              .arg(m_queueTotal)
                                              .arg(QFileInfo(m_runPath).completeBaseName().remove(
                                                  QStringLiteral(".scenario")))
                                        : tr("Running…"));
    m_runner->start(inputs);
    return true;
}

void WorkbenchPage::setRunning(bool running)
{
    const bool selectable = currentScenario() >= 0;
    m_runButton->setEnabled(!running && selectable);
    m_runAllButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
}

void WorkbenchPage::finishRunning(const QString &summary)
{
    setRunning(false);
    // Never left spinning: a finished, failed or cancelled run leaves a determinate bar.
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_summary->setText(summary);
}

void WorkbenchPage::onRunFinished(const std::shared_ptr<const WorkbenchRun> &run)
{
    m_lastRun = run;
    const QString path = m_runPath;
    m_history->add(path, {run, QDateTime::currentDateTime(), m_environment, runStatusOf(*run)});
    if (path == currentPath())
        showResults(*run); // the history's refresh showed it too; this keeps the summary's wording
    const int index = m_document->indexOfPath(path);
    if (index >= 0)
        emit runFinished(run, m_document->scenario(index));
    if (m_queueTotal > 0) {
        startNextQueued();
        return;
    }
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
}

void WorkbenchPage::onRunFailed(const QString &message, bool cancelled)
{
    m_runNotes = message;
    m_notes->setPlainText(message);
    if (m_queueTotal > 0 && !cancelled) {
        m_queueOutcomes << tr("%1 failed").arg(QFileInfo(m_runPath).fileName());
        startNextQueued();
        return;
    }
    m_queue.clear();
    m_queueTotal = 0;
    m_queueTarget.reset();
    finishRunning(cancelled ? tr("Cancelled") : tr("Run failed: %1").arg(message));
    m_progress->setValue(0);
}

void WorkbenchPage::setEnvironment(const QString &name)
{
    m_environment = name.isEmpty() ? QString::fromLatin1(Environment::kSandboxName) : name;
    m_runButton->setText(tr("Run on %1").arg(m_environment));
}

Result<DeliveryTarget> WorkbenchPage::resolveTarget()
{
    Result<Environment> environment = EnvironmentStore().find(m_environment.toStdString());
    if (!environment)
        return environment.error();
    if (environment->kind == EnvironmentKind::Sandbox && environment->origin.empty())
        environment->origin = m_sandboxOrigin.toStdString(); // "" until it has started: the run starts one
    Result<Credentials> credentials = SecretStore().load(*environment);
    if (!credentials)
        return credentials.error();
    if (const auto missing = SecretStore::missingFor(*environment, *credentials); !missing.empty())
        return Error{"secrets_missing",
                     "credentials for '" + environment->name +
                         "' are incomplete; missing: " + missing.front(),
                     environment->name};
    if (environment->production) {
        const auto answer = QMessageBox::warning(
            this, tr("Send to production?"),
            tr("This run sends the scenario's test people to the production workspace \"%1\". Their ids "
               "must start with \"preflight-test-\".")
                .arg(m_environment),
            QMessageBox::Cancel | QMessageBox::Ok, QMessageBox::Cancel);
        if (answer != QMessageBox::Ok)
            return Error{"cancelled", "the production run was not confirmed", environment->name};
    }
    return DeliveryTarget{std::move(*environment), std::move(*credentials), nullptr};
}

void WorkbenchPage::cancelRun()
{
    m_runner->cancel();
}

void WorkbenchPage::addStep()
{
    const int index = currentScenario();
    if (index < 0)
        return;
    std::vector<ScenarioStep> steps = m_document->scenario(index).steps;
    const int row =
        m_stepView->currentIndex().isValid() ? m_stepView->currentIndex().row() : int(steps.size()) - 1;
    // A copy of the selected step (or a bare track call): editing a neighbour is quicker than starting blank.
    ScenarioStep step;
    if (row >= 0) {
        step = steps.at(std::size_t(row));
        step.fault = {};
    } else {
        step.call = Json{{"kind", "track"}, {"name", ""}, {"identity", Json::object()}};
    }
    const int at = row + 1;
    steps.insert(steps.begin() + at, step);
    m_document->editSteps(index, std::move(steps), tr("Add step %1").arg(at + 1));
    m_stepView->setCurrentIndex(m_steps->index(at, StepTableModel::Offset));
}

void WorkbenchPage::removeStep()
{
    const int index = currentScenario();
    const QModelIndex selected = m_stepView->currentIndex();
    if (index < 0 || !selected.isValid())
        return;
    std::vector<ScenarioStep> steps = m_document->scenario(index).steps;
    steps.erase(steps.begin() + selected.row());
    m_document->editSteps(index, std::move(steps), tr("Remove step %1").arg(selected.row() + 1));
    if (m_steps->rowCount() > 0)
        m_stepView->setCurrentIndex(m_steps->index(std::min(selected.row(), m_steps->rowCount() - 1), 0));
}

void WorkbenchPage::openSelectedStep()
{
    const int index = currentScenario();
    const QModelIndex selected = m_stepView->currentIndex();
    if (index < 0 || !selected.isValid())
        return;
    ExpandOptions options;
    auto expanded = expandScenario(m_document->scenario(index), options);
    if (!expanded)
        return;
    for (const auto *list : {&expanded->calls, &expanded->dropped}) {
        for (const ScheduledCall &scheduled : *list) {
            if (int(scheduled.step) == selected.row() && !scheduled.duplicate) {
                emit openStepInInspector(scheduled.call);
                return;
            }
        }
    }
}

} // namespace preflight::ui
