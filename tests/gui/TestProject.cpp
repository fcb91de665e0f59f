#include "GuiTestSupport.h"
#include "Project.h"
#include "support/HelperChecks.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QUndoCommand>
#include <QUndoStack>

using preflight::ui::Project;

namespace {

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(contents);
}

// Any edit will do to make the project "modified".
class NoteCommand : public QUndoCommand
{
public:
    NoteCommand() : QUndoCommand(QStringLiteral("note")) {}
    void undo() override {}
    void redo() override {}
};

} // namespace

class TestProject : public QObject
{
    Q_OBJECT

private slots:
    void classifiesFilesByTheirSuffix_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::newRow("plan") << "d2c.plan.json" << int(Project::FileKind::Plan);
        QTest::newRow("scenario") << "cart-recovery.scenario.json" << int(Project::FileKind::Scenario);
        QTest::newRow("journeys") << "d2c.journeys.json" << int(Project::FileKind::Journeys);
        QTest::newRow("plain json") << "package.json" << int(Project::FileKind::None);
        QTest::newRow("suffix only in the middle") << "a.plan.json.bak" << int(Project::FileKind::None);
    }
    void classifiesFilesByTheirSuffix()
    {
        QFETCH(QString, name);
        QFETCH(int, kind);
        QCOMPARE(int(Project::kindOf(name)), kind);
    }

    void opensAFolderAndListsItsProjectFiles()
    {
        QTemporaryDir dir;
        PREFLIGHT_CHECKED(writeFile(dir.filePath("d2c.plan.json"), "{}\n"));
        PREFLIGHT_CHECKED(writeFile(dir.filePath("cart.scenario.json"), "{}\n"));
        PREFLIGHT_CHECKED(writeFile(dir.filePath("d2c.journeys.json"), "{}\n"));
        PREFLIGHT_CHECKED(writeFile(dir.filePath("notes.txt"), "ignored\n"));
        Project project;
        QVERIFY(project.open(dir.path()).ok());
        QCOMPARE(project.allFiles().size(), 3);
        QCOMPARE(project.files(Project::FileKind::Plan).size(), 1);
        QVERIFY(project.files(Project::FileKind::Scenario).first().endsWith("cart.scenario.json"));
        QVERIFY(!project.isModified());
    }

    void rejectsAMissingFolder()
    {
        Project project;
        const auto status = project.open(QStringLiteral("/nonexistent/preflight-project"));
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, std::string("project_not_a_folder"));
        QVERIFY(!project.isOpen());
    }

    void aProjectFileStandsForItsFolder()
    {
        QTemporaryDir dir;
        PREFLIGHT_CHECKED(writeFile(dir.filePath("d2c.plan.json"), "{}\n"));
        QCOMPARE(Project::folderFor(dir.filePath("d2c.plan.json")), QDir(dir.path()).absolutePath());
        QCOMPARE(Project::folderFor(dir.path()), QDir(dir.path()).absolutePath());
        PREFLIGHT_CHECKED(writeFile(dir.filePath("notes.txt"), "x"));
        QVERIFY(Project::folderFor(dir.filePath("notes.txt")).isEmpty());
    }

    void createsAProjectFromTheStarterFiles()
    {
        QTemporaryDir starter;
        PREFLIGHT_CHECKED(writeFile(starter.filePath("d2c.plan.json"), "{\"events\": []}\n"));
        PREFLIGHT_CHECKED(writeFile(starter.filePath("cart.scenario.json"), "{}\n"));
        QTemporaryDir parent;
        const QString target = parent.filePath("new-project");
        QVERIFY(Project::createFromStarter(target, starter.path()).ok());
        Project project;
        QVERIFY(project.open(target).ok());
        QCOMPARE(project.allFiles().size(), 2);
        QVERIFY(QFileInfo(target + "/d2c.plan.json").isWritable());
    }

    void theD2cStarterIsCompiledIn()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath("d2c");
        QVERIFY(Project::createFromStarter(target).ok());
        Project project;
        QVERIFY(project.open(target).ok());
        QCOMPARE(project.files(Project::FileKind::Plan).size(), 1);
        QVERIFY(project.files(Project::FileKind::Plan).first().endsWith("d2c.plan.json"));
    }

    void refusesToCreateAStarterProjectInANonEmptyFolder()
    {
        QTemporaryDir starter;
        PREFLIGHT_CHECKED(writeFile(starter.filePath("d2c.plan.json"), "{}\n"));
        QTemporaryDir target;
        PREFLIGHT_CHECKED(writeFile(target.filePath("existing.txt"), "keep me\n"));
        const auto status = Project::createFromStarter(target.path(), starter.path());
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, std::string("project_folder_not_empty"));
    }

    void undoStackDecidesWhetherTheProjectIsModified()
    {
        QTemporaryDir dir;
        Project project;
        QVERIFY(project.open(dir.path()).ok());
        QSignalSpy modified(&project, &Project::modifiedChanged);
        project.undoStack()->push(new NoteCommand);
        QVERIFY(project.isModified());
        project.undoStack()->undo();
        QVERIFY(!project.isModified());
        QCOMPARE(modified.size(), 2);
    }

    void reloadsAFileChangedOnDiskWhenThereAreNoEdits()
    {
        QTemporaryDir dir;
        const QString plan = dir.filePath("d2c.plan.json");
        PREFLIGHT_CHECKED(writeFile(plan, "{}\n"));
        Project project;
        QVERIFY(project.open(dir.path()).ok());
        QSignalSpy reloaded(&project, &Project::reloadedFromDisk);
        QSignalSpy conflict(&project, &Project::externalChangeConflict);
        PREFLIGHT_CHECKED(writeFile(plan, "{\"version\": 2}\n"));
        QVERIFY(reloaded.wait(3000));
        QCOMPARE(conflict.size(), 0);
    }

    void reportsAConflictWhenAFileChangesUnderUnsavedEdits()
    {
        QTemporaryDir dir;
        const QString plan = dir.filePath("d2c.plan.json");
        PREFLIGHT_CHECKED(writeFile(plan, "{}\n"));
        Project project;
        QVERIFY(project.open(dir.path()).ok());
        project.undoStack()->push(new NoteCommand);
        QSignalSpy reloaded(&project, &Project::reloadedFromDisk);
        QSignalSpy conflict(&project, &Project::externalChangeConflict);
        PREFLIGHT_CHECKED(writeFile(plan, "{\"version\": 2}\n"));
        QVERIFY(conflict.wait(3000));
        QCOMPARE(reloaded.size(), 0);
        QVERIFY(project.isModified());
    }

    void ignoresItsOwnWrites()
    {
        QTemporaryDir dir;
        const QString plan = dir.filePath("d2c.plan.json");
        PREFLIGHT_CHECKED(writeFile(plan, "{}\n"));
        Project project;
        QVERIFY(project.open(dir.path()).ok());
        QSignalSpy reloaded(&project, &Project::reloadedFromDisk);
        const QByteArray contents = "{\"version\": 3}\n";
        project.noteOwnWrite(plan, contents);
        PREFLIGHT_CHECKED(writeFile(plan, contents));
        QVERIFY(!reloaded.wait(500));
    }

    void picksUpFilesAddedToTheFolder()
    {
        QTemporaryDir dir;
        Project project;
        QVERIFY(project.open(dir.path()).ok());
        QSignalSpy changed(&project, &Project::filesChanged);
        PREFLIGHT_CHECKED(writeFile(dir.filePath("new.scenario.json"), "{}\n"));
        QTRY_COMPARE_WITH_TIMEOUT(project.files(Project::FileKind::Scenario).size(), 1, 3000);
        QVERIFY(changed.size() >= 1);
    }
};

QTEST_MAIN(TestProject)
#include "TestProject.moc"
