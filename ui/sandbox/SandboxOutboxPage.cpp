#include "SandboxOutboxPage.h"

#include "ActivityChart.h"
#include "ActivityTableModel.h"
#include "EmbeddedSandbox.h"
#include "OutboxPanel.h"
#include "Theme.h"

#include "sandbox/SandboxServer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace preflight::ui {

SandboxOutboxPage::SandboxOutboxPage(EmbeddedSandbox *sandbox, QWidget *parent)
    : QWidget(parent), m_sandbox(sandbox), m_activityModel(new ActivityTableModel(1'000'000, this))
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sandboxTabs"));
    m_tabs->addTab(createActivityTab(), tr("Activity"));
    m_tabs->addTab(createPeopleTab(), tr("People"));
    m_outbox = new OutboxPanel(this);
    m_outbox->setPath(OutboxPanel::defaultPath());
    m_tabs->addTab(m_outbox, tr("Outbox && dead letters"));
    m_chart = new ActivityChart(this);
    m_tabs->addTab(m_chart, tr("Volume && violations"));

    auto *layout = new QVBoxLayout(this);
    // The window may be narrower than the banner and filters: they clip rather than widen the window.
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    layout->addWidget(createBanner());
    layout->addWidget(m_tabs, 1);

    connect(m_outbox, &OutboxPanel::openRequested, this, &SandboxOutboxPage::openRequested);
    connect(m_activityModel, &ActivityTableModel::flushed, this, [this] {
        m_countLabel->setText(
            tr("%L1 of %L2 requests").arg(m_activityModel->rowCount()).arg(m_activityModel->totalCount()));
        if (!m_peopleTimer->isActive())
            m_peopleTimer->start();
    });
    connect(m_sandbox, &EmbeddedSandbox::started, this, &SandboxOutboxPage::onSandboxStarted);
    connect(m_sandbox, &EmbeddedSandbox::failed, this, &SandboxOutboxPage::onSandboxFailed);
    if (m_sandbox->isRunning())
        onSandboxStarted(m_sandbox->origin());
}

QWidget *SandboxOutboxPage::createBanner()
{
    auto *box = new QGroupBox(tr("Embedded sandbox"), this);
    box->setObjectName(QStringLiteral("sandboxBanner"));
    m_status = new QLabel(tr("Starting…"), box);
    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setWordWrap(true);
    auto field = [box](const QString &name) {
        auto *edit = new QLineEdit(box);
        edit->setObjectName(name);
        edit->setReadOnly(true);
        return edit;
    };
    m_origin = field(QStringLiteral("sandboxOrigin"));
    m_siteId = field(QStringLiteral("sandboxSiteId"));
    m_apiKey = field(QStringLiteral("sandboxApiKey"));
    m_writeKey = field(QStringLiteral("sandboxWriteKey"));
    m_appKey = field(QStringLiteral("sandboxAppKey"));

    auto *copyOrigin = new QPushButton(tr("Copy Origin"), box);
    copyOrigin->setToolTip(tr("Copy the sandbox's origin, to point a staging app or SDK at it"));
    auto *copyAll = new QPushButton(tr("Copy as Environment Variables"), box);
    copyAll->setObjectName(QStringLiteral("sandboxCopyAll"));
    copyAll->setToolTip(
        tr("The origin and the sandbox's test credentials, ready to paste into a staging app's "
           "configuration."));
    auto *restart = new QPushButton(tr("Restart"), box);
    restart->setToolTip(tr("Start over with an empty workspace and activity log (same plan)."));
    connect(copyOrigin, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_origin->text()); });
    connect(copyAll, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(QStringLiteral("CUSTOMERIO_ORIGIN=%1\nCUSTOMERIO_SITE_ID=%2\n"
                                                          "CUSTOMERIO_API_KEY=%3\nCUSTOMERIO_WRITE_KEY=%4\n"
                                                          "CUSTOMERIO_APP_API_KEY=%5\n")
                                               .arg(m_origin->text(), m_siteId->text(), m_apiKey->text(),
                                                    m_writeKey->text(), m_appKey->text()));
    });
    connect(restart, &QPushButton::clicked, this, [this] {
        m_activityModel->clear();
        m_chart->clear();
        (void)m_sandbox->start();
    });

    auto *grid = new QGridLayout(box);
    m_status->setWordWrap(true);
    grid->addWidget(m_status, 0, 0, 1, 6);
    grid->addWidget(new QLabel(tr("Origin"), box), 1, 0);
    grid->addWidget(m_origin, 1, 1);
    grid->addWidget(new QLabel(tr("Site ID"), box), 1, 2);
    grid->addWidget(m_siteId, 1, 3);
    grid->addWidget(new QLabel(tr("Track API key"), box), 1, 4);
    grid->addWidget(m_apiKey, 1, 5);
    grid->addWidget(new QLabel(tr("Pipelines write key"), box), 2, 0);
    grid->addWidget(m_writeKey, 2, 1);
    grid->addWidget(new QLabel(tr("App API key"), box), 2, 2);
    grid->addWidget(m_appKey, 2, 3);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(copyOrigin);
    buttons->addWidget(copyAll);
    buttons->addWidget(restart);
    grid->addLayout(buttons, 2, 4, 1, 2);
    return box;
}

