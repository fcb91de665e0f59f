#pragma once

#include <QAbstractTableModel>

namespace preflight {
struct AttributeSpec;
}

namespace preflight::ui {

class PlanDocument;
struct PlanChange;

// The plan's person attributes with the system that owns each one.
class AttributeTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Type, Owner, Constraints, Description, ColumnCount };
    static constexpr int TypeRole = Qt::UserRole + 1;

    explicit AttributeTableModel(PlanDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

private:
    const AttributeSpec *attribute(int row) const;
    void onAboutToChange(const PlanChange &change);
    void onChanged(const PlanChange &change);

    PlanDocument *m_document;
    bool m_resetting = false;
};

} // namespace preflight::ui
