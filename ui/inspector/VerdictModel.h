#pragma once

#include "validate/Violation.h"

#include <QAbstractTableModel>

#include <vector>

namespace preflight::ui {

// The plan's verdict on the inspected call, one row per violation: severity, code, JSON pointer, message,
// suggestion. Errors come first.
class VerdictModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, CodeColumn, PointerColumn, MessageColumn, SuggestionColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setViolations(std::vector<Violation> violations);
    const std::vector<Violation> &violations() const { return m_violations; }
    const Violation &violation(int row) const { return m_violations.at(std::size_t(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Violation> m_violations;
};

} // namespace preflight::ui
