#include "InspectorPage.h"

#include "ExampleValues.h"
#include "InspectorSession.h"
#include "JsonTreeModel.h"
#include "PlanDocument.h"
#include "Theme.h"
#include "VerdictModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace preflight::ui {
namespace {

// The type column edits through a combo of the JSON types instead of free text.
class TypeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        if (index.column() != JsonTreeModel::TypeColumn)
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto *combo = new QComboBox(parent);
        combo->addItems(JsonTreeModel::typeNames());
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentText(index.data(Qt::EditRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            model->setData(index, combo->currentText());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

// The call kinds an operator composes by hand; batches are opened from elsewhere, not typed.
const CallKind kComposableKinds[] = {CallKind::Track,
                                     CallKind::Identify,
                                     CallKind::Page,
                                     CallKind::Screen,
                                     CallKind::Delete,
                                     CallKind::Suppress,
                                     CallKind::Unsuppress,
                                     CallKind::Merge,
                                     CallKind::Alias,
                                     CallKind::Group,
                                     CallKind::ObjectIdentify,
                                     CallKind::ObjectDelete,
                                     CallKind::AddRelationships,
                                     CallKind::DeleteRelationships,
                                     CallKind::ManualSegmentAdd,
                                     CallKind::ManualSegmentRemove};

bool isObjectsOwnCall(CallKind kind)
{
    return kind == CallKind::ObjectIdentify || kind == CallKind::ObjectDelete;
}

bool isRelationshipCall(CallKind kind)
{
    return kind == CallKind::AddRelationships || kind == CallKind::DeleteRelationships;
}

} // namespace

InspectorPage::InspectorPage(PlanDocument *plan, QWidget *parent)
    : QWidget(parent)
    , m_plan(plan)
    , m_session(new InspectorSession(this))
    , m_properties(new JsonTreeModel(this))
    , m_verdicts(new VerdictModel(this))
{
    m_properties->setPointerPrefix(QStringLiteral("/properties"));

    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->setObjectName(QStringLiteral("inspectorColumns"));
    columns->addWidget(createComposer());
    columns->addWidget(createRequestPane());
    columns->setStretchFactor(0, 1);
    columns->setStretchFactor(1, 1);
    columns->setChildrenCollapsible(false);

    auto *rows = new QSplitter(Qt::Vertical, this);
    rows->setObjectName(QStringLiteral("inspectorRows"));
    rows->addWidget(columns);
    rows->addWidget(createVerdictPane());
    rows->setStretchFactor(0, 3);
    rows->setStretchFactor(1, 1);
    rows->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(rows);

    m_copyCurlAction = new QAction(tr("Copy as curl"), this);
    m_copyCurlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyCurlAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyCurlAction, &QAction::triggered, this, &InspectorPage::copyAsCurl);
    addAction(m_copyCurlAction);
    m_copyRawAction = new QAction(tr("Copy raw HTTP"), this);
    connect(m_copyRawAction, &QAction::triggered, this, &InspectorPage::copyRawHttp);
    addAction(m_copyRawAction);

    connect(m_session, &InspectorSession::inspected, this, &InspectorPage::onInspected);
    connect(m_properties, &JsonTreeModel::jsonEdited, this, &InspectorPage::onTreeEdited);
    if (m_plan) {
        connect(m_plan, &PlanDocument::loaded, this, &InspectorPage::refreshPlan);
        connect(m_plan, &PlanDocument::changed, this, &InspectorPage::refreshPlan);
    }
    refreshPlan();
    composeFromFields();
}

InspectorPage::~InspectorPage() = default;

QWidget *InspectorPage::createComposer()
{
    auto *pane = new QWidget(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_apiCombo = new QComboBox(pane);
    m_apiCombo->setObjectName(QStringLiteral("apiCombo"));
    for (Api api : InspectorSession::apis())
        m_apiCombo->addItem(InspectorSession::apiTitle(api), int(api));
    m_kindCombo = new QComboBox(pane);
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    for (CallKind kind : kComposableKinds)
        m_kindCombo->addItem(qs(std::string(toString(kind))), int(kind));
    m_regionCombo = new QComboBox(pane);
    m_regionCombo->setObjectName(QStringLiteral("regionCombo"));
    m_regionCombo->addItem(tr("US"), int(Region::US));
    m_regionCombo->addItem(tr("EU"), int(Region::EU));
    auto *surface = new QHBoxLayout;
    surface->addWidget(m_apiCombo, 1);
    surface->addWidget(m_kindCombo, 1);
    surface->addWidget(m_regionCombo);
    form->addRow(tr("API, call, region"), surface);

    m_idEdit = lineEdit(QStringLiteral("idEdit"), tr("customer id"), pane);
    m_emailEdit = lineEdit(QStringLiteral("emailEdit"), tr("email"), pane);
    m_cioIdEdit = lineEdit(QStringLiteral("cioIdEdit"), tr("cio_id"), pane);
    m_anonymousIdEdit = lineEdit(QStringLiteral("anonymousIdEdit"), tr("anonymous id"), pane);
    auto *known = new QHBoxLayout;
    known->addWidget(m_idEdit);
    known->addWidget(m_emailEdit);
    form->addRow(tr("Identity"), known);
    auto *other = new QHBoxLayout;
    other->addWidget(m_cioIdEdit);
    other->addWidget(m_anonymousIdEdit);
    form->addRow(QString(), other);

    m_nameEdit = lineEdit(QStringLiteral("eventNameEdit"), tr("event name (from the plan, or any)"), pane);
    m_eventNames = new QStringListModel(this);
    m_eventCompleter = new QCompleter(m_eventNames, this);
    m_eventCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_eventCompleter->setFilterMode(Qt::MatchContains);
    m_nameEdit->setCompleter(m_eventCompleter);
    form->addRow(tr("Name"), m_nameEdit);

    m_objectTypeEdit = lineEdit(QStringLiteral("objectTypeEdit"), tr("object type id (1, 2…)"), pane);
    m_objectIdEdit = lineEdit(QStringLiteral("objectIdEdit"), tr("object id"), pane);
    auto *object = new QHBoxLayout;
    object->addWidget(m_objectTypeEdit);
    object->addWidget(m_objectIdEdit);
    form->addRow(tr("Object"), object);

    m_timestampEdit =
        lineEdit(QStringLiteral("timestampEdit"), tr("ISO-8601 or unix seconds; empty: now"), pane);
    m_eventIdEdit = lineEdit(QStringLiteral("eventIdEdit"), tr("event id (deduplication)"), pane);
    form->addRow(tr("Timestamp"), m_timestampEdit);
    m_timestampError = new QLabel(pane);
    m_timestampError->setObjectName(QStringLiteral("timestampError"));
    m_timestampError->setVisible(false);
    form->addRow(QString(), m_timestampError);
    form->addRow(tr("Event id"), m_eventIdEdit);

    // Properties: a tree and the same JSON as text, kept in sync both ways.
    m_tree = new QTreeView(pane);
    m_tree->setObjectName(QStringLiteral("propertiesTree"));
    m_tree->setModel(m_properties);
    m_tree->setItemDelegate(new TypeDelegate(m_tree));
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 180);
    m_tree->header()->resizeSection(JsonTreeModel::TypeColumn, 80);
    connect(m_properties, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_properties, &QAbstractItemModel::rowsInserted, m_tree,
            [this](const QModelIndex &parent) { m_tree->expand(parent); });

    auto *add = new QPushButton(tr("Add"), pane);
    add->setObjectName(QStringLiteral("addPropertyButton"));
    add->setToolTip(tr("Add a member to the selected object or array (or to the top level)"));
    auto *remove = new QPushButton(tr("Remove"), pane);
    remove->setObjectName(QStringLiteral("removePropertyButton"));
    remove->setToolTip(tr("Remove the selected member"));
    connect(add, &QPushButton::clicked, this, [this] {
        QModelIndex parent = m_tree->currentIndex().siblingAtColumn(0);
        const QString type = parent.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString();
        if (parent.isValid() && type != QLatin1String("object") && type != QLatin1String("array"))
            parent = parent.parent();
        const QModelIndex added = m_properties->addChild(parent);
        m_tree->setCurrentIndex(added);
        m_tree->edit(added);
    });
    connect(remove, &QPushButton::clicked, this,
            [this] { m_properties->removeEntry(m_tree->currentIndex()); });
    auto *treeButtons = new QHBoxLayout;
    treeButtons->addWidget(add);
    treeButtons->addWidget(remove);
    treeButtons->addStretch();
    auto *treePage = new QWidget(pane);
    auto *treeLayout = new QVBoxLayout(treePage);
    treeLayout->setContentsMargins(0, 4, 0, 0);
    treeLayout->addWidget(m_tree);
    treeLayout->addLayout(treeButtons);

    m_rawEdit = new QPlainTextEdit(pane);
    m_rawEdit->setObjectName(QStringLiteral("propertiesRaw"));
    m_rawEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawError = new QLabel(pane);
    m_rawError->setObjectName(QStringLiteral("rawError"));
    m_rawError->setWordWrap(true);
    m_rawError->setVisible(false);
    auto *rawPage = new QWidget(pane);
    auto *rawLayout = new QVBoxLayout(rawPage);
    rawLayout->setContentsMargins(0, 4, 0, 0);
    rawLayout->addWidget(m_rawEdit);
    rawLayout->addWidget(m_rawError);

    m_propertyTabs = new QTabWidget(pane);
    m_propertyTabs->setObjectName(QStringLiteral("propertyTabs"));
    m_propertyTabs->addTab(treePage, tr("Properties"));
    m_propertyTabs->addTab(rawPage, tr("Raw JSON"));

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addLayout(form);
    layout->addWidget(m_propertyTabs, 1);

    const auto compose = [this] { composeFromFields(); };
    for (QComboBox *combo : {m_apiCombo, m_kindCombo, m_regionCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, compose);
    for (QLineEdit *edit : {m_idEdit, m_emailEdit, m_cioIdEdit, m_anonymousIdEdit, m_nameEdit,
                            m_objectTypeEdit, m_objectIdEdit, m_timestampEdit, m_eventIdEdit})
        connect(edit, &QLineEdit::textChanged, this, compose);
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &InspectorPage::onEventChosen);
    connect(m_eventCompleter, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &name) {
                m_nameEdit->setText(name);
                onEventChosen();
            });
    connect(m_rawEdit, &QPlainTextEdit::textChanged, this, &InspectorPage::onRawTextEdited);
    return pane;
}