QWidget *SandboxOutboxPage::createActivityTab()
{
    auto *tab = new QWidget(this);
    auto combo = [tab](const QString &name, bool editable) {
        auto *box = new QComboBox(tab);
        box->setObjectName(name);
        box->setEditable(editable);
        box->setMinimumWidth(130);
        box->setInsertPolicy(QComboBox::NoInsert);
        return box;
    };
    m_personFilter = combo(QStringLiteral("personFilter"), true);
    m_eventFilter = combo(QStringLiteral("eventFilter"), true);
    m_outcomeFilter = combo(QStringLiteral("outcomeFilter"), false);
    m_statusFilter = combo(QStringLiteral("statusFilter"), false);
    m_verdictFilter = combo(QStringLiteral("verdictFilter"), false);
    m_personFilter->lineEdit()->setPlaceholderText(tr("any person"));
    m_eventFilter->lineEdit()->setPlaceholderText(tr("any event"));
    m_outcomeFilter->addItem(tr("any outcome"), QString());
    for (const char *outcome : {"accepted", "rejected", "dropped", "fault"})
        m_outcomeFilter->addItem(QString::fromLatin1(outcome), QString::fromLatin1(outcome));
    m_statusFilter->addItem(tr("any status"), 0);
    m_statusFilter->addItem(tr("2xx"), 2);
    m_statusFilter->addItem(tr("4xx"), 4);
    m_statusFilter->addItem(tr("5xx"), 5);
    m_verdictFilter->addItem(tr("any verdict"), int(ActivityTableModel::VerdictFilter::Any));
    m_verdictFilter->addItem(tr("passes the plan"), int(ActivityTableModel::VerdictFilter::Pass));
    m_verdictFilter->addItem(tr("violates the plan"), int(ActivityTableModel::VerdictFilter::Fail));
    m_countLabel = new QLabel(tab);
    m_countLabel->setObjectName(QStringLiteral("activityCount"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Filter:"), tab));
    for (QComboBox *box : {m_personFilter, m_eventFilter, m_outcomeFilter, m_statusFilter, m_verdictFilter})
        filters->addWidget(box);
    m_countLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    filters->addWidget(m_countLabel, 1);
    for (QComboBox *box : {m_outcomeFilter, m_statusFilter, m_verdictFilter})
        connect(box, &QComboBox::currentIndexChanged, this, &SandboxOutboxPage::applyFilters);
    for (QComboBox *box : {m_personFilter, m_eventFilter}) {
        connect(box->lineEdit(), &QLineEdit::editingFinished, this, &SandboxOutboxPage::applyFilters);
        connect(box, &QComboBox::textActivated, this, &SandboxOutboxPage::applyFilters);
    }

    m_activityView = new QTableView(tab);
    m_activityView->setObjectName(QStringLiteral("activityView"));
    m_activityView->setModel(m_activityModel);
    m_activityView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_activityView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_activityView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_activityView->setWordWrap(false);
    m_activityView->verticalHeader()->hide();
    // Fixed row heights and column widths: the view never measures a million rows.
    m_activityView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_activityView->verticalHeader()->setDefaultSectionSize(m_activityView->fontMetrics().height() + 6);
    m_activityView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_activityView->horizontalHeader()->setStretchLastSection(true);
    // Widths from typical content, so at 1280×800 the outcome and verdict stay in view; identifiers are
    // elided in the middle, where generated ones differ least.
    m_activityView->setTextElideMode(Qt::ElideMiddle);
    const QFontMetrics metrics = m_activityView->fontMetrics();
    const int padding = metrics.averageCharWidth() * 2;
    const std::pair<ActivityTableModel::Column, QString> typical[] = {
        {ActivityTableModel::Sequence, QStringLiteral("000000")},
        {ActivityTableModel::Time, QStringLiteral("00:00:00.000")},
        {ActivityTableModel::Api, QStringLiteral("pipelines")},
        {ActivityTableModel::Person, QStringLiteral("maya@example.com")},
        {ActivityTableModel::Event, QStringLiteral("checkout_started")},
        {ActivityTableModel::Status, QStringLiteral("Status")},
        {ActivityTableModel::Outcome, QStringLiteral("accepted ⚠")},
    };
    for (const auto &[column, text] : typical)
        m_activityView->setColumnWidth(column, metrics.horizontalAdvance(text) + padding);
    connect(m_activityView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SandboxOutboxPage::showDetails);

    m_details = new QPlainTextEdit(tab);
    m_details->setObjectName(QStringLiteral("activityDetails"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(
        tr("Select a request to see what the sandbox did with it and the plan's verdicts."));
    m_openButton = new QPushButton(tr("Open in Inspector"), tab);
    m_openButton->setObjectName(QStringLiteral("activityOpenInInspector"));
    m_openButton->setToolTip(tr("Open the selected request, exactly as received, in the payload inspector"));
    m_openButton->setEnabled(false);
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_activityView->currentIndex();
        if (!current.isValid())
            return;
        const ActivityEntry entry = fullEntry(current.row());
        if (entry.bodyKept)
            emit openRequested(requestFor(entry, m_sandbox->origin()));
    });
    auto *detailsPane = new QWidget(tab);
    auto *detailsLayout = new QVBoxLayout(detailsPane);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_details, 1);
    detailsLayout->addWidget(m_openButton, 0, Qt::AlignRight);

    auto *splitter = new QSplitter(Qt::Horizontal, tab);
    splitter->addWidget(m_activityView);
    splitter->addWidget(detailsPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({780, 320});
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    return tab;
}

QWidget *SandboxOutboxPage::createPeopleTab()
{
    m_peopleModel = new QStandardItemModel(0, 4, this);
    m_peopleModel->setHorizontalHeaderLabels(
        {tr("Identifier"), tr("cio_id"), tr("Requests"), tr("Suppressed")});
    auto *view = new QTableView(this);
    view->setObjectName(QStringLiteral("peopleView"));
    view->setModel(m_peopleModel);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setColumnWidth(0, 240);
    view->setColumnWidth(1, 220);
    // Double-click filters the activity log to that person.
    connect(view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        m_personFilter->setEditText(m_peopleModel->index(index.row(), 0).data().toString());
        applyFilters();
        m_tabs->setCurrentIndex(ActivityTab);
    });
    m_peopleTimer = new QTimer(this);
    m_peopleTimer->setSingleShot(true);
    m_peopleTimer->setInterval(1000);
    connect(m_peopleTimer, &QTimer::timeout, this, [this] {
        refreshPeople();
        refreshFilterChoices();
    });
    return view;
}

void SandboxOutboxPage::onSandboxStarted(const QString &origin)
{
    const QString note = m_sandbox->portNote();
    m_status->setText(tr("Listening on %1 — point a staging app here with the credentials below. Calls are "
                         "checked against the open project's plan.")
                          .arg(origin) +
                      (note.isEmpty() ? QString() : QStringLiteral("\n") + tr("Note: %1.").arg(note)));
    m_status->setStyleSheet(note.isEmpty() ? QString()
                                           : QStringLiteral("color: %1;").arg(Theme::warningColor().name()));
    m_origin->setText(origin);
    const Credentials credentials = m_sandbox->credentials();
    m_siteId->setText(QString::fromStdString(credentials.siteId));
    m_apiKey->setText(QString::fromStdString(credentials.apiKey));
    m_writeKey->setText(QString::fromStdString(credentials.writeKey));
    m_appKey->setText(QString::fromStdString(credentials.appApiKey));
    SandboxServer *server = m_sandbox->server();
    connect(&server->activity(), &ActivityLog::entryAdded, this, [this](const ActivityEntry &entry) {
        m_activityModel->append(entry);
        m_chart->add(entry);
    });
    connect(&server->activity(), &ActivityLog::entryAmended, m_activityModel, &ActivityTableModel::amend);
    connect(&server->activity(), &ActivityLog::cleared, this, [this] {
        m_activityModel->clear();
        m_chart->clear();
    });
}

void SandboxOutboxPage::onSandboxFailed(const QString &message)
{
    m_status->setText(tr("The embedded sandbox did not start: %1").arg(message));
    m_status->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::errorColor().name()));
}

