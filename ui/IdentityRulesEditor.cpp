#include "IdentityRulesEditor.h"

#include "PlanDocument.h"
#include "PlanText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

namespace preflight::ui {

namespace {
// The identifiers the Track and Pipelines APIs accept for a person.
const QStringList kIdentifiers = {QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("phone"),
                                  QStringLiteral("cio_id")};
} // namespace

IdentityRulesEditor::IdentityRulesEditor(PlanDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_primary(new QComboBox(this))
    , m_identifyMoments(new QLineEdit(this))
    , m_mergeAnonymous(new QCheckBox(tr("Attach anonymous activity when a visitor identifies"), this))
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(16, 16, 16, 16);
    m_primary->setObjectName(QStringLiteral("primaryIdentifier"));
    m_primary->addItems({QStringLiteral("id"), QStringLiteral("email")});
    form->addRow(tr("Primary identifier"), m_primary);

    auto *acceptedRow = new QWidget(this);
    auto *acceptedLayout = new QHBoxLayout(acceptedRow);
    acceptedLayout->setContentsMargins(0, 0, 0, 0);
    for (const QString &identifier : kIdentifiers) {
        auto *box = new QCheckBox(identifier, acceptedRow);
        box->setObjectName(QStringLiteral("accepts_") + identifier);
        acceptedLayout->addWidget(box);
        m_accepted << box;
        connect(box, &QCheckBox::toggled, this, &IdentityRulesEditor::commit);
    }
    acceptedLayout->addStretch();
    form->addRow(tr("Identifiers calls may carry"), acceptedRow);

    m_identifyMoments->setObjectName(QStringLiteral("identifyMoments"));
    m_identifyMoments->setPlaceholderText(tr("events after which the visitor is known, separated by commas"));
    form->addRow(tr("Identify at"), m_identifyMoments);
    m_mergeAnonymous->setObjectName(QStringLiteral("mergeAnonymous"));
    form->addRow(QString(), m_mergeAnonymous);
    auto *note =
        new QLabel(tr("Customer.io merges a person's anonymous events only when the identify call "
                      "carries the anonymous_id; without it, browse and cart journeys never see them."),
                   this);
    note->setWordWrap(true);
    form->addRow(QString(), note);

    connect(m_primary, &QComboBox::activated, this, &IdentityRulesEditor::commit);
    connect(m_identifyMoments, &QLineEdit::editingFinished, this, &IdentityRulesEditor::commit);
    connect(m_mergeAnonymous, &QCheckBox::toggled, this, &IdentityRulesEditor::commit);
    connect(document, &PlanDocument::changed, this, [this](const PlanChange &change) {
        if (change.kind == PlanChange::Kind::Reset || change.kind == PlanChange::Kind::Identity)
            refresh();
    });
    refresh();
}

void IdentityRulesEditor::refresh()
{
    const IdentityRules &rules = m_document->plan().identity;
    const QSignalBlocker blockPrimary(m_primary);
    const QSignalBlocker blockMerge(m_mergeAnonymous);
    m_primary->setCurrentText(PlanText::str(rules.primary));
    const QStringList accepted = PlanText::list(rules.accepted);
    for (QCheckBox *box : m_accepted) {
        const QSignalBlocker block(box);
        box->setChecked(accepted.contains(box->text()));
    }
    m_identifyMoments->setText(PlanText::list(rules.identifyMoments).join(QStringLiteral(", ")));
    m_mergeAnonymous->setChecked(rules.mergeAnonymous);
    setEnabled(m_document->isLoaded());
}

void IdentityRulesEditor::commit()
{
    IdentityRules rules = m_document->plan().identity;
    rules.primary = m_primary->currentText().toStdString();
    rules.accepted.clear();
    for (QCheckBox *box : m_accepted) {
        if (box->isChecked())
            rules.accepted.push_back(box->text().toStdString());
    }
    rules.identifyMoments = PlanText::values(m_identifyMoments->text());
    rules.mergeAnonymous = m_mergeAnonymous->isChecked();
    m_document->edit(tr("Edit identity rules"), {PlanChange::Kind::Identity},
                     [&rules](Plan &plan) { plan.identity = rules; });
}

} // namespace preflight::ui
