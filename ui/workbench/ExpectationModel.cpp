#include "ExpectationModel.h"

#include <QBrush>
#include <QColor>

namespace preflight::ui {

void ExpectationModel::setResults(std::vector<ExpectationResult> results)
{
    beginResetModel();
    m_results = std::move(results);
    endResetModel();
}

int ExpectationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ExpectationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExpectationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *titles[ColumnCount] = {"Result", "Expectation", "Why"};
    return tr(titles[section]);
}

QVariant ExpectationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_results.size()))
        return {};
    const ExpectationResult &result = m_results[std::size_t(index.row())];
    using S = ExpectationResult::Status;
    if (index.column() == Status) {
        if (role == Qt::DisplayRole)
            return result.status == S::Passed   ? tr("✓ pass")
                   : result.status == S::Failed ? tr("✗ FAIL")
                                                : tr("– skipped");
        if (role == Qt::ForegroundRole)
            return QBrush(result.status == S::Passed   ? QColor(0x2e, 0x7d, 0x32)
                          : result.status == S::Failed ? QColor(0xc6, 0x28, 0x28)
                                                       : QColor(0x75, 0x75, 0x75));
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (index.column() == Expectation)
        return QString::fromStdString(result.description);
    return QString::fromStdString(result.detail);
}

} // namespace preflight::ui
