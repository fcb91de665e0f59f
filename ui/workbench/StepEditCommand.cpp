#include "StepEditCommand.h"

#include "ScenarioDocument.h"

namespace preflight::ui {

StepEditCommand::StepEditCommand(ScenarioDocument *document, int scenario, int step, ScenarioStep before,
                                 ScenarioStep after, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_scenario(scenario)
    , m_step(step)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void StepEditCommand::undo()
{
    if (m_document && m_scenario < m_document->count())
        m_document->setStep(m_scenario, m_step, m_before);
}

void StepEditCommand::redo()
{
    if (m_document && m_scenario < m_document->count())
        m_document->setStep(m_scenario, m_step, m_after);
}

StepListCommand::StepListCommand(ScenarioDocument *document, int scenario, std::vector<ScenarioStep> before,
                                 std::vector<ScenarioStep> after, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_scenario(scenario)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void StepListCommand::undo()
{
    if (m_document && m_scenario < m_document->count())
        m_document->setSteps(m_scenario, m_before);
}

void StepListCommand::redo()
{
    if (m_document && m_scenario < m_document->count())
        m_document->setSteps(m_scenario, m_after);
}

} // namespace preflight::ui
