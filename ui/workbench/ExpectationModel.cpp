#include "ExpectationModel.h"

#include "Theme.h"

#include <QApplication>
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
            return QBrush(result.status == S::Passed ? Theme::okColor()
                          : result.status == S::Failed
                              ? Theme::errorColor()
                              : QApplication::palette().color(QPalette::PlaceholderText));
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (index.column() == Expectation)
        return QString::fromStdString(result.description);
    const QString detail = QString::fromStdString(result.detail);
    if (role == Qt::ToolTipRole)
        return detail;
    // One line per row; the whole of it is in the tooltip and in the page's detail pane.
    const qsizetype newline = detail.indexOf(QLatin1Char('\n'));
    return newline < 0 ? detail : detail.left(newline) + QStringLiteral(" …");
}

} // namespace preflight::ui
