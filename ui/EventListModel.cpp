#include "EventListModel.h"

#include "PlanDocument.h"
#include "PlanText.h"

namespace preflight::ui {

namespace {

bool resetsEvents(PlanChange::Kind kind)
{
    return kind == PlanChange::Kind::Reset || kind == PlanChange::Kind::EventList;
}

} // namespace

EventListModel::EventListModel(PlanDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &PlanDocument::aboutToChange, this, &EventListModel::onAboutToChange);
    connect(document, &PlanDocument::changed, this, &EventListModel::onChanged);
}

int EventListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_document->plan().events.size());
}

int EventListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const EventSpec &event = m_document->plan().events[std::size_t(index.row())];
    if (role == SearchRole) {
        return QStringList{PlanText::str(event.name), PlanText::list(event.aliases).join(' '),
                           PlanText::str(event.description)}
            .join(' ');
    }
    if (role == Qt::ToolTipRole) {
        QString tip = PlanText::str(event.description);
        if (!event.aliases.empty())
            tip += tr("\nAlso known as: %1").arg(PlanText::list(event.aliases).join(", "));
        return tip;
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Name: return PlanText::str(event.name);
    case Properties: return int(event.properties.size());
    case Side: return PlanText::str(std::string(toString(event.side)));
    default: return {};
    }
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Event");
    case Properties: return tr("Properties");
    case Side: return tr("Sent from");
    default: return {};
    }
}

Qt::ItemFlags EventListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Name)
        result |= Qt::ItemIsEditable;
    return result;
}

bool EventListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.column() != Name)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty())
        return false;
    m_document->editEvent(
        index.row(), tr("Rename event to %1").arg(name),
        [&](EventSpec &event) { event.name = name.toStdString(); }, PlanChange::Kind::EventField);
    return true;
}

void EventListModel::onAboutToChange(const PlanChange &change)
{
    if (resetsEvents(change.kind)) {
        m_resetting = true;
        beginResetModel();
    }
}

void EventListModel::onChanged(const PlanChange &change)
{
    if (m_resetting) {
        m_resetting = false;
        endResetModel();
        return;
    }
    // A property edit changes the property count, so the event row repaints too.
    if (change.event >= 0 && change.event < rowCount())
        emit dataChanged(index(change.event, 0), index(change.event, ColumnCount - 1));
}

} // namespace preflight::ui
