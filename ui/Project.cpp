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
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
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
    m_seen.clear();
    m_undoStack->clear();
    emit closed();
}

Status Project::reload()
{
    if (!isOpen())
        return Error{"project_not_open", "no project is open", {}};
    m_undoStack->clear();
    m_seen.clear();
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
    m_seen.insert(path, contentHash(contents));
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
        QFile::setPermissions(destination,
                              QFile::permissions(destination) | QFile::WriteOwner | QFile::ReadOwner);
        ++copied;
    }
    if (copied == 0)
        return Error{"starter_missing", "no starter files were found", starterFolder.toStdString()};
    return Ok{};
}

void Project::scanFolder()
{
    m_files.clear();
    QHash<QString, QByteArray> seen;
    const QDir dir(m_folder);
    const QStringList names = dir.entryList(
        {QStringLiteral("*.plan.json"), QStringLiteral("*.scenario.json"), QStringLiteral("*.journeys.json")},
        QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        m_files << path;
        // Files already known keep their last seen contents so a change is still noticed after the rescan.
        seen.insert(path, m_seen.contains(path) ? m_seen.value(path) : fileHash(path));
    }
    m_seen = seen;
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
    // Editors (and our own savers) often write by rename, which fires the folder's signal and drops the
    // watch on the file; so both signals end here and compare contents with what was last seen.
    if (path == m_folder)
        scanFolder();
    rewatch();
    const QStringList candidates = path == m_folder ? m_files : QStringList{path};
    for (const QString &file : candidates) {
        if (!QFileInfo::exists(file))
            continue;
        const QByteArray hash = fileHash(file);
        const auto seen = m_seen.constFind(file);
        if (seen != m_seen.constEnd() && *seen == hash)
            continue;
        m_seen.insert(file, hash);
        if (isModified()) {
            emit externalChangeConflict(file);
            continue;
        }
        m_undoStack->clear();
        emit reloadedFromDisk(file);
    }
}

} // namespace preflight::ui
