#include "PlanDesignerPage.h"

#include "AttributeTableModel.h"
#include "EventListModel.h"
#include "IdentityRulesEditor.h"
#include "LintModel.h"
#include "PlanDiffModel.h"
#include "PlanDocument.h"
#include "PlanItemDelegate.h"
#include "PlanLocation.h"
#include "PlanText.h"
#include "PropertyTableModel.h"
#include "Theme.h"

#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace preflight::ui {

namespace {

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setHighlightSections(false);
    view->setWordWrap(false);
    return view;
}

} // namespace

PlanDesignerPage::PlanDesignerPage(PlanDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_eventModel(new EventListModel(document, this))
    , m_eventFilter(new QSortFilterProxyModel(this))
    , m_propertyModel(new PropertyTableModel(document, this))
    , m_attributeModel(new AttributeTableModel(document, this))
    , m_diffModel(new PlanDiffModel(document, this))
    , m_lintModel(new LintModel(document, this))
{
    m_eventFilter->setSourceModel(m_eventModel);
    m_eventFilter->setFilterRole(EventListModel::SearchRole);
    m_eventFilter->setFilterKeyColumn(EventListModel::Name);
    m_eventFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("planHeader"));
    m_header->setWordWrap(true);
    layout->addWidget(m_header);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("planTabs"));
    m_tabs->addTab(createEventsTab(), tr("Events"));
    m_tabs->addTab(new IdentityRulesEditor(document, this), tr("Identity"));
    m_tabs->addTab(createAttributesTab(), tr("Person attributes"));
    m_tabs->addTab(createChangesTab(), tr("Changes since save"));

    m_verticalSplitter = new QSplitter(Qt::Vertical, this);
    m_verticalSplitter->setObjectName(QStringLiteral("planVerticalSplitter"));
    m_verticalSplitter->addWidget(m_tabs);
    m_verticalSplitter->addWidget(createLintPanel());
    m_verticalSplitter->setStretchFactor(0, 3);
    m_verticalSplitter->setStretchFactor(1, 1);
    m_verticalSplitter->setChildrenCollapsible(false);
    layout->addWidget(m_verticalSplitter, 1);

    connect(document, &PlanDocument::changed, this, &PlanDesignerPage::refreshHeader);
    connect(document, &PlanDocument::saved, this, &PlanDesignerPage::refreshHeader);
    connect(m_diffModel, &QAbstractItemModel::modelReset, this, [this] {
        const QString title = m_diffModel->baseline() == PlanDiffModel::Baseline::LastSave
                                  ? tr("Changes since save")
                                  : tr("Changes since commit");
        const int count = m_diffModel->rowCount();
        m_tabs->setTabText(ChangesTab, count == 0 ? title : tr("%1 (%2)").arg(title).arg(count));
    });
    connect(document, &PlanDocument::loaded, this, [this] {
        if (m_eventFilter->rowCount() > 0 && currentEvent() < 0)
            m_eventView->selectRow(0);
    });
    refreshHeader();
}

