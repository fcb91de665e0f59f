#include "ProductionConfirmation.h"

#include "Theme.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace preflight::ui {

ProductionConfirmation::ProductionConfirmation(const QString &environment, QWidget *parent)
    : QDialog(parent), m_field(new QLineEdit(this))
{
    setObjectName(QStringLiteral("productionConfirmation"));
    setWindowTitle(tr("Switch to production"));
    auto *warning =
        new QLabel(tr("<b>%1 is a production environment.</b><br>Calls sent while it is current reach "
                      "real customers and can trigger real messages.<br><br>Type <b>%1</b> to "
                      "confirm:")
                       .arg(environment.toHtmlEscaped()),
                   this);
    warning->setWordWrap(true);
    m_field->setObjectName(QStringLiteral("productionConfirmationName"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("Switch to Production"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("productionConfirmationAccept"));
    m_confirm->setEnabled(false);
    m_confirm->setStyleSheet(
        QStringLiteral("QPushButton:enabled { background: %1; color: %2; font-weight: bold; }")
            .arg(Theme::productionBackground().name(), Theme::productionText().name()));
    connect(m_field, &QLineEdit::textChanged, this,
            [this, environment](const QString &text) { m_confirm->setEnabled(text == environment); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this, environment] {
        if (m_field->text() == environment)
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addWidget(m_field);
    layout->addWidget(buttons);
}

bool ProductionConfirmation::confirm(QWidget *parent, const QString &environment)
{
    ProductionConfirmation dialog(environment, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace preflight::ui
