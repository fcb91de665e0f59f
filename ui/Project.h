#pragma once

#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <QStringList>

class QFileSystemWatcher;
class QUndoStack;

namespace preflight::ui {

// A project is a folder of *.plan.json, *.scenario.json and *.journeys.json files. It owns the undo stack
// every editor pushes onto, so "modified" means exactly "the stack is away from its clean state", and it
// watches the folder so edits made outside the console are picked up.
class Project : public QObject
{
    Q_OBJECT

public:
    enum class FileKind { None, Plan, Scenario, Journeys };

    explicit Project(QObject *parent = nullptr);
    ~Project() override;

    Status open(const QString &folder);
    void close();
    Status reload();

    bool isOpen() const { return !m_folder.isEmpty(); }
    QString folder() const { return m_folder; }
    QString name() const;
    QStringList files(FileKind kind) const;
    QStringList allFiles() const;

    QUndoStack *undoStack() const { return m_undoStack; }
    bool isModified() const;

    // Asks every open document to write itself (through saveRequested), then marks the stack clean.
    Status save();
    // Call before writing a project file so the watcher does not mistake our own write for an outside one.
    void noteOwnWrite(const QString &path, const QByteArray &contents);

    static FileKind kindOf(const QString &fileName);
    // A dropped or passed path: a folder is itself, a project file stands for its folder.
    static QString folderFor(const QString &path);
    // Copies the starter files (by default the examples compiled into the console) into an empty or new
    // folder.
    static Status createFromStarter(const QString &targetFolder,
                                    const QString &starterFolder = QStringLiteral(":/examples"));

signals:
    void opened(const QString &folder);
    void closed();
    void filesChanged();
    void modifiedChanged(bool modified);
    // Documents write themselves here; the first failure is reported by save().
    void saveRequested(preflight::Status *status);
    void reloadedFromDisk(const QString &path);
    // A file changed outside while there are unsaved edits: the user decides (reload() or keep editing).
    void externalChangeConflict(const QString &path);

private:
    void scanFolder();
    void rewatch();
    void onPathChanged(const QString &path);

    QString m_folder;
    QStringList m_files;
    QUndoStack *m_undoStack;
    QFileSystemWatcher *m_watcher = nullptr;
    QHash<QString, QByteArray> m_seen; // path -> hash of the contents last loaded or written by us
};

} // namespace preflight::ui
