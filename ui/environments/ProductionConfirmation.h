#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace preflight::ui {

// Guards the switch to a production environment: the user types the environment's name, and only an exact
// match enables the button (a mistyped or pasted-wrong name cannot slip through).
class ProductionConfirmation : public QDialog
{
    Q_OBJECT

public:
    ProductionConfirmation(const QString &environment, QWidget *parent = nullptr);
    static bool confirm(QWidget *parent, const QString &environment);

    QLineEdit *nameField() const { return m_field; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QLineEdit *m_field;
    QPushButton *m_confirm;
};

} // namespace preflight::ui
