#pragma once

#include "scenario/Scenario.h"

#include <QPointer>
#include <QUndoCommand>

namespace preflight::ui {

class ScenarioDocument;

// One edit of one scenario step (offset, call, faults), undoable on the project's stack.
class StepEditCommand : public QUndoCommand
{
public:
    StepEditCommand(ScenarioDocument *document, int scenario, int step, ScenarioStep before,
                    ScenarioStep after, const QString &text);
    void undo() override;
    void redo() override;

private:
    QPointer<ScenarioDocument> m_document;
    int m_scenario;
    int m_step;
    ScenarioStep m_before;
    ScenarioStep m_after;
};

// A change of a scenario's step list (a step added or removed), undoable on the project's stack.
class StepListCommand : public QUndoCommand
{
public:
    StepListCommand(ScenarioDocument *document, int scenario, std::vector<ScenarioStep> before,
                    std::vector<ScenarioStep> after, const QString &text);
    void undo() override;
    void redo() override;

private:
    QPointer<ScenarioDocument> m_document;
    int m_scenario;
    std::vector<ScenarioStep> m_before;
    std::vector<ScenarioStep> m_after;
};

} // namespace preflight::ui
