#pragma once

#include <QStyledItemDelegate>

namespace preflight::ui {

// Editors for plan tables: a combo of the plan's types in the type column, and in the constraints column
// a timestamp-format combo or an enum values editor (comma-separated), chosen by the row's type.
class PlanItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    PlanItemDelegate(int typeColumn, int constraintsColumn, int typeRole, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    int m_typeColumn;
    int m_constraintsColumn;
    int m_typeRole;
};

} // namespace preflight::ui
