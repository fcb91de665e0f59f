#include "LintModel.h"

#include "PlanDocument.h"
#include "PlanLocation.h"
#include "Theme.h"

#include "plan/PlanFile.h"

#include <algorithm>

namespace preflight::ui {

LintModel::LintModel(PlanDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &PlanDocument::changed, this, &LintModel::recompute);
    recompute();
}

std::optional<LintFinding> LintModel::readerFinding(const Plan &plan, const std::string &origin)
{
    // `preflight-cli lint` reads the file strictly before it lints; reading the edited plan back through
    // the same reader keeps the console from accepting a plan the command line refuses.
    const Result<Plan> reread = planFromText(toFileText(plan), origin);
    if (reread)
        return std::nullopt;
    const std::string &where = reread.error().where;
    const auto hash = where.find('#');
    return LintFinding{reread.error().code, Severity::Error,
                       hash == std::string::npos ? std::string() : where.substr(hash + 1),
                       reread.error().message,
                       "fix it here: until then preflight-cli rejects the plan (exit 2) and Save refuses "
                       "to write it"};
}

void LintModel::recompute()
{
    std::vector<LintFinding> findings;
    if (m_document->isLoaded()) {
        findings = lintPlan(m_document->plan());
        if (auto unreadable = readerFinding(m_document->plan(), m_document->path().toStdString()))
            findings.insert(findings.begin(), std::move(*unreadable));
    }
    // Errors first; within a severity the linter's own (plan) order.
    std::stable_sort(findings.begin(), findings.end(),
                     [](const LintFinding &a, const LintFinding &b) { return a.severity < b.severity; });
    if (findings == m_findings) {
        // Same findings, but a rename changes the "where" column.
        if (rowCount() > 0)
            emit dataChanged(index(0, Where), index(rowCount() - 1, Where));
        return;
    }
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
    emit findingsChanged();
}

PlanLocation LintModel::location(int row) const
{
    return PlanLocation::fromPointer(m_document->plan(), m_findings[std::size_t(row)].pointer);
}

int LintModel::count(Severity severity) const
{
    return int(std::count_if(m_findings.begin(), m_findings.end(), [severity](const LintFinding &finding) {
        return finding.severity == severity;
    }));
}

int LintModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int LintModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LintModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LintFinding &finding = m_findings[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return finding.severity == Severity::Error ? Theme::errorColor() : Theme::warningColor();
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Where: return QString::fromStdString(finding.pointer);
        case Message: return QString::fromStdString(finding.message);
        case Fix: return QString::fromStdString(finding.fix);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn: {
        const auto text = toString(finding.severity);
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    case Rule: return QString::fromStdString(finding.code);
    case Where: return QString::fromStdString(location(index.row()).describe(m_document->plan()));
    case Message: return QString::fromStdString(finding.message);
    case Fix: return QString::fromStdString(finding.fix);
    default: return {};
    }
}

QVariant LintModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case Rule: return tr("Rule");
    case Where: return tr("Where");
    case Message: return tr("Message");
    case Fix: return tr("Fix");
    default: return {};
    }
}

} // namespace preflight::ui
