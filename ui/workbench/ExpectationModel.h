#pragma once

#include "scenario/ScenarioResult.h"

#include <QAbstractTableModel>

namespace preflight::ui {

// A run's expectations: verdict, what was expected, and the detail behind the verdict.
class ExpectationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Status, Expectation, Detail, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setResults(std::vector<ExpectationResult> results);
    const std::vector<ExpectationResult> &results() const { return m_results; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ExpectationResult> m_results;
};

} // namespace preflight::ui
