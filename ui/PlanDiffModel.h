#pragma once

#include "plan/Plan.h"
#include "plan/PlanDiff.h"

#include <QAbstractTableModel>

#include <optional>

namespace preflight::ui {

class PlanDocument;

// What changed since the plan was last loaded or saved, or since its last git commit, recomputed after
// every edit, each change classified as `preflight-cli diff` classifies it (core/plan/PlanDiff.h).
class PlanDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Impact, Change, Where, What, ColumnCount };
    enum class Baseline { LastSave, LastCommit };

    explicit PlanDiffModel(PlanDocument *document, QObject *parent = nullptr);

    // LastCommit reads the plan file's committed version (again on every save); when there is none the
    // model is empty and baselineError() says why.
    void setBaseline(Baseline baseline);
    Baseline baseline() const { return m_baseline; }
    QString baselineError() const { return m_baselineError; }
    // The plan's version rule against the baseline ("breaking changes, and the version stays 2 …"), or empty.
    QString versionProblem() const { return m_versionProblem; }
    const preflight::PlanChange &change(int row) const { return m_changes[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void recompute();
    void loadCommittedPlan();

    PlanDocument *m_document;
    Baseline m_baseline = Baseline::LastSave;
    std::optional<Plan> m_committedPlan;
    QString m_baselineError;
    std::vector<preflight::PlanChange> m_changes;
    QString m_versionProblem;
};

} // namespace preflight::ui