QWidget *PlanDesignerPage::createEventsTab()
{
    auto *tab = new QWidget(this);
    auto *tabLayout = new QHBoxLayout(tab);
    tabLayout->setContentsMargins(0, 0, 0, 0);
    m_eventsSplitter = new QSplitter(Qt::Horizontal, tab);
    m_eventsSplitter->setObjectName(QStringLiteral("eventsSplitter"));
    tabLayout->addWidget(m_eventsSplitter);

    auto *left = new QWidget(m_eventsSplitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 4, 4);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Search events, aliases, descriptions"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_eventFilter, &QSortFilterProxyModel::setFilterFixedString);
    leftLayout->addWidget(m_search);
    m_eventView = makeTable(left, QStringLiteral("eventView"));
    m_eventView->setModel(m_eventFilter);
    m_eventView->horizontalHeader()->setSectionResizeMode(EventListModel::Name, QHeaderView::Stretch);
    m_eventView->horizontalHeader()->setSectionResizeMode(EventListModel::Properties,
                                                          QHeaderView::ResizeToContents);
    m_eventView->horizontalHeader()->setSectionResizeMode(EventListModel::Side,
                                                          QHeaderView::ResizeToContents);
    connect(m_eventView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PlanDesignerPage::onEventSelected);
    leftLayout->addWidget(m_eventView);
    auto *eventButtons = new QHBoxLayout;
    auto *addEventButton = new QPushButton(tr("Add event…"), left);
    addEventButton->setObjectName(QStringLiteral("addEventButton"));
    auto *removeEventButton = new QPushButton(tr("Remove"), left);
    removeEventButton->setObjectName(QStringLiteral("removeEventButton"));
    m_editButtons << addEventButton << removeEventButton;
    connect(addEventButton, &QPushButton::clicked, this, &PlanDesignerPage::addEvent);
    connect(removeEventButton, &QPushButton::clicked, this, &PlanDesignerPage::removeEvent);
    eventButtons->addWidget(addEventButton);
    eventButtons->addWidget(removeEventButton);
    eventButtons->addStretch();
    leftLayout->addLayout(eventButtons);

    auto *right = new QWidget(m_eventsSplitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 4, 4, 4);
    m_eventTitle = new QLabel(right);
    m_eventTitle->setObjectName(QStringLiteral("eventTitle"));
    m_eventTitle->setWordWrap(true);
    m_eventTitle->setTextFormat(Qt::RichText);
    rightLayout->addWidget(m_eventTitle);
    m_propertyView = makeTable(right, QStringLiteral("propertyView"));
    m_propertyView->setModel(m_propertyModel);
    m_propertyView->setItemDelegate(new PlanItemDelegate(PropertyTableModel::Type,
                                                         PropertyTableModel::Constraints,
                                                         PropertyTableModel::TypeRole, m_propertyView));
    m_propertyView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                    QAbstractItemView::SelectedClicked);
    auto *header = m_propertyView->horizontalHeader();
    header->setStretchLastSection(true);
    m_propertyView->setColumnWidth(PropertyTableModel::Name, 150);
    m_propertyView->setColumnWidth(PropertyTableModel::Type, 90);
    m_propertyView->setColumnWidth(PropertyTableModel::Required, 72);
    m_propertyView->setColumnWidth(PropertyTableModel::Constraints, 200);
    m_propertyView->setColumnWidth(PropertyTableModel::DedupeKey, 84);
    rightLayout->addWidget(m_propertyView);
    auto *propertyButtons = new QHBoxLayout;
    auto *addPropertyButton = new QPushButton(tr("Add property…"), right);
    addPropertyButton->setObjectName(QStringLiteral("addPropertyButton"));
    auto *removePropertyButton = new QPushButton(tr("Remove"), right);
    removePropertyButton->setObjectName(QStringLiteral("removePropertyButton"));
    m_editButtons << addPropertyButton << removePropertyButton;
    connect(addPropertyButton, &QPushButton::clicked, this, &PlanDesignerPage::addProperty);
    connect(removePropertyButton, &QPushButton::clicked, this, &PlanDesignerPage::removeProperty);
    propertyButtons->addWidget(addPropertyButton);
    propertyButtons->addWidget(removePropertyButton);
    propertyButtons->addStretch();
    rightLayout->addLayout(propertyButtons);

    m_eventsSplitter->addWidget(left);
    m_eventsSplitter->addWidget(right);
    m_eventsSplitter->setStretchFactor(1, 1);
    m_eventsSplitter->setSizes({300, 800});
    return tab;
}

QWidget *PlanDesignerPage::createAttributesTab()
{
    m_attributeView = makeTable(this, QStringLiteral("attributeView"));
    m_attributeView->setModel(m_attributeModel);
    m_attributeView->setItemDelegate(new PlanItemDelegate(AttributeTableModel::Type,
                                                          AttributeTableModel::Constraints,
                                                          AttributeTableModel::TypeRole, m_attributeView));
    m_attributeView->horizontalHeader()->setStretchLastSection(true);
    m_attributeView->setColumnWidth(AttributeTableModel::Name, 190);
    m_attributeView->setColumnWidth(AttributeTableModel::Type, 100);
    m_attributeView->setColumnWidth(AttributeTableModel::Owner, 110);
    m_attributeView->setColumnWidth(AttributeTableModel::Constraints, 220);
    return m_attributeView;
}

