#include "MainWindow.h"

#include <QLabel>
#include <QStatusBar>

namespace preflight::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Preflight"));
    auto *welcome = new QLabel(tr("Open a project folder to design a tracking plan, send test customers and "
                                  "simulate journeys."),
                               this);
    welcome->setAlignment(Qt::AlignCenter);
    welcome->setWordWrap(true);
    setCentralWidget(welcome);
    statusBar()->showMessage(tr("Environment: sandbox"));
    resize(1200, 800);
}

} // namespace preflight::ui
