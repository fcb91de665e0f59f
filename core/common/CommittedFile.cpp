#include "common/CommittedFile.h"

#include <QFileInfo>
#include <QProcess>

namespace preflight {

Result<std::string> committedFileText(const QString &path)
{
    return committedFileText(path, QStringLiteral("HEAD"));
}

Result<std::string> committedFileText(const QString &path, const QString &revision)
{
    const QFileInfo file(path);
    QProcess git;
    git.setWorkingDirectory(file.absolutePath());
    // "./name" is relative to the working directory, wherever the repository's root is.
    git.start(QStringLiteral("git"),
              {QStringLiteral("show"), revision + QStringLiteral(":./") + file.fileName()});
    if (!git.waitForStarted(5000))
        return Error{"git_unavailable", "git cannot be started: " + git.errorString().toStdString(),
                     path.toStdString()};
    if (!git.waitForFinished(10000)) {
        git.kill();
        return Error{"git_timeout", "git show did not finish in 10 s", path.toStdString()};
    }
    if (git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0) {
        const QString why = QString::fromUtf8(git.readAllStandardError()).trimmed();
        return Error{"not_committed", "no version at " + revision.toStdString() + ": " + why.toStdString(),
                     path.toStdString()};
    }
    return git.readAllStandardOutput().toStdString();
}

} // namespace preflight
