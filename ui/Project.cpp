#include "Project.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QUndoStack>

namespace preflight::ui {

namespace {

QByteArray contentHash(const QByteArray &contents)
{
    return QCryptographicHash::hash(contents, QCryptographicHash::Sha256);
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return contentHash(file.readAll());
}

} // namespace

Project::Project(QObject *parent) : QObject(parent), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

Project::~Project() = default;

Project::FileKind Project::kindOf(const QString &fileName)
{
    if (fileName.endsWith(QLatin1String(".plan.json")))
        return FileKind::Plan;
    if (fileName.endsWith(QLatin1String(".scenario.json")))
        return FileKind::Scenario;
    if (fileName.endsWith(QLatin1String(".journeys.json")))
        return FileKind::Journeys;
    return FileKind::None;
}

QString Project::folderFor(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return info.absoluteFilePath();
    if (info.isFile() && kindOf(info.fileName()) != FileKind::None)
        return info.absolutePath();
    return {};
}

Status Project::open(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.isDir())
        return Error{"project_not_a_folder", "not a folder", folder.toStdString()};
    if (!info.isReadable())
        return Error{"project_unreadable", "the folder cannot be read", folder.toStdString()};
    close();
    m_folder = info.canonicalFilePath();
    scanFolder();
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &Project::onPathChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &Project::onPathChanged);
    rewatch();
    emit opened(m_folder);
    return Ok{};
}

void Project::close()
{
    if (!isOpen())
        return;
    delete m_watcher;
    m_watcher = nullptr;
    m_folder.clear();
    m_files.clear();
    m_ownWrites.clear();
    m_undoStack->clear();
    emit closed();
}

Status Project::reload()
{
    if (!isOpen())
        return Error{"project_not_open", "no project is open", {}};
    m_undoStack->clear();
    scanFolder();
    rewatch();
    emit opened(m_folder);
    return Ok{};
}

QString Project::name() const
{
    return QFileInfo(m_folder).fileName();
}

QStringList Project::files(FileKind kind) const
{
    QStringList result;
    for (const QString &path : m_files) {
        if (kindOf(path) == kind)
            result << path;
    }
    return result;
}

QStringList Project::allFiles() const
{
    return m_files;
}

bool Project::isModified() const
{
    return !m_undoStack->isClean();
}

Status Project::save()
{
    Status status = Ok{};
    emit saveRequested(&status);
    if (status.ok())
        m_undoStack->setClean();
    return status;
}

void Project::noteOwnWrite(const QString &path, const QByteArray &contents)
{
    m_ownWrites.insert(QFileInfo(path).absoluteFilePath(), contentHash(contents));
}

Status Project::createFromStarter(const QString &targetFolder, const QString &starterFolder)
{
    QDir target(targetFolder);
    if (target.exists() && !target.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return Error{"project_folder_not_empty", "choose an empty or new folder for the project",
                     targetFolder.toStdString()};
    if (!QDir().mkpath(targetFolder))
        return Error{"project_folder_create_failed", "cannot create the folder", targetFolder.toStdString()};
    QDirIterator it(starterFolder, QDir::Files, QDirIterator::Subdirectories);
    int copied = 0;
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = QDir(starterFolder).relativeFilePath(source);
        const QString destination = target.filePath(relative);
        QDir().mkpath(QFileInfo(destination).absolutePath());
        if (!QFile::copy(source, destination))
            return Error{"project_copy_failed", "cannot write the starter file", destination.toStdString()};
        // Files copied out of resources are read-only; the project must be editable.
        QFile::setPermissions(destination, QFile::permissions(destination) | QFile::WriteOwner | QFile::ReadOwner);
        ++copied;
    }
    if (copied == 0)
        return Error{"starter_missing", "no starter files were found", starterFolder.toStdString()};
    return Ok{};
}

void Project::scanFolder()
{
    m_files.clear();
    const QDir dir(m_folder);
    const QStringList names = dir.entryList({QStringLiteral("*.plan.json"), QStringLiteral("*.scenario.json"),
                                             QStringLiteral("*.journeys.json")},
                                            QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names)
        m_files << dir.filePath(name);
    emit filesChanged();
}

void Project::rewatch()
{
    if (!m_watcher)
        return;
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
    m_watcher->addPath(m_folder);
    if (!m_files.isEmpty())
        m_watcher->addPaths(m_files);
}

void Project::onPathChanged(const QString &path)
{
    if (path == m_folder) {
        // Files appeared or went; editors that save by rename also drop the watch on the file, so watch again.
        scanFolder();
        rewatch();
        return;
    }
    const auto own = m_ownWrites.constFind(path);
    if (own != m_ownWrites.constEnd() && *own == fileHash(path))
        return;
    rewatch();
    if (!QFileInfo::exists(path))
        return;
    if (isModified()) {
        emit externalChangeConflict(path);
        return;
    }
    m_undoStack->clear();
    emit reloadedFromDisk(path);
}

} // namespace preflight::ui
