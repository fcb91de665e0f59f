#include "EnvironmentBadge.h"

#include "Theme.h"

#include <QEvent>

namespace preflight::ui {

EnvironmentBadge::EnvironmentBadge(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("environmentBadge"));
    setEnvironment(QStringLiteral("sandbox"), false);
}

void EnvironmentBadge::setEnvironment(const QString &name, bool production)
{
    m_name = name;
    m_production = production;
    refresh();
}

void EnvironmentBadge::changeEvent(QEvent *event)
{
    // Only the application palette: our own style sheet changes the label's palette too.
    if (event->type() == QEvent::ApplicationPaletteChange)
        refresh();
    QLabel::changeEvent(event);
}

void EnvironmentBadge::setStyleSheetIfChanged(const QString &sheet)
{
    if (styleSheet() != sheet)
        setStyleSheet(sheet);
}

void EnvironmentBadge::refresh()
{
    if (m_production) {
        setText(tr("PRODUCTION: %1 — sends reach real customers").arg(m_name));
        setToolTip(tr("Calls you send go to the live Customer.io workspace."));
        setStyleSheetIfChanged(
            QStringLiteral("QLabel { background: %1; color: %2; font-weight: bold; "
                           "padding: 2px 10px; border-radius: 3px; }")
                .arg(Theme::productionBackground().name(), Theme::productionText().name()));
    } else {
        setText(tr("Environment: %1").arg(m_name));
        setToolTip(tr("Calls you send go to %1.").arg(m_name));
        setStyleSheetIfChanged(QStringLiteral("QLabel { padding: 2px 10px; }"));
    }
}

} // namespace preflight::ui