QWidget *PlanDesignerPage::createChangesTab()
{
    auto *tab = new QWidget(this);
    auto *baseline = new QComboBox(tab);
    baseline->setObjectName(QStringLiteral("diffBaseline"));
    baseline->addItem(tr("the last save"), int(PlanDiffModel::Baseline::LastSave));
    baseline->addItem(tr("the last git commit"), int(PlanDiffModel::Baseline::LastCommit));
    auto *problem = new QLabel(tab);
    problem->setObjectName(QStringLiteral("diffBaselineError"));
    problem->setWordWrap(true);
    auto *diffView = makeTable(tab, QStringLiteral("diffView"));
    diffView->setModel(m_diffModel);
    diffView->horizontalHeader()->setStretchLastSection(true);
    diffView->setColumnWidth(PlanDiffModel::Impact, 90);
    diffView->setColumnWidth(PlanDiffModel::Change, 90);
    diffView->setColumnWidth(PlanDiffModel::Where, 380);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Compare with:"), tab));
    bar->addWidget(baseline);
    bar->addWidget(problem, 1);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(diffView, 1);
    connect(baseline, &QComboBox::currentIndexChanged, this, [this, baseline, problem] {
        m_diffModel->setBaseline(PlanDiffModel::Baseline(baseline->currentData().toInt()));
        problem->setText(m_diffModel->baselineError());
    });
    connect(m_diffModel, &QAbstractItemModel::modelReset, problem,
            [this, problem] { problem->setText(m_diffModel->baselineError()); });
    // The version rule is checked on every edit, like the changes themselves.
    auto *version = new QLabel(tab);
    version->setObjectName(QStringLiteral("diffVersionProblem"));
    version->setWordWrap(true);
    version->setStyleSheet(QStringLiteral("color: %1").arg(Theme::errorColor().name()));
    layout->insertWidget(1, version);
    const auto showVersion = [this, version] {
        version->setText(m_diffModel->versionProblem());
        version->setVisible(!version->text().isEmpty());
    };
    connect(m_diffModel, &QAbstractItemModel::modelReset, version, showVersion);
    showVersion();
    return tab;
}

QWidget *PlanDesignerPage::createLintPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 4, 0, 0);
    m_lintSummary = new QLabel(panel);
    m_lintSummary->setObjectName(QStringLiteral("lintSummary"));
    layout->addWidget(m_lintSummary);
    m_lintView = makeTable(panel, QStringLiteral("lintView"));
    m_lintView->setModel(m_lintModel);
    m_lintView->setColumnWidth(LintModel::SeverityColumn, 70);
    m_lintView->setColumnWidth(LintModel::Rule, 190);
    m_lintView->setColumnWidth(LintModel::Where, 230);
    m_lintView->setColumnWidth(LintModel::Message, 420);
    m_lintView->horizontalHeader()->setStretchLastSection(true);
    connect(m_lintView, &QTableView::activated, this, &PlanDesignerPage::onLintActivated);
    connect(m_lintView, &QTableView::clicked, this, &PlanDesignerPage::onLintActivated);
    layout->addWidget(m_lintView);
    auto refreshSummary = [this] {
        const int errors = m_lintModel->count(Severity::Error);
        const int warnings = m_lintModel->count(Severity::Warning);
        m_lintSummary->setText(
            m_document->isLoaded()
                ? tr("Lint: %1 errors, %2 warnings — click a finding to go to it").arg(errors).arg(warnings)
                : tr("Lint: no plan open"));
    };
    connect(m_lintModel, &LintModel::findingsChanged, this, refreshSummary);
    connect(m_document, &PlanDocument::loaded, this, refreshSummary);
    refreshSummary();
    return panel;
}

void PlanDesignerPage::refreshHeader()
{
    // Nothing to edit without a plan: the buttons say so instead of doing nothing.
    const bool loaded = m_document->isLoaded();
    for (QPushButton *button : std::as_const(m_editButtons)) {
        button->setEnabled(loaded);
        button->setToolTip(loaded ? QString()
                           : m_document->loadError().isEmpty()
                               ? tr("Open a project with a *.plan.json file first")
                               : tr("Fix the plan file first (see the message at the top)"));
    }
    if (!loaded) {
        m_header->setTextFormat(Qt::PlainText);
        m_header->setText(
            m_document->loadError().isEmpty()
                ? tr("No tracking plan in this project. Open a folder with a *.plan.json file, or "
                     "create one from the D2C starter (File ▸ New Project).")
                : tr("The plan could not be loaded: %1\nFix the file in your editor and save it: the "
                     "console reloads it by itself (or File ▸ Reload from Disk).")
                      .arg(m_document->loadError()));
        onEventSelected();
        return;
    }
    m_header->setTextFormat(Qt::RichText);
    const Plan &plan = m_document->plan();
    m_header->setText(
        tr("<b>%1</b> · version %2 · %3 events · %4 attributes · <span style='color:gray'>%5</span>")
            .arg(PlanText::str(plan.name).toHtmlEscaped())
            .arg(plan.version)
            .arg(plan.events.size())
            .arg(plan.attributes.size())
            .arg(m_document->path().toHtmlEscaped()));
    onEventSelected();
}

int PlanDesignerPage::currentEvent() const
{
    const QModelIndex current = m_eventView->currentIndex();
    return current.isValid() ? m_eventFilter->mapToSource(current).row() : -1;
}

