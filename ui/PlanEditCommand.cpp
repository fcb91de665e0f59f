#include "PlanEditCommand.h"

namespace preflight::ui {

PlanEditCommand::PlanEditCommand(PlanDocument *document, const QString &text, Plan before, Plan after,
                                 PlanChange change)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_change(change)
{
}

void PlanEditCommand::undo()
{
    m_document->apply(m_before, m_change);
}

void PlanEditCommand::redo()
{
    m_document->apply(m_after, m_change);
}

} // namespace preflight::ui