void SandboxOutboxPage::applyFilters()
{
    ActivityTableModel::Filter filter;
    filter.person = m_personFilter->currentText().trimmed();
    filter.event = m_eventFilter->currentText().trimmed();
    filter.outcome = m_outcomeFilter->currentData().toString();
    filter.statusClass = m_statusFilter->currentData().toInt();
    filter.verdict = ActivityTableModel::VerdictFilter(m_verdictFilter->currentData().toInt());
    m_activityModel->setFilter(filter);
    m_countLabel->setText(
        tr("%L1 of %L2 requests").arg(m_activityModel->rowCount()).arg(m_activityModel->totalCount()));
    m_details->clear();
    m_openButton->setEnabled(false);
}

void SandboxOutboxPage::refreshFilterChoices()
{
    for (auto [box, names] : {std::pair{m_personFilter, m_activityModel->people()},
                              std::pair{m_eventFilter, m_activityModel->eventNames()}}) {
        const QString text = box->currentText();
        if (box->count() == names.size())
            continue;
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItems(names);
        box->setEditText(text);
    }
}

void SandboxOutboxPage::refreshPeople()
{
    m_peopleModel->removeRows(0, m_peopleModel->rowCount());
    SandboxServer *server = m_sandbox->server();
    if (!server)
        return;
    const Workspace &workspace = server->processor().workspace();
    const QStringList people = m_activityModel->people();
    for (const QString &person : people) {
        ActivityTableModel::Filter filter;
        const std::string id = person.toStdString();
        const bool byEmail = id.find('@') != std::string::npos;
        const std::optional<std::string> key = workspace.personKey(id, byEmail ? "email" : "id");
        if (!key)
            continue; // seen in a rejected call only: not in the workspace
        ActivityFilter count;
        count.person = id;
        m_peopleModel->appendRow(
            {new QStandardItem(person), new QStandardItem(QString::fromStdString(*key)),
             new QStandardItem(QString::number(server->activity().count(count))),
             new QStandardItem(workspace.isSuppressed(id, byEmail ? "email" : "id") ? tr("yes")
                                                                                    : QString())});
    }
}

