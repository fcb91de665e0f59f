#include "PlanItemDelegate.h"

#include "PlanText.h"

#include <QComboBox>
#include <QLineEdit>

namespace preflight::ui {

PlanItemDelegate::PlanItemDelegate(int typeColumn, int constraintsColumn, int typeRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_typeColumn(typeColumn)
    , m_constraintsColumn(constraintsColumn)
    , m_typeRole(typeRole)
{
}

QWidget *PlanItemDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    if (index.column() == m_typeColumn) {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("typeEditor"));
        combo->addItems(PlanText::typeNames());
        // Commit as soon as a type is picked, like a user expects from a combo in a table.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            auto *self = const_cast<PlanItemDelegate *>(this);
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    if (index.column() == m_constraintsColumn) {
        if (PropertyType(index.data(m_typeRole).toInt()) == PropertyType::Timestamp) {
            auto *combo = new QComboBox(parent);
            combo->setObjectName(QStringLiteral("timestampFormatEditor"));
            for (auto format : {TimestampEncoding::UnixSeconds, TimestampEncoding::Iso8601})
                combo->addItem(PlanText::timestampFormatName(format));
            return combo;
        }
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(QStringLiteral("enumValuesEditor"));
        edit->setPlaceholderText(tr("allowed values, separated by commas"));
        edit->setToolTip(tr("Allowed values, separated by commas. Values are compared exactly."));
        return edit;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void PlanItemDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentText(index.data(Qt::EditRole).toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void PlanItemDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                    const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace preflight::ui
