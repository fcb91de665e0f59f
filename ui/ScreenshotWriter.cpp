#include "ScreenshotWriter.h"

#include "MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>

namespace preflight::ui {

Result<QStringList> ScreenshotWriter::writeAll(MainWindow &window, const QString &directory)
{
    if (!QDir().mkpath(directory))
        return Error{"screenshot_dir", "cannot create the folder", directory.toStdString()};
    QStringList written;
    for (int i = 0; i < MainWindow::kPageCount; ++i) {
        const auto page = MainWindow::Page(i);
        window.showPage(page);
        // Let layouts settle and deferred model work paint before the grab.
        for (int round = 0; round < 3; ++round)
            QApplication::processEvents();
        const QString path = QDir(directory).filePath(MainWindow::pageId(page) + QStringLiteral(".png"));
        if (!window.grab().save(path))
            return Error{"screenshot_write", "cannot write the image", path.toStdString()};
        written << path;
    }
    return written;
}

} // namespace preflight::ui
