#include "LintModel.h"

#include "PlanDocument.h"
#include "Theme.h"

#include <algorithm>

namespace preflight::ui {

LintModel::LintModel(PlanDocument *document, PlanLinter linter, QObject *parent)
    : QAbstractTableModel(parent), m_document(document), m_linter(std::move(linter))
{
    connect(document, &PlanDocument::changed, this, &LintModel::recompute);
    recompute();
}

void LintModel::recompute()
{
    std::vector<LintEntry> entries;
    if (m_document->isLoaded() && m_linter)
        entries = m_linter(m_document->plan());
    // Errors first, then warnings, then the rest; within a severity the linter's order (plan order).
    std::stable_sort(entries.begin(), entries.end(),
                     [](const LintEntry &a, const LintEntry &b) { return a.severity < b.severity; });
    if (entries == m_entries)
        return;
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    emit findingsChanged();
}

int LintModel::count(LintEntry::Severity severity) const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(),
                             [severity](const LintEntry &entry) { return entry.severity == severity; }));
}

int LintModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LintModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LintModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LintEntry &entry = m_entries[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Severity) {
        switch (entry.severity) {
        case LintEntry::Severity::Error: return Theme::errorColor();
        case LintEntry::Severity::Warning: return Theme::warningColor();
        case LintEntry::Severity::Info: return Theme::infoColor();
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == Message || index.column() == Fix))
        return QString::fromStdString(index.column() == Message ? entry.message : entry.fix);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Severity:
        switch (entry.severity) {
        case LintEntry::Severity::Error: return tr("error");
        case LintEntry::Severity::Warning: return tr("warning");
        case LintEntry::Severity::Info: return tr("info");
        }
        return {};
    case Rule: return QString::fromStdString(entry.rule);
    case Where: {
        if (!entry.attribute.empty())
            return tr("attribute %1").arg(QString::fromStdString(entry.attribute));
        if (entry.event.empty())
            return tr("plan");
        QString where = QString::fromStdString(entry.event);
        if (!entry.property.empty())
            where += QStringLiteral(" › ") + QString::fromStdString(entry.property);
        return where;
    }
    case Message: return QString::fromStdString(entry.message);
    case Fix: return QString::fromStdString(entry.fix);
    default: return {};
    }
}

QVariant LintModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity: return tr("Severity");
    case Rule: return tr("Rule");
    case Where: return tr("Where");
    case Message: return tr("Message");
    case Fix: return tr("Fix");
    default: return {};
    }
}

} // namespace preflight::ui
