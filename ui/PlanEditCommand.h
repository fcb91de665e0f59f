#pragma once

#include "PlanDocument.h"

#include <QUndoCommand>

namespace preflight::ui {

// One edit of the plan as two snapshots. Plans are a few hundred lines, so copying beats writing an inverse
// for every kind of edit, and undo can never drift from redo.
class PlanEditCommand : public QUndoCommand
{
public:
    PlanEditCommand(PlanDocument *document, const QString &text, Plan before, Plan after, PlanChange change);

    void undo() override;
    void redo() override;

private:
    PlanDocument *m_document;
    Plan m_before;
    Plan m_after;
    PlanChange m_change;
};

} // namespace preflight::ui
