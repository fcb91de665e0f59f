#pragma once

#include "lint/PlanLinter.h"

#include <QAbstractTableModel>

#include <optional>
#include <string>
#include <vector>

namespace preflight::ui {

class PlanDocument;
struct PlanLocation;

// The live lint panel: the plan file reader's checks, core's plan lint (lint/PlanLinter.h) and the
// project's journeys checked against the plan (lint/JourneysLinter.h), rerun after every edit and whenever
// the journeys file changes, errors first: exactly what `preflight-cli lint PLAN --journeys FILE` reports.
class LintModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, Rule, Where, Message, Fix, ColumnCount };

    explicit LintModel(PlanDocument *document, QObject *parent = nullptr);

    const LintFinding &finding(int row) const { return m_findings[std::size_t(row)]; }
    // The journeys file a finding is in; empty for the plan's own.
    const QString &fileOf(int row) const { return m_files[std::size_t(row)]; }
    PlanLocation location(int row) const;
    int count(Severity severity) const;
    // What the file reader refuses in `plan` once written out, as a finding; nullopt when it reads back.
    static std::optional<LintFinding> readerFinding(const Plan &plan, const std::string &origin);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void findingsChanged();

private:
    void recompute();

    // The project's journeys file, when it has exactly one (as the command line picks it).
    QString journeysPath() const;

    PlanDocument *m_document;
    std::vector<LintFinding> m_findings;
    std::vector<QString> m_files; // per finding: empty (the plan) or the journeys file
};

} // namespace preflight::ui
