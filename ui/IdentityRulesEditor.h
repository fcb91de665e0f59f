#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace preflight::ui {

class PlanDocument;

// The plan's identity rules as a form: which identifier is primary, which ones calls may carry, when an
// anonymous visitor becomes known, and whether anonymous activity is merged. Each change is an undoable edit.
class IdentityRulesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit IdentityRulesEditor(PlanDocument *document, QWidget *parent = nullptr);

private:
    void refresh();
    void commit();

    PlanDocument *m_document;
    QComboBox *m_primary;
    QList<QCheckBox *> m_accepted;
    QLineEdit *m_identifyMoments;
    QCheckBox *m_mergeAnonymous;
};

} // namespace preflight::ui