QWidget *InspectorPage::createRequestPane()
{
    auto *pane = new QWidget(this);
    auto *title = new QLabel(tr("<b>Request</b> — exactly what would be sent (credentials redacted)"), pane);
    m_refusal = new QLabel(pane);
    m_refusal->setObjectName(QStringLiteral("refusalLabel"));
    m_refusal->setWordWrap(true);
    m_refusal->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusal->setVisible(false);
    m_requestView = new QPlainTextEdit(pane);
    m_requestView->setObjectName(QStringLiteral("requestView"));
    m_requestView->setReadOnly(true);
    m_requestView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_requestView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *copyCurl = new QPushButton(tr("Copy as curl"), pane);
    copyCurl->setObjectName(QStringLiteral("copyCurlButton"));
    copyCurl->setToolTip(tr("Copy a curl command for this request, credentials redacted (Ctrl+Shift+C)"));
    connect(copyCurl, &QPushButton::clicked, this, &InspectorPage::copyAsCurl);
    auto *copyRaw = new QPushButton(tr("Copy raw HTTP"), pane);
    copyRaw->setObjectName(QStringLiteral("copyRawButton"));
    copyRaw->setToolTip(
        tr("Copy the request as it goes on the wire (request line, headers, body), credentials "
           "redacted"));
    connect(copyRaw, &QPushButton::clicked, this, &InspectorPage::copyRawHttp);
    m_copyStatus = new QLabel(pane);
    m_copyStatus->setObjectName(QStringLiteral("copyStatus"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(copyCurl);
    buttons->addWidget(copyRaw);
    buttons->addWidget(m_copyStatus, 1);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_refusal);
    layout->addWidget(m_requestView, 1);
    layout->addLayout(buttons);
    return pane;
}

QWidget *InspectorPage::createVerdictPane()
{
    auto *pane = new QWidget(this);
    auto *title = new QLabel(tr("<b>Plan verdict</b> — click a finding to select its field"), pane);
    m_verdictView = new QTableView(pane);
    m_verdictView->setObjectName(QStringLiteral("verdictView"));
    m_verdictView->setModel(m_verdicts);
    m_verdictView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_verdictView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_verdictView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_verdictView->verticalHeader()->setVisible(false);
    m_verdictView->horizontalHeader()->setStretchLastSection(true);
    m_verdictView->setColumnWidth(VerdictModel::SeverityColumn, 70);
    m_verdictView->setColumnWidth(VerdictModel::CodeColumn, 140);
    m_verdictView->setColumnWidth(VerdictModel::PointerColumn, 200);
    m_verdictView->setColumnWidth(VerdictModel::MessageColumn, 420);
    connect(m_verdictView, &QTableView::clicked, this, [this](const QModelIndex &index) {
        selectPointer(qs(m_verdicts->violation(index.row()).pointer));
    });
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_verdictView, 1);
    return pane;
}

