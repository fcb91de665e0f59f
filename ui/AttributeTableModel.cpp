#include "AttributeTableModel.h"

#include "PlanDocument.h"
#include "PlanText.h"

namespace preflight::ui {

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
    switch (index.column()) {
    case Name: return PlanText::str(spec->name);
    case Type: return PlanText::typeName(spec->type);
    case Owner: return PlanText::str(spec->owner);
    case Constraints: return PlanText::constraints(*spec);
    case Description: return PlanText::str(spec->description);
    default: return {};
    }
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
    const int row = index.row();
    switch (index.column()) {
    case Name:
        if (text.trimmed().isEmpty())
            return false;
        m_document->editAttribute(row, tr("Rename attribute %1 to %2").arg(name, text.trimmed()),
                                  [&](AttributeSpec &a) { a.name = text.trimmed().toStdString(); });
        return true;
    case Type: {
        const auto type = propertyTypeFromString(text.toStdString());
        if (!type)
            return false;
        m_document->editAttribute(row, tr("Change type of attribute %1 to %2").arg(name, text),
                                  [&](AttributeSpec &a) { a.type = *type; });
        return true;
    }
    case Owner:
        m_document->editAttribute(row, tr("Set owner of %1 to %2").arg(name, text.trimmed()),
                                  [&](AttributeSpec &a) { a.owner = text.trimmed().toStdString(); });
        return true;
    case Constraints: {
        AttributeSpec probe = *spec;
        if (!PlanText::applyConstraintsText(probe, text))
            return false;
        m_document->editAttribute(row,
                                  spec->type == PropertyType::Timestamp
                                      ? tr("Set timestamp format of %1").arg(name)
                                      : tr("Edit values of %1").arg(name),
                                  [&](AttributeSpec &a) { PlanText::applyConstraintsText(a, text); });
        return true;
    }
    case Description:
        m_document->editAttribute(row, tr("Describe attribute %1").arg(name),
                                  [&](AttributeSpec &a) { a.description = text.toStdString(); });
        return true;
    default: return false;
    }
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