HttpRequest SandboxOutboxPage::requestFor(const ActivityEntry &entry, const QString &origin)
{
    HttpRequest request;
    request.method = entry.method;
    request.url = origin.toStdString() + entry.path;
    if (!entry.contentType.empty())
        request.setHeader("Content-Type", entry.contentType);
    request.body = entry.body;
    return request;
}

ActivityEntry SandboxOutboxPage::fullEntry(int row) const
{
    // The view's rows are compact (no bodies); the sandbox's own log keeps the recent requests whole.
    ActivityEntry entry = m_activityModel->entryAt(row);
    if (SandboxServer *server = m_sandbox->server())
        if (std::optional<ActivityEntry> kept = server->activity().find(entry.sequence))
            return std::move(*kept);
    return entry;
}

QString SandboxOutboxPage::detailsText() const
{
    return m_details->toPlainText();
}

void SandboxOutboxPage::showDetails()
{
    const QModelIndex current = m_activityView->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        m_openButton->setEnabled(false);
        return;
    }
    const ActivityEntry entry = fullEntry(current.row());
    QString text =
        tr("%1 %2\n").arg(QString::fromStdString(entry.method), QString::fromStdString(entry.path));
    text += tr("Arrived: %1\n")
                .arg(QDateTime::fromMSecsSinceEpoch(entry.arrivedAt, Qt::UTC).toString(Qt::ISODateWithMs));
    text += tr("API: %1\n").arg(QString::fromStdString(entry.api));
    if (!entry.person.empty())
        text += tr("Person: %1\n").arg(QString::fromStdString(entry.person));
    if (!entry.eventName.empty())
        text += tr("Event: %1\n").arg(QString::fromStdString(entry.eventName));
    text += tr("Answered: %1 (%2)\n")
                .arg(entry.status == 0 ? tr("connection dropped") : QString::number(entry.status),
                     QString::fromStdString(entry.outcome));
    if (!entry.reason.empty())
        text += tr("Why: %1\n").arg(QString::fromStdString(entry.reason));
    if (entry.verdicts.is_array() && !entry.verdicts.empty()) {
        text += tr("\nPlan verdicts (%1):\n").arg(entry.verdicts.size());
        for (const Json &verdict : entry.verdicts) {
            if (!verdict.is_object()) {
                text += QStringLiteral("  • ") + QString::fromStdString(verdict.dump()) + QLatin1Char('\n');
                continue;
            }
            text += QStringLiteral("  • [%1] %2 at %3: %4\n")
                        .arg(QString::fromStdString(verdict.value("severity", "")),
                             QString::fromStdString(verdict.value("code", "")),
                             QString::fromStdString(verdict.value("pointer", "")),
                             QString::fromStdString(verdict.value("message", "")));
            if (verdict.contains("suggestion"))
                text += tr("    fix: %1\n").arg(QString::fromStdString(verdict.value("suggestion", "")));
        }
    } else if (!entry.eventName.empty()) {
        text += tr("\nPlan verdict: passes\n");
    }
    if (entry.bodyKept && !entry.body.empty())
        text += tr("Body: %1 bytes%2\n")
                    .arg(entry.body.size())
                    .arg(entry.contentType.empty()
                             ? QString()
                             : QStringLiteral(", ") + QString::fromStdString(entry.contentType));
    else if (!entry.bodyKept)
        text += tr("Body: not kept (over %1 KiB, or older than the bodies the sandbox keeps)\n")
                    .arg(ActivityEntry::kMaxKeptBodyBytes / 1024);
    m_details->setPlainText(text);
    m_openButton->setEnabled(entry.bodyKept);
    m_openButton->setToolTip(entry.bodyKept ? tr("Open this exact request in the payload inspector")
                                            : tr("The sandbox no longer keeps this request's body"));
}

} // namespace preflight::ui
