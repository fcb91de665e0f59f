#include "WorkbenchPage.h"

#include "ExpectationModel.h"
#include "Project.h"
#include "ScenarioDocument.h"
#include "ScenarioListModel.h"
#include "ScenarioRunController.h"
#include "StepTableModel.h"
#include "env/EnvironmentStore.h"
#include "env/SecretStore.h"
#include "outbox/Outbox.h"

#include <QAction>
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
{
    m_scenarioList = new ScenarioListModel(m_document, this);
    m_list = new QListView(this);
    m_list->setModel(m_scenarioList);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setObjectName(QStringLiteral("scenarioList"));
    m_list->setMinimumWidth(190);

    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("scenarioDescription"));

    m_runButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run on sandbox"), this);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Run the selected scenario against the current environment (Ctrl+R)"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    m_inspectButton = new QPushButton(tr("Inspect Step"), this);
    m_inspectButton->setObjectName(QStringLiteral("inspectButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_summary = new QLabel(tr("Not run yet"), this);
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elides rather than widens

    m_addStepButton = new QPushButton(tr("Add Step"), this);
    m_addStepButton->setObjectName(QStringLiteral("addStepButton"));
    m_addStepButton->setToolTip(tr("Insert a copy of the selected step after it (Insert)"));
    m_removeStepButton = new QPushButton(tr("Remove Step"), this);
    m_removeStepButton->setObjectName(QStringLiteral("removeStepButton"));
    m_removeStepButton->setToolTip(tr("Remove the selected step (Delete)"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_runButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_progress, 1);
    bar->addWidget(m_summary, 2);
    bar->addWidget(m_addStepButton);
    bar->addWidget(m_removeStepButton);
    bar->addWidget(m_inspectButton);

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
    m_expectationView->setWordWrap(true);
    m_expectationView->horizontalHeader()->setStretchLastSection(true);
    m_expectationView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_notes = new QTextBrowser(this);
    m_notes->setObjectName(QStringLiteral("runNotes"));
    m_notes->setPlaceholderText(tr("Run notes appear here"));

    auto *results = new QSplitter(Qt::Horizontal, this);
    results->addWidget(m_expectationView);
    results->addWidget(m_notes);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 1);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_description);
    rightLayout->addLayout(bar);
    auto *vertical = new QSplitter(Qt::Vertical, right);
    vertical->addWidget(m_stepView);
    vertical->addWidget(results);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    rightLayout->addWidget(vertical, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({200, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_document, &ScenarioDocument::reset, this, &WorkbenchPage::refreshList);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const int row = current.isValid() ? current.row() : -1;
                if (current.isValid())
                    m_selectedName = current.data().toString();
                m_steps->setScenario(row);
                m_expectations->setResults({});
                m_notes->clear();
                m_summary->setText(tr("Not run yet"));
                m_description->setText(
                    row >= 0 ? QString::fromStdString(m_document->scenario(row).description) : QString());
                m_stepView->resizeColumnsToContents();
                m_stepView->setColumnWidth(StepTableModel::Properties, 260);
            });
    connect(m_runButton, &QPushButton::clicked, this, &WorkbenchPage::runCurrent);
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
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_runner, &ScenarioRunController::finished, this, &WorkbenchPage::showRun);
    connect(m_runner, &ScenarioRunController::failed, this, [this](const QString &message, bool cancelled) {
        m_runButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_progress->setValue(0);
        m_summary->setText(cancelled ? tr("Cancelled") : tr("Run failed"));
        m_notes->setPlainText(message);
    });
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
    return m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
}

void WorkbenchPage::selectScenario(int index)
{
    m_list->setCurrentIndex(m_scenarioList->index(index, 0));
    if (index < 0)
        m_steps->setScenario(-1);
}

void WorkbenchPage::runCurrent()
{
    const int index = currentScenario();
    if (index < 0 || m_runner->isRunning())
        return;
    RunInputs inputs;
    inputs.scenario = m_document->scenario(index);
    inputs.journeysPath = fileBeside(inputs.scenario.path, "*.journeys.json");
    inputs.planPath = fileBeside(inputs.scenario.path, "*.plan.json");
    Result<DeliveryTarget> target = resolveTarget();
    if (!target) {
        m_summary->setText(QString::fromStdString(target.error().toString()));
        return;
    }
    inputs.target = std::move(*target);
    if (inputs.target.environment.kind == EnvironmentKind::Workspace)
        inputs.outboxPath = Outbox::defaultPath();
    // A run id of its own per run: the sandbox keeps earlier runs' events and drops repeated event ids.
    inputs.runId =
        "console-" +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")).toStdString();
    if (inputs.journeysPath.empty()) {
        m_summary->setText(tr("No single *.journeys.json beside the scenario"));
        return;
    }
    m_runScenario = index;
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setRange(0, 0); // busy until the first tick
    m_summary->setText(tr("Running…"));
    m_runner->start(inputs);
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

void WorkbenchPage::showRun(const std::shared_ptr<const WorkbenchRun> &run)
{
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_lastRun = run;
    if (m_runScenario != currentScenario())
        return; // the selection moved while it ran
    m_steps->setOutcomes(run->steps);
    m_expectations->setResults(run->result.expectations);
    m_stepView->resizeColumnToContents(StepTableModel::Verdict);
    m_stepView->resizeColumnToContents(StepTableModel::Http);
    m_expectationView->resizeColumnToContents(ExpectationModel::Status);
    m_expectationView->setColumnWidth(ExpectationModel::Expectation, 300);
    int failed = 0;
    for (const ExpectationResult &expectation : run->result.expectations)
        failed += expectation.status == ExpectationResult::Status::Failed;
    const int total = int(run->result.expectations.size());
    m_summary->setText(
        failed ? tr("<b style='color:#c62828'>%1 of %2 expectations failed</b>").arg(failed).arg(total)
               : tr("<b style='color:#2e7d32'>All %1 expectations pass</b>").arg(total));
    QStringList notes;
    for (const std::string &note : run->result.notes)
        notes << QString::fromStdString(note);
    m_notes->setPlainText(notes.join(QLatin1Char('\n')));
    emit runFinished(run, m_document->scenario(m_runScenario));
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
