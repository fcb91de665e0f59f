#pragma once

#include <QProcess>
#include <QStringList>
#include <QTest>

// Runs the built preflight-cli as CI scripts do and captures what it printed.
struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList &arguments, const QString &workingDirectory = {},
                        const QByteArray &standardInput = {}, int timeoutMs = 120'000)
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(PREFLIGHT_CLI_PATH), arguments);
    if (!process.waitForStarted())
        return {};
    if (!standardInput.isEmpty())
        process.write(standardInput);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}
