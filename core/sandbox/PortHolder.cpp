#include "sandbox/PortHolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <set>

namespace preflight {

namespace {

// The inodes of sockets listening on `port`, from /proc/net/tcp and tcp6 (state 0A is LISTEN).
std::set<QString> listeningInodes(std::uint16_t port)
{
    std::set<QString> inodes;
    const QString hexPort = QStringLiteral("%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        file.readLine(); // the header
        while (!file.atEnd()) {
            const QStringList fields =
                QString::fromLatin1(file.readLine()).simplified().split(QLatin1Char(' '));
            if (fields.size() < 10 || fields[3] != u"0A")
                continue;
            if (fields[1].section(QLatin1Char(':'), -1).toUpper() == hexPort)
                inodes.insert(fields[9]);
        }
    }
    return inodes;
}

QString commandLine(const QString &pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> words = file.readAll().split('\0');
    while (!words.isEmpty() && words.last().isEmpty())
        words.removeLast();
    if (words.isEmpty())
        return {};
    words[0] = QFileInfo(QString::fromLocal8Bit(words[0])).fileName().toLocal8Bit();
    return QString::fromLocal8Bit(words.mid(0, 4).join(' '));
}

} // namespace

std::string describePortHolder(std::uint16_t port)
{
    const std::set<QString> inodes = listeningInodes(port);
    if (inodes.empty())
        return {};
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool numeric = false;
        pid.toInt(&numeric);
        if (!numeric)
            continue;
        const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
        for (const QFileInfo &fd : fds.entryInfoList(QDir::Files | QDir::System)) {
            // "socket:[12345]" (Qt may make the link's target look like a path in the fd folder)
            const QString target = fd.symLinkTarget();
            const qsizetype at = target.indexOf(QLatin1String("socket:["));
            const qsizetype close = target.lastIndexOf(QLatin1Char(']'));
            if (at < 0 || close < at)
                continue;
            const qsizetype open = at + 7;
            if (inodes.count(target.mid(open + 1, close - open - 1))) {
                const QString command = commandLine(pid);
                return (command.isEmpty() ? QStringLiteral("process") : command).toStdString() + " (pid " +
                       pid.toStdString() + ")";
            }
        }
    }
    return {};
}

} // namespace preflight
