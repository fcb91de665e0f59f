#pragma once

#include <QLabel>

namespace preflight::ui {

// The status bar's permanent statement of where sends go. Production is painted red with a capital label
// so nobody mistakes it for the sandbox.
class EnvironmentBadge : public QLabel
{
    Q_OBJECT

public:
    explicit EnvironmentBadge(QWidget *parent = nullptr);

    void setEnvironment(const QString &name, bool production);
    QString environmentName() const { return m_name; }
    bool isProduction() const { return m_production; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void setStyleSheetIfChanged(const QString &sheet);

    QString m_name;
    bool m_production = false;
};

} // namespace preflight::ui
