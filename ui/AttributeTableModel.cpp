#include "AttributeTableModel.h"

#include "PlanDocument.h"
#include "PlanFieldCells.h"

namespace preflight::ui {

namespace {

std::optional<PlanFieldCells::Cell> sharedCell(int column)
{
    switch (column) {
    case AttributeTableModel::Name: return PlanFieldCells::Cell::Name;
    case AttributeTableModel::Type: return PlanFieldCells::Cell::Type;
    case AttributeTableModel::Constraints: return PlanFieldCells::Cell::Constraints;
    case AttributeTableModel::Description: return PlanFieldCells::Cell::Description;
    default: return std::nullopt;
    }
}

} // namespace

AttributeTableModel::AttributeTableModel(PlanDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &PlanDocument::aboutToChange, this, &AttributeTableModel::onAboutToChange);
    connect(document, &PlanDocument::changed, this, &AttributeTableModel::onChanged);
}

const AttributeSpec *AttributeTableModel::attribute(int row) const
{
    const auto &attributes = m_document->plan().attributes;
    if (row < 0 || row >= int(attributes.size()))
        return nullptr;
    return &attributes[std::size_t(row)];
}

int AttributeTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_document->plan().attributes.size());
}

int AttributeTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributeTableModel::data(const QModelIndex &index, int role) const
{
    const AttributeSpec *spec = index.isValid() ? attribute(index.row()) : nullptr;
    if (!spec)
        return {};
    if (role == TypeRole)
        return int(spec->type);
    if (role == Qt::ToolTipRole && index.column() == Owner)
        return tr("The system that is the source of truth for this attribute; nothing else should write it.");
    if (role == Qt::EditRole && index.column() == Constraints)
        return PlanText::constraintsEditText(*spec);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (index.column() == Owner)
        return PlanText::str(spec->owner);
    if (const auto cell = sharedCell(index.column()))
        return PlanFieldCells::display(*spec, *cell);
    return {};
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Attribute");
    case Type: return tr("Type");
    case Owner: return tr("Owner");
    case Constraints: return tr("Constraints");
    case Description: return tr("Description");
    default: return {};
    }
}

Qt::ItemFlags AttributeTableModel::flags(const QModelIndex &index) const
{
    const AttributeSpec *spec = index.isValid() ? attribute(index.row()) : nullptr;
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (!spec)
        return result;
    if (index.column() != Constraints || spec->type == PropertyType::Enum ||
        spec->type == PropertyType::Timestamp)
        result |= Qt::ItemIsEditable;
    return result;
}

bool AttributeTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const AttributeSpec *spec = index.isValid() ? attribute(index.row()) : nullptr;
    if (!spec || role != Qt::EditRole)
        return false;
    const QString name = PlanText::str(spec->name);
    const QString text = value.toString();
    if (index.column() == Owner) {
        const std::string owner = text.trimmed().toStdString();
        m_document->editAttribute(index.row(), tr("Set owner of %1 to %2").arg(name, text.trimmed()),
                                  [owner](AttributeSpec &a) { a.owner = owner; });
        return true;
    }
    const auto cell = sharedCell(index.column());
    const auto edit =
        cell ? PlanFieldCells::edit(*spec, *cell, text, tr("attribute %1").arg(name)) : std::nullopt;
    if (!edit)
        return false;
    m_document->editAttribute(index.row(), edit->undoText, edit->apply);
    return true;
}

void AttributeTableModel::onAboutToChange(const PlanChange &change)
{
    if (change.kind == PlanChange::Kind::Reset || change.kind == PlanChange::Kind::AttributeList) {
        m_resetting = true;
        beginResetModel();
    }
}

void AttributeTableModel::onChanged(const PlanChange &change)
{
    if (m_resetting) {
        m_resetting = false;
        endResetModel();
        return;
    }
    if (change.kind == PlanChange::Kind::AttributeField && change.row >= 0 && change.row < rowCount())
        emit dataChanged(index(change.row, 0), index(change.row, ColumnCount - 1));
}

} // namespace preflight::ui
