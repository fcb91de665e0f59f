#include "RecentProjects.h"

#include <QDir>
#include <QSettings>

namespace preflight::ui {

namespace {
const QString kKey = QStringLiteral("project/recent");
}

QStringList RecentProjects::list()
{
    QStringList folders = QSettings().value(kKey).toStringList();
    // A folder deleted since is no use in the menu.
    folders.removeIf([](const QString &folder) { return !QDir(folder).exists(); });
    return folders;
}

void RecentProjects::add(const QString &folder)
{
    QSettings settings;
    QStringList folders = settings.value(kKey).toStringList();
    folders.removeAll(folder);
    folders.prepend(folder);
    while (folders.size() > kMaximum)
        folders.removeLast();
    settings.setValue(kKey, folders);
}

void RecentProjects::clear()
{
    QSettings().remove(kKey);
}

} // namespace preflight::ui
