#pragma once

#include "lint/PlanLinter.h"

#include <QAbstractTableModel>

#include <optional>
#include <string>
#include <vector>

namespace preflight::ui {

class PlanDocument;
struct PlanLocation;

// The live lint panel: the plan file reader's checks and core's plan lint (lint/PlanLinter.h), rerun after
// every edit, errors first: exactly what `preflight-cli lint` reports.
class LintModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, Rule, Where, Message, Fix, ColumnCount };

    explicit LintModel(PlanDocument *document, QObject *parent = nullptr);

    const LintFinding &finding(int row) const { return m_findings[std::size_t(row)]; }
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

    PlanDocument *m_document;
    std::vector<LintFinding> m_findings;
};

} // namespace preflight::ui
