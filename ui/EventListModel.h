#pragma once

#include <QAbstractTableModel>

namespace preflight::ui {

class PlanDocument;
struct PlanChange;

// The plan's events, one row each; the name is editable (an undoable rename).
class EventListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Properties, Side, ColumnCount };
    // Name, aliases and description in one string, for the search box's proxy.
    static constexpr int SearchRole = Qt::UserRole + 1;

    explicit EventListModel(PlanDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

private:
    void onAboutToChange(const PlanChange &change);
    void onChanged(const PlanChange &change);

    PlanDocument *m_document;
    bool m_resetting = false;
};

} // namespace preflight::ui