void InspectorPage::refreshPlan()
{
    const bool loaded = m_plan && m_plan->isLoaded();
    m_session->setPlan(loaded ? &m_plan->plan() : nullptr);
    QStringList names;
    if (loaded)
        for (const EventSpec &event : m_plan->plan().events)
            names << qs(event.name);
    m_eventNames->setStringList(names);
}

void InspectorPage::composeFromFields()
{
    if (m_updating)
        return;
    Call call = m_session->call();
    call.kind = CallKind(m_kindCombo->currentData().toInt());
    call.identity.id = m_idEdit->text().toStdString();
    call.identity.email = m_emailEdit->text().toStdString();
    call.identity.cioId = m_cioIdEdit->text().toStdString();
    call.identity.anonymousId = m_anonymousIdEdit->text().toStdString();
    call.name = m_nameEdit->text().toStdString();
    // An object call names the object and (optionally) a related person; a person's relationship call
    // names the related object. A call opened with several relationships keeps them until edited here.
    const ObjectRef object{m_objectTypeEdit->text().trimmed().toStdString(),
                           m_objectIdEdit->text().trimmed().toStdString()};
    const bool objectGiven = !object.typeId.empty() || !object.id.empty();
    if (isObjectsOwnCall(call.kind)) {
        call.object = object;
        if (call.relationships.size() <= 1) {
            call.relationships.clear();
            if (!call.identity.isEmpty())
                call.relationships.push_back(Relationship{{}, call.identity, Json::object()});
        }
        call.identity = Identity{};
    } else if (isRelationshipCall(call.kind) || call.kind == CallKind::Identify) {
        call.object.reset();
        if (call.relationships.size() <= 1) {
            call.relationships.clear();
            if (objectGiven)
                call.relationships.push_back(Relationship{object, {}, Json::object()});
        }
    } else {
        call.object.reset();
        call.relationships.clear();
    }
    call.dedupeId = m_eventIdEdit->text().toStdString();
    call.properties = m_properties->json();

    const QString stamp = m_timestampEdit->text().trimmed();
    QString stampError;
    call.occurredAt.reset();
    if (!stamp.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = stamp.toLongLong(&isNumber);
        if (isNumber)
            call.occurredAt = UnixMillis(seconds * 1000);
        else if (const auto parsed = parseIso8601(stamp.toStdString()))
            call.occurredAt = *parsed;
        else
            stampError =
                tr("Not a timestamp: use ISO-8601 (2026-11-20T09:30:00Z) or unix seconds; it is left out.");
    }
    m_timestampError->setText(stampError);
    m_timestampError->setStyleSheet(QStringLiteral("color: %1").arg(Theme::errorColor().name()));
    m_timestampError->setVisible(!stampError.isEmpty());

    m_session->setAll(call, Api(m_apiCombo->currentData().toInt()),
                      Region(m_regionCombo->currentData().toInt()));
    describeFieldsForKind();
}

