#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace preflight::ui {

// Every menu command that has a keyboard shortcut, read from the menu bar itself so it is never stale.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace preflight::ui
