#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace preflight::test {

// Points QSettings at a throwaway folder so tests never read or write the user's configuration.
inline std::unique_ptr<QTemporaryDir> isolateSettings()
{
    auto dir = std::make_unique<QTemporaryDir>();
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir->path());
    QSettings().clear();
    return dir;
}

// Clicks `button` on the next message box that opens, like a user would; `seen` records that it did open.
inline void answerNextMessageBox(QMessageBox::StandardButton button, bool *seen = nullptr,
                                 QString *text = nullptr)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, seen, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (seen)
            *seen = true;
        if (text)
            *text = box->text();
        box->button(button)->click();
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
}

} // namespace preflight::test
