#include "VerdictModel.h"

#include "Theme.h"

#include <QBrush>

#include <algorithm>

namespace preflight::ui {

void VerdictModel::setViolations(std::vector<Violation> violations)
{
    std::stable_sort(violations.begin(), violations.end(),
                     [](const Violation &a, const Violation &b) { return a.severity < b.severity; });
    if (violations == m_violations)
        return;
    beginResetModel();
    m_violations = std::move(violations);
    endResetModel();
}

int VerdictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_violations.size());
}

int VerdictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VerdictModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Violation &v = violation(index.row());
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return QBrush(v.severity == Severity::Error ? Theme::errorColor() : Theme::warningColor());
    if (role == Qt::ToolTipRole && index.column() == MessageColumn && !v.expected.empty())
        return tr("Expected %1, got %2")
            .arg(QString::fromStdString(v.expected), QString::fromStdString(v.actual));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn: return QString::fromStdString(std::string(toString(v.severity)));
    case CodeColumn: return QString::fromStdString(v.code);
    case PointerColumn: return QString::fromStdString(v.pointer);
    case MessageColumn: return QString::fromStdString(v.message);
    case SuggestionColumn: return QString::fromStdString(v.suggestion);
    default: return {};
    }
}

QVariant VerdictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case CodeColumn: return tr("Code");
    case PointerColumn: return tr("Field");
    case MessageColumn: return tr("Message");
    case SuggestionColumn: return tr("Suggestion");
    default: return {};
    }
}

} // namespace preflight::ui