void InspectorPage::describeFieldsForKind()
{
    const auto kind = CallKind(m_kindCombo->currentData().toInt());
    m_nameEdit->setPlaceholderText(isManualSegmentChange(kind) ? tr("manual segment id (7)")
                                   : kind == CallKind::Page    ? tr("page URL or name")
                                   : kind == CallKind::Screen  ? tr("screen name")
                                                               : tr("event name (from the plan, or any)"));
    const bool objectKind = isObjectsOwnCall(kind) || isRelationshipCall(kind) || kind == CallKind::Identify;
    m_objectTypeEdit->setEnabled(objectKind);
    m_objectIdEdit->setEnabled(objectKind);
    m_objectIdEdit->setPlaceholderText(
        isObjectsOwnCall(kind) ? tr("object id (the identity relates a person)") : tr("related object id"));
}

void InspectorPage::onEventChosen()
{
    const Plan *plan = m_session->plan();
    if (!plan || m_session->call().kind != CallKind::Track)
        return;
    const EventSpec *event = plan->findEvent(m_nameEdit->text().trimmed().toStdString());
    if (!event)
        return;
    const Json filled = withRequiredExamples(*event, m_properties->json());
    if (filled == m_properties->json())
        return;
    m_properties->setJson(filled);
    onTreeEdited();
}