void PlanDesignerPage::onEventSelected()
{
    const int event = currentEvent();
    m_propertyModel->setEvent(event);
    if (!m_document->isLoaded()) {
        m_eventTitle->setText(tr("No plan is loaded."));
        return;
    }
    if (event < 0 || event >= int(m_document->plan().events.size())) {
        m_eventTitle->setText(tr("Select an event to see its properties."));
        return;
    }
    const EventSpec &spec = m_document->plan().events[std::size_t(event)];
    QString title = QStringLiteral("<b>%1</b>").arg(PlanText::str(spec.name).toHtmlEscaped());
    if (!spec.aliases.empty())
        title += tr(" <span style='color:gray'>also %1</span>")
                     .arg(PlanText::list(spec.aliases).join(", ").toHtmlEscaped());
    if (!spec.description.empty())
        title += QStringLiteral("<br>") + PlanText::str(spec.description).toHtmlEscaped();
    m_eventTitle->setText(title);
}

bool PlanDesignerPage::selectEvent(const QString &event, const QString &property)
{
    const auto &events = m_document->plan().events;
    for (int row = 0; row < int(events.size()); ++row) {
        if (PlanText::str(events[std::size_t(row)].name) != event)
            continue;
        m_tabs->setCurrentIndex(EventsTab);
        // The search might hide the event; clearing it is what a user would do to get there.
        QModelIndex proxyIndex = m_eventFilter->mapFromSource(m_eventModel->index(row, 0));
        if (!proxyIndex.isValid()) {
            m_search->clear();
            proxyIndex = m_eventFilter->mapFromSource(m_eventModel->index(row, 0));
        }
        m_eventView->setCurrentIndex(proxyIndex);
        m_eventView->scrollTo(proxyIndex);
        if (!property.isEmpty()) {
            const auto &properties = events[std::size_t(row)].properties;
            for (int p = 0; p < int(properties.size()); ++p) {
                if (PlanText::str(properties[std::size_t(p)].name) == property) {
                    const QModelIndex cell = m_propertyModel->index(p, PropertyTableModel::Name);
                    m_propertyView->setCurrentIndex(cell);
                    m_propertyView->scrollTo(cell);
                    m_propertyView->setFocus();
                }
            }
        }
        return true;
    }
    return false;
}

bool PlanDesignerPage::selectAttribute(const QString &attribute)
{
    const auto &attributes = m_document->plan().attributes;
    for (int row = 0; row < int(attributes.size()); ++row) {
        if (PlanText::str(attributes[std::size_t(row)].name) == attribute) {
            m_tabs->setCurrentIndex(AttributesTab);
            m_attributeView->setCurrentIndex(m_attributeModel->index(row, AttributeTableModel::Name));
            m_attributeView->setFocus();
            return true;
        }
    }
    return false;
}

void PlanDesignerPage::onLintActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const PlanLocation location = m_lintModel->location(index.row());
    const Plan &plan = m_document->plan();
    switch (location.section) {
    case PlanLocation::Section::Attribute:
        selectAttribute(PlanText::str(plan.attributes[std::size_t(location.attribute)].name));
        break;
    case PlanLocation::Section::Event: {
        const EventSpec &event = plan.events[std::size_t(location.event)];
        selectEvent(PlanText::str(event.name),
                    location.property >= 0
                        ? PlanText::str(event.properties[std::size_t(location.property)].name)
                        : QString());
        break;
    }
    case PlanLocation::Section::Identity: m_tabs->setCurrentIndex(IdentityTab); break;
    case PlanLocation::Section::Plan: break;
    }
}

void PlanDesignerPage::addEvent()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Add event"), tr("Event name:"), QLineEdit::Normal, {}, &ok);
    if (ok && !name.trimmed().isEmpty()) {
        m_document->addEvent(name.trimmed());
        selectEvent(name.trimmed());
    }
}

void PlanDesignerPage::removeEvent()
{
    m_document->removeEvent(currentEvent());
}

void PlanDesignerPage::addProperty()
{
    if (currentEvent() < 0)
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Add property"), tr("Property name:"), QLineEdit::Normal, {}, &ok);
    if (ok && !name.trimmed().isEmpty())
        m_document->addProperty(currentEvent(), name.trimmed());
}

void PlanDesignerPage::removeProperty()
{
    const QModelIndex current = m_propertyView->currentIndex();
    if (current.isValid())
        m_document->removeProperty(currentEvent(), current.row());
}

QByteArray PlanDesignerPage::saveLayout() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_verticalSplitter->saveState() << m_eventsSplitter->saveState() << m_tabs->currentIndex();
    return state;
}

void PlanDesignerPage::restoreLayout(const QByteArray &state)
{
    if (state.isEmpty())
        return;
    QDataStream in(state);
    QByteArray vertical;
    QByteArray events;
    int tab = 0;
    in >> vertical >> events >> tab;
    if (in.status() != QDataStream::Ok)
        return;
    m_verticalSplitter->restoreState(vertical);
    m_eventsSplitter->restoreState(events);
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
}

} // namespace preflight::ui
