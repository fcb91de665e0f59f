#pragma once

#include <QDialog>

class QTextBrowser;

namespace preflight::ui {

// The documentation (docs/, compiled into the console) in a browser: the index first, links between pages
// followed, Back and Forward with the usual keys. Works offline and without a source tree.
class HelpWindow : public QDialog
{
    Q_OBJECT

public:
    explicit HelpWindow(QWidget *parent = nullptr);

    // Shows a page of docs/ by file name ("sandbox.md"); false when there is no such page.
    bool showPage(const QString &fileName);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace preflight::ui
