#include "scenario/FilesBeside.h"

#include <QDir>
#include <QFileInfo>

namespace preflight {

Result<std::string> fileBesideScenario(const std::string &scenarioPath, std::string_view pattern,
                                       std::string_view option)
{
    const QDir folder = QFileInfo(QString::fromStdString(scenarioPath)).absoluteDir();
    const QString wildcard = QString::fromUtf8(pattern.data(), qsizetype(pattern.size()));
    const QStringList found = folder.entryList({wildcard}, QDir::Files, QDir::Name);
    if (found.size() == 1)
        return folder.filePath(found.front()).toStdString();
    const std::string what(pattern);
    const std::string pass = option.empty() ? std::string() : "; pass " + std::string(option);
    if (found.isEmpty())
        return Error{"no_file", "no " + what + " beside the scenario" + pass, scenarioPath};
    return Error{"ambiguous_file",
                 std::to_string(found.size()) + " " + what + " files beside the scenario" + pass,
                 scenarioPath};
}

} // namespace preflight
