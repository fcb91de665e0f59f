#pragma once

#include "ScenarioRun.h"

#include <QAbstractTableModel>

#include <optional>

namespace preflight::ui {

class ScenarioDocument;

// The steps of the current scenario: editable offset, call kind, name, identity and properties (JSON),
// faults; and, after a run, each step's plan verdict, HTTP status and read-back state.
class StepTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What a step is, then how it went (visible at 1280×800 without scrolling), then what it carries and
    // its faults.
    enum Column {
        Offset,
        Kind,
        Name,
        Verdict,
        Http,
        ReadBack,
        Identity,
        Properties,
        Delay,
        Duplicate,
        OutOfOrder,
        Dropped,
        ColumnCount
    };
    static bool isOutcomeColumn(int column)
    {
        return column == Verdict || column == Http || column == ReadBack;
    }

    explicit StepTableModel(ScenarioDocument *document, QObject *parent = nullptr);

    void setScenario(int index);
    int scenario() const { return m_scenario; }
    void setOutcomes(std::vector<StepOutcome> outcomes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    const ScenarioStep *step(int row) const;
    QVariant outcomeData(int row, int column, int role) const;

    ScenarioDocument *m_document;
    int m_scenario = -1;
    std::vector<StepOutcome> m_outcomes;
};

} // namespace preflight::ui
