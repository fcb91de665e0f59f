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
    m_differences.clear(); // the same differences against another baseline still deserve a reset
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
    std::vector<PlanDifference> differences;
    if (m_baseline == Baseline::LastSave)
        differences = PlanDiff::compare(m_document->savedPlan(), m_document->plan());
    else if (m_committedPlan)
        differences = PlanDiff::compare(*m_committedPlan, m_document->plan());
    if (differences == m_differences)
        return;
    beginResetModel();
    m_differences = std::move(differences);
    endResetModel();
}

int PlanDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_differences.size());
}

int PlanDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const PlanDifference &difference = m_differences[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Change) {
        switch (difference.kind) {
        case PlanDifference::Kind::Added: return Theme::okColor();
        case PlanDifference::Kind::Removed: return Theme::errorColor();
        case PlanDifference::Kind::Changed: return Theme::warningColor();
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Change:
        switch (difference.kind) {
        case PlanDifference::Kind::Added: return tr("added");
        case PlanDifference::Kind::Removed: return tr("removed");
        case PlanDifference::Kind::Changed: return tr("changed");
        }
        return {};
    case Where: return QString::fromStdString(difference.where);
    case What: return QString::fromStdString(difference.what);
    default: return {};
    }
}

QVariant PlanDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Change: return tr("Change");
    case Where: return tr("Where");
    case What: return tr("What");
    default: return {};
    }
}

} // namespace preflight::ui
