#include "PlanDiffModel.h"

#include "PlanDocument.h"
#include "Theme.h"
#include "common/CommittedFile.h"
#include "plan/PlanFile.h"

namespace preflight::ui {

PlanDiffModel::PlanDiffModel(PlanDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &PlanDocument::changed, this, &PlanDiffModel::recompute);
    connect(document, &PlanDocument::saved, this, [this] {
        if (m_baseline == Baseline::LastCommit)
            loadCommittedPlan();
        recompute();
    });
    recompute();
}

void PlanDiffModel::setBaseline(Baseline baseline)
{
    m_baseline = baseline;
    if (baseline == Baseline::LastCommit)
        loadCommittedPlan();
    m_changes.clear(); // the same changes against another baseline still deserve a reset
    beginResetModel();
    endResetModel();
    recompute();
}

void PlanDiffModel::loadCommittedPlan()
{
    m_committedPlan.reset();
    m_baselineError.clear();
    if (m_document->path().isEmpty()) {
        m_baselineError = tr("The plan has not been saved to a file yet.");
        return;
    }
    Result<std::string> text = committedFileText(m_document->path());
    Result<Plan> plan =
        text ? planFromText(*text, "HEAD:" + m_document->path().toStdString()) : Result<Plan>(text.error());
    if (plan)
        m_committedPlan = std::move(*plan);
    else
        m_baselineError = QString::fromStdString(plan.error().message);
}

void PlanDiffModel::recompute()
{
    const Plan *baseline = m_baseline == Baseline::LastSave ? &m_document->savedPlan()
                           : m_committedPlan                ? &*m_committedPlan
                                                            : nullptr;
    std::vector<preflight::PlanChange> changes;
    QString versionProblem;
    if (baseline) {
        changes = diffPlans(*baseline, m_document->plan());
        for (const preflight::PlanChange &finding : versionFindings(*baseline, m_document->plan(), changes))
            versionProblem += QString::fromStdString(finding.what + ": " + finding.why +
                                                     (finding.advice.empty() ? "" : " — " + finding.advice));
    }
    m_versionProblem = versionProblem;
    if (changes == m_changes)
        return;
    beginResetModel();
    m_changes = std::move(changes);
    endResetModel();
}

int PlanDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int PlanDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const preflight::PlanChange &change = m_changes[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Impact) {
        switch (change.impact) {
        case ChangeImpact::Breaking: return Theme::errorColor();
        case ChangeImpact::Additive: return Theme::okColor();
        case ChangeImpact::Cosmetic: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = QString::fromStdString(change.code);
        if (!change.why.empty())
            tip += QStringLiteral("\n") + QString::fromStdString(change.why);
        if (!change.advice.empty())
            tip += QStringLiteral("\n") + QString::fromStdString(change.advice);
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Impact: return QString::fromUtf8(toString(change.impact).data());
    case Change: return QString::fromUtf8(toString(change.kind).data());
    case Where: return QString::fromStdString(change.where);
    case What: return QString::fromStdString(change.what);
    default: return {};
    }
}

QVariant PlanDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Impact: return tr("Impact");
    case Change: return tr("Change");
    case Where: return tr("Where");
    case What: return tr("What");
    default: return {};
    }
}

} // namespace preflight::ui