void InspectorPage::onTreeEdited()
{
    {
        const QSignalBlocker block(m_rawEdit);
        m_rawEdit->setPlainText(qs(m_properties->json().dump(2)));
    }
    m_rawError->setVisible(false);
    composeFromFields();
}

void InspectorPage::onRawTextEdited()
{
    const std::string text = m_rawEdit->toPlainText().toStdString();
    auto parsed = parseJson(text, "properties");
    QString error;
    if (!parsed.ok())
        error = tr("Line:column %1 — %2")
                    .arg(qs(parsed.error().where).section(QLatin1Char(':'), 1), qs(parsed.error().message));
    else if (!parsed.value().is_object())
        error = tr("Properties must be a JSON object, not %1").arg(qs(jsonTypeName(parsed.value())));
    m_rawError->setText(error);
    m_rawError->setStyleSheet(QStringLiteral("color: %1").arg(Theme::errorColor().name()));
    m_rawError->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        return; // the tree keeps the last valid properties until the text parses again
    if (parsed.value() != m_properties->json())
        m_properties->setJson(parsed.value());
    composeFromFields();
}

void InspectorPage::onInspected()
{
    const auto &request = m_session->request();
    if (request.ok()) {
        m_refusal->setVisible(false);
        m_requestView->setPlainText(InspectorSession::displayText(request.value()));
    } else {
        const Error &error = request.error();
        m_refusal->setText(tr("Refused before sending: %1%2 (%3)")
                               .arg(error.where.empty() ? QString() : tr("field %1 — ").arg(qs(error.where)),
                                    qs(error.message), qs(error.code)));
        m_refusal->setStyleSheet(
            QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(Theme::errorColor().name()));
        m_refusal->setVisible(true);
        m_requestView->clear();
    }
    // Identify calls carry person attributes where events carry properties.
    m_propertyTabs->setTabText(0, m_session->call().kind == CallKind::Identify ? tr("Attributes")
                                                                               : tr("Properties"));
    m_verdicts->setViolations(m_session->violations());
    m_properties->setVerdicts(m_session->violations());
}

void InspectorPage::selectPointer(const QString &pointer)
{
    if (pointer.startsWith(QLatin1String("/properties"))) {
        const QModelIndex index = m_properties->indexForPointer(pointer);
        m_propertyTabs->setCurrentIndex(0);
        m_tree->setFocus();
        if (index.isValid()) {
            m_tree->setCurrentIndex(index);
            m_tree->scrollTo(index);
        } else {
            m_tree->clearSelection();
        }
        return;
    }
    QLineEdit *field = m_nameEdit;
    if (pointer == QLatin1String("/identity/email"))
        field = m_emailEdit;
    else if (pointer == QLatin1String("/identity/cio_id"))
        field = m_cioIdEdit;
    else if (pointer == QLatin1String("/identity/anonymous_id"))
        field = m_anonymousIdEdit;
    else if (pointer.startsWith(QLatin1String("/identity")))
        field = m_idEdit;
    else if (pointer == QLatin1String("/occurred_at"))
        field = m_timestampEdit;
    else if (pointer == QLatin1String("/dedupe_id"))
        field = m_eventIdEdit;
    else if (pointer.startsWith(QLatin1String("/object")) ||
             pointer.startsWith(QLatin1String("/relationships")))
        field = pointer.endsWith(QLatin1String("type_id")) ? m_objectTypeEdit : m_objectIdEdit;
    field->setFocus();
    field->selectAll();
}

