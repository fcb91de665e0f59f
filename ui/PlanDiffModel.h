#pragma once

#include "PlanDiff.h"

#include <QAbstractTableModel>

namespace preflight::ui {

class PlanDocument;

// What changed since the plan was last loaded or saved, recomputed after every edit.
class PlanDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Change, Where, What, ColumnCount };

    explicit PlanDiffModel(PlanDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void recompute();

    PlanDocument *m_document;
    std::vector<PlanDifference> m_differences;
};

} // namespace preflight::ui
