#include "PropertyTableModel.h"

#include "PlanDocument.h"
#include "PlanFieldCells.h"

namespace preflight::ui {

namespace {

std::optional<PlanFieldCells::Cell> sharedCell(int column)
{
    switch (column) {
    case PropertyTableModel::Name: return PlanFieldCells::Cell::Name;
    case PropertyTableModel::Type: return PlanFieldCells::Cell::Type;
    case PropertyTableModel::Constraints: return PlanFieldCells::Cell::Constraints;
    case PropertyTableModel::Description: return PlanFieldCells::Cell::Description;
    default: return std::nullopt;
    }
}

} // namespace

PropertyTableModel::PropertyTableModel(PlanDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &PlanDocument::aboutToChange, this, &PropertyTableModel::onAboutToChange);
    connect(document, &PlanDocument::changed, this, &PropertyTableModel::onChanged);
}

void PropertyTableModel::setEvent(int event)
{
    if (event == m_event)
        return;
    beginResetModel();
    m_event = event;
    endResetModel();
}

const PropertySpec *PropertyTableModel::property(int row) const
{
    const auto &events = m_document->plan().events;
    if (m_event < 0 || m_event >= int(events.size()))
        return nullptr;
    const auto &properties = events[std::size_t(m_event)].properties;
    if (row < 0 || row >= int(properties.size()))
        return nullptr;
    return &properties[std::size_t(row)];
}

int PropertyTableModel::rowCount(const QModelIndex &parent) const
{
    const auto &events = m_document->plan().events;
    if (parent.isValid() || m_event < 0 || m_event >= int(events.size()))
        return 0;
    return int(events[std::size_t(m_event)].properties.size());
}

int PropertyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PropertyTableModel::data(const QModelIndex &index, int role) const
{
    const PropertySpec *spec = index.isValid() ? property(index.row()) : nullptr;
    if (!spec)
        return {};
    if (role == TypeRole)
        return int(spec->type);
    if (role == Qt::CheckStateRole) {
        if (index.column() == Required)
            return spec->isRequired() ? Qt::Checked : Qt::Unchecked;
        if (index.column() == DedupeKey)
            return spec->dedupeKey ? Qt::Checked : Qt::Unchecked;
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Required && spec->dedupeKey)
            return tr("A dedupe key is always required.");
        if (index.column() == Constraints || index.column() == Description)
            return index.column() == Constraints ? PlanText::constraints(*spec)
                                                 : PlanText::str(spec->description);
        return {};
    }
    if (role == Qt::EditRole && index.column() == Constraints)
        return PlanText::constraintsEditText(*spec);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (const auto cell = sharedCell(index.column()))
        return PlanFieldCells::display(*spec, *cell);
    return {};
}

QVariant PropertyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Property");
    case Type: return tr("Type");
    case Required: return tr("Required");
    case Constraints: return tr("Constraints");
    case DedupeKey: return tr("Dedupe key");
    case Description: return tr("Description");
    default: return {};
    }
}

Qt::ItemFlags PropertyTableModel::flags(const QModelIndex &index) const
{
    const PropertySpec *spec = index.isValid() ? property(index.row()) : nullptr;
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (!spec)
        return result;
    switch (index.column()) {
    case Required:
        // A dedupe key is required by definition; the box shows that and cannot be cleared.
        if (!spec->dedupeKey)
            result |= Qt::ItemIsUserCheckable;
        break;
    case DedupeKey: result |= Qt::ItemIsUserCheckable; break;
    case Constraints:
        if (spec->type == PropertyType::Enum || spec->type == PropertyType::String ||
            spec->type == PropertyType::Timestamp)
            result |= Qt::ItemIsEditable;
        break;
    default: result |= Qt::ItemIsEditable; break;
    }
    return result;
}

bool PropertyTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const PropertySpec *spec = index.isValid() ? property(index.row()) : nullptr;
    if (!spec)
        return false;
    const QString name = PlanText::str(spec->name);
    const int row = index.row();
    if (role == Qt::CheckStateRole) {
        const bool on = value.toInt() == Qt::Checked;
        if (index.column() == Required) {
            m_document->editProperty(m_event, row,
                                     on ? tr("Require %1").arg(name) : tr("Make %1 optional").arg(name),
                                     [on](PropertySpec &p) { p.required = on; });
            return true;
        }
        if (index.column() == DedupeKey) {
            m_document->editProperty(m_event, row,
                                     on ? tr("Make %1 the dedupe key").arg(name)
                                        : tr("Stop using %1 as dedupe key").arg(name),
                                     [on](PropertySpec &p) { p.dedupeKey = on; });
            return true;
        }
        return false;
    }
    if (role != Qt::EditRole)
        return false;
    const auto cell = sharedCell(index.column());
    const auto edit = cell ? PlanFieldCells::edit(*spec, *cell, value.toString(), name) : std::nullopt;
    if (!edit)
        return false;
    m_document->editProperty(m_event, row, edit->undoText, edit->apply);
    return true;
}

void PropertyTableModel::onAboutToChange(const PlanChange &change)
{
    const bool structural = change.kind == PlanChange::Kind::Reset ||
                            change.kind == PlanChange::Kind::EventList ||
                            (change.kind == PlanChange::Kind::PropertyList && change.event == m_event);
    if (structural) {
        m_resetting = true;
        beginResetModel();
    }
}

void PropertyTableModel::onChanged(const PlanChange &change)
{
    if (m_resetting) {
        m_resetting = false;
        // The event may be gone (removed, or a smaller plan loaded).
        if (m_event >= int(m_document->plan().events.size()))
            m_event = -1;
        endResetModel();
        return;
    }
    if (change.kind == PlanChange::Kind::PropertyField && change.event == m_event && change.row < rowCount())
        emit dataChanged(index(change.row, 0), index(change.row, ColumnCount - 1));
}

} // namespace preflight::ui