void InspectorPage::setFieldsFromCall(const Call &call, Api api, Region region)
{
    m_updating = true;
    m_apiCombo->setCurrentIndex(m_apiCombo->findData(int(api)));
    int kind = m_kindCombo->findData(int(call.kind));
    if (kind < 0) {
        m_kindCombo->addItem(qs(std::string(toString(call.kind))), int(call.kind));
        kind = m_kindCombo->count() - 1;
    }
    m_kindCombo->setCurrentIndex(kind);
    m_regionCombo->setCurrentIndex(m_regionCombo->findData(int(region)));
    m_idEdit->setText(qs(call.identity.id));
    m_emailEdit->setText(qs(call.identity.email));
    m_cioIdEdit->setText(qs(call.identity.cioId));
    m_anonymousIdEdit->setText(qs(call.identity.anonymousId));
    m_nameEdit->setText(qs(call.name));
    const ObjectRef *shown = call.object                   ? &*call.object
                             : !call.relationships.empty() ? &call.relationships.front().object
                                                           : nullptr;
    m_objectTypeEdit->setText(shown ? qs(shown->typeId) : QString());
    m_objectIdEdit->setText(shown ? qs(shown->id) : QString());
    if (call.object && !call.relationships.empty()) {
        const Identity &person = call.relationships.front().person;
        m_idEdit->setText(qs(person.id));
        m_emailEdit->setText(qs(person.email));
        m_cioIdEdit->setText(qs(person.cioId));
        m_anonymousIdEdit->setText(qs(person.anonymousId));
    }
    m_timestampEdit->setText(call.occurredAt ? qs(toIso8601(*call.occurredAt)) : QString());
    m_eventIdEdit->setText(qs(call.dedupeId));
    m_properties->setJson(call.properties);
    {
        const QSignalBlocker block(m_rawEdit);
        m_rawEdit->setPlainText(qs(m_properties->json().dump(2)));
    }
    m_rawError->setVisible(false);
    m_timestampError->setVisible(false);
    m_updating = false;
    describeFieldsForKind();
}

void InspectorPage::openCall(const Call &call, Api api, Region region)
{
    setFieldsFromCall(call, api, region);
    // The fields show what a person can edit; the session keeps the whole call (device, context, batch).
    m_session->setAll(call, api, region);
}

Status InspectorPage::openRequest(const HttpRequest &request)
{
    auto parsed = InspectorSession::parseRequest(request);
    if (!parsed.ok())
        return parsed.error();
    openCall(parsed.value().first, parsed.value().second, InspectorSession::regionOf(request.url));
    return Ok{};
}

QString InspectorPage::curlText() const
{
    const auto &request = m_session->request();
    return request.ok() ? qs(toCurl(request.value(), SecretDisplay::Redact)) : QString();
}

QString InspectorPage::rawHttpText() const
{
    const auto &request = m_session->request();
    return request.ok() ? qs(toRawHttp(request.value(), SecretDisplay::Redact)) : QString();
}

void InspectorPage::copyAsCurl()
{
    const QString text = curlText();
    if (text.isEmpty()) {
        m_copyStatus->setText(tr("Nothing to copy: the call is refused"));
        return;
    }
    QApplication::clipboard()->setText(text);
    m_copyStatus->setText(tr("Copied a curl command (credentials redacted)"));
}

void InspectorPage::copyRawHttp()
{
    const QString text = rawHttpText();
    if (text.isEmpty()) {
        m_copyStatus->setText(tr("Nothing to copy: the call is refused"));
        return;
    }
    QApplication::clipboard()->setText(text);
    m_copyStatus->setText(tr("Copied the raw HTTP request (credentials redacted)"));
}

} // namespace preflight::ui
