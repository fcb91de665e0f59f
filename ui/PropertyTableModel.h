#pragma once

#include <QAbstractTableModel>

namespace preflight {
struct PropertySpec;
}

namespace preflight::ui {

class PlanDocument;
struct PlanChange;

// The properties of one event: name, type, required, constraints, dedupe key, description. Every cell
// edit is an undoable plan edit.
class PropertyTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Type, Required, Constraints, DedupeKey, Description, ColumnCount };
    // The PropertyType as an int, for delegates that pick an editor per type.
    static constexpr int TypeRole = Qt::UserRole + 1;

    explicit PropertyTableModel(PlanDocument *document, QObject *parent = nullptr);

    void setEvent(int event);
    int eventIndex() const { return m_event; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

private:
    const PropertySpec *property(int row) const;
    void onAboutToChange(const PlanChange &change);
    void onChanged(const PlanChange &change);

    PlanDocument *m_document;
    int m_event = -1;
    bool m_resetting = false;
};

} // namespace preflight::ui
