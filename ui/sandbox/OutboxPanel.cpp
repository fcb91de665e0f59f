#include "OutboxPanel.h"

#include "outbox/Outbox.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace preflight::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString timeText(std::int64_t ms)
{
    return ms == 0 ? QString()
                   : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

QString OutboxPanel::defaultPath()
{
    return Outbox::defaultPath();
}

OutboxPanel::OutboxPanel(QWidget *parent)
    : QWidget(parent)
    , m_stateFilter(new QComboBox(this))
    , m_model(new QStandardItemModel(0, 7, this))
    , m_table(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
    , m_retryButton(new QPushButton(tr("Retry"), this))
    , m_purgeButton(new QPushButton(tr("Purge"), this))
    , m_openButton(new QPushButton(tr("Open in Inspector"), this))
{
    setObjectName(QStringLiteral("outboxPanel"));
    m_stateFilter->setObjectName(QStringLiteral("outboxStateFilter"));
    m_stateFilter->addItem(tr("Dead letters"), QStringLiteral("dead"));
    m_stateFilter->addItem(tr("Pending"), QStringLiteral("pending"));
    m_stateFilter->addItem(tr("Delivered"), QStringLiteral("done"));
    m_stateFilter->addItem(tr("All"), QString());
    m_retryButton->setObjectName(QStringLiteral("outboxRetry"));
    m_retryButton->setToolTip(
        tr("Put the selected dead letter back in the queue; the next send delivers it."));
    m_purgeButton->setObjectName(QStringLiteral("outboxPurge"));
    m_purgeButton->setToolTip(
        tr("Delete every entry shown (dead letters or delivered; pending entries are kept)."));
    m_openButton->setObjectName(QStringLiteral("outboxOpenInInspector"));
    m_openButton->setToolTip(tr("Open the selected entry's request in the payload inspector"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setToolTip(tr("Read the outbox file again (the CLI may have changed it)"));

    m_model->setHorizontalHeaderLabels({tr("#"), tr("Environment"), tr("API"), tr("State"), tr("Attempts"),
                                        tr("Last status"), tr("Updated")});
    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details->setObjectName(QStringLiteral("outboxDetails"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select an entry to see its request and the last answer."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_stateFilter);
    // Long summaries (a path, an error) elide with the window rather than widening it.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(m_summary, 1);
    bar->addWidget(refresh);
    bar->addWidget(m_openButton);
    bar->addWidget(m_retryButton);
    bar->addWidget(m_purgeButton);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setSizes({300, 200});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &OutboxPanel::refresh);
    connect(refresh, &QPushButton::clicked, this, &OutboxPanel::refresh);
    connect(m_retryButton, &QPushButton::clicked, this, &OutboxPanel::retrySelected);
    connect(m_purgeButton, &QPushButton::clicked, this, [this] {
        const auto answer = QMessageBox::question(this, tr("Purge the outbox"),
                                                  tr("Delete every entry shown? This cannot be undone."));
        if (answer == QMessageBox::Yes)
            purgeShown();
    });
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        const std::int64_t id = selectedId();
        if (id == 0 || !m_outbox)
            return;
        if (Result<OutboxEntry> entry = m_outbox->entry(id))
            emit openRequested(entry->request);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OutboxPanel::showDetails);
}

OutboxPanel::~OutboxPanel() = default;

void OutboxPanel::setPath(const QString &path)
{
    m_path = path;
    m_outbox.reset();
    refresh();
}

void OutboxPanel::refresh()
{
    m_model->removeRows(0, m_model->rowCount());
    m_details->clear();
    // Opening creates the file: only open an outbox something has already written.
    if (!m_outbox && !m_path.isEmpty() && QFileInfo::exists(m_path)) {
        auto outbox = std::make_unique<Outbox>();
        if (Status status = outbox->open(m_path); !status) {
            m_summary->setText(
                tr("Cannot open %1: %2").arg(m_path, QString::fromStdString(status.error().message)));
            return;
        }
        m_outbox = std::move(outbox);
    }
    if (!m_outbox) {
        m_summary->setText(tr("Nothing sent yet (%1)").arg(QDir::toNativeSeparators(m_path)));
        return;
    }
    const std::optional<OutboxState> state =
        outboxStateFromString(m_stateFilter->currentData().toString().toStdString());
    Result<std::vector<OutboxEntry>> entries = m_outbox->list(state);
    if (!entries) {
        m_summary->setText(QString::fromStdString(entries.error().toString()));
        return;
    }
    for (const OutboxEntry &entry : *entries) {
        QList<QStandardItem *> row{
            new QStandardItem(QString::number(entry.id)),
            new QStandardItem(QString::fromStdString(entry.environment)),
            new QStandardItem(QString::fromStdString(std::string(toString(entry.api)))),
            new QStandardItem(QString::fromStdString(std::string(toString(entry.state)))),
            new QStandardItem(QString::number(entry.attempts)),
            new QStandardItem(entry.lastStatus == 0 ? QStringLiteral("—")
                                                    : QString::number(entry.lastStatus)),
            new QStandardItem(timeText(entry.updatedMs))};
        row.front()->setData(QVariant::fromValue<qlonglong>(entry.id), kIdRole);
        if (entry.state == OutboxState::Dead)
            row[3]->setForeground(QColor(0xc6, 0x28, 0x28));
        m_model->appendRow(row);
    }
    auto countOf = [this](OutboxState s) {
        Result<int> n = m_outbox->count(s);
        return n ? *n : 0;
    };
    m_summary->setText(tr("%1 pending · %2 delivered · %3 dead letters")
                           .arg(countOf(OutboxState::Pending))
                           .arg(countOf(OutboxState::Done))
                           .arg(countOf(OutboxState::Dead)));
    m_table->resizeColumnsToContents();
}

int OutboxPanel::rowCount() const
{
    return m_model->rowCount();
}

void OutboxPanel::selectRow(int row)
{
    m_table->selectRow(row);
    m_table->setCurrentIndex(m_model->index(row, 0));
}

std::int64_t OutboxPanel::selectedId() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return 0;
    return m_model->index(current.row(), 0).data(kIdRole).toLongLong();
}

void OutboxPanel::showDetails()
{
    const std::int64_t id = selectedId();
    if (id == 0 || !m_outbox)
        return;
    Result<OutboxEntry> entry = m_outbox->entry(id);
    if (!entry) {
        m_details->setPlainText(QString::fromStdString(entry.error().toString()));
        return;
    }
    QString text = tr("%1 %2\n").arg(QString::fromStdString(entry->request.method),
                                     QString::fromStdString(entry->request.url));
    for (const HttpHeader &header : entry->request.headers)
        text += QStringLiteral("%1: %2\n")
                    .arg(QString::fromStdString(header.name),
                         header.secret ? QStringLiteral("[redacted]") : QString::fromStdString(header.value));
    text += QStringLiteral("\n") + QString::fromStdString(entry->request.body) + QStringLiteral("\n\n");
    text += tr("Dedupe id: %1 · attempts: %2 · next attempt: %3\n")
                .arg(QString::fromStdString(entry->dedupeId))
                .arg(entry->attempts)
                .arg(timeText(entry->nextAttemptMs));
    text += tr("Last answer (%1):\n%2")
                .arg(entry->lastStatus == 0 ? tr("no HTTP answer") : QString::number(entry->lastStatus),
                     QString::fromStdString(entry->lastResponse));
    m_details->setPlainText(text);
    m_retryButton->setEnabled(entry->state == OutboxState::Dead);
}

void OutboxPanel::retrySelected()
{
    const std::int64_t id = selectedId();
    if (id == 0 || !m_outbox)
        return;
    if (Status status = m_outbox->requeue(id, std::nullopt, QDateTime::currentMSecsSinceEpoch()); !status) {
        m_summary->setText(QString::fromStdString(status.error().toString()));
        return;
    }
    refresh();
}

void OutboxPanel::purgeShown()
{
    if (!m_outbox)
        return;
    const QString stateName = m_stateFilter->currentData().toString();
    std::vector<OutboxState> states;
    if (stateName.isEmpty())
        states = {OutboxState::Done, OutboxState::Dead};
    else if (auto state = outboxStateFromString(stateName.toStdString());
             state && *state != OutboxState::Pending)
        states = {*state};
    for (OutboxState state : states)
        (void)m_outbox->purge(state);
    refresh();
}

} // namespace preflight::ui
