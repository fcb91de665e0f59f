#pragma once

#include <QStringList>

namespace preflight::ui {

// The most recently opened project folders, newest first, kept in QSettings.
class RecentProjects
{
public:
    static constexpr int kMaximum = 8;

    static QStringList list();
    static void add(const QString &folder);
    static void clear();
};

} // namespace preflight::ui
