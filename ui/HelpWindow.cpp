#include "HelpWindow.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace preflight::ui {

namespace {
const QString kDocs = QStringLiteral(":/docs/");
}

HelpWindow::HelpWindow(QWidget *parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("Preflight Documentation"));
    setObjectName(QStringLiteral("helpWindow"));
    resize(900, 700);
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setSearchPaths({kDocs});
    // Pages link to each other by relative name; anything on the web opens in the user's browser.
    m_browser->setOpenLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
            QDesktopServices::openUrl(url);
        else
            m_browser->setSource(url, QTextDocument::MarkdownResource);
    });

    auto *back = new QPushButton(tr("Back"), this);
    auto *forward = new QPushButton(tr("Forward"), this);
    auto *home = new QPushButton(tr("Contents"), this);
    back->setShortcut(QKeySequence::Back);
    forward->setShortcut(QKeySequence::Forward);
    back->setToolTip(
        tr("Back (%1)").arg(QKeySequence(QKeySequence::Back).toString(QKeySequence::NativeText)));
    forward->setToolTip(
        tr("Forward (%1)").arg(QKeySequence(QKeySequence::Forward).toString(QKeySequence::NativeText)));
    home->setToolTip(tr("The list of pages"));
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(forward, &QPushButton::clicked, m_browser, &QTextBrowser::forward);
    connect(home, &QPushButton::clicked, this, [this] { showPage(QStringLiteral("README.md")); });
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, forward, &QPushButton::setEnabled);
    back->setEnabled(false);
    forward->setEnabled(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *navigation = new QHBoxLayout;
    navigation->addWidget(back);
    navigation->addWidget(forward);
    navigation->addWidget(home);
    navigation->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(navigation);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    showPage(QStringLiteral("README.md"));
}

bool HelpWindow::showPage(const QString &fileName)
{
    if (!QFile::exists(kDocs + fileName))
        return false;
    m_browser->setSource(QUrl(QStringLiteral("qrc") + kDocs + fileName), QTextDocument::MarkdownResource);
    return true;
}

} // namespace preflight::ui
