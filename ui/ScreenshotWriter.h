#pragma once

#include "common/Result.h"

#include <QStringList>

namespace preflight::ui {

class MainWindow;

// Shows each main page in turn and saves the window as <dir>/<page-id>.png (docs/screenshots).
class ScreenshotWriter
{
public:
    static Result<QStringList> writeAll(MainWindow &window, const QString &directory);
};

} // namespace preflight::ui
