#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

// Both executables print the version from one place: project(VERSION) in the top-level CMakeLists.txt,
// followed by `git describe` in parentheses when built from a checkout.
class TestVersion : public QObject
{
    Q_OBJECT

    static QString versionLine(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForFinished(30'000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0)
            return u"<'%1 %2' failed: %3>"_s.arg(program, arguments.join(u' '),
                                                 QString::fromUtf8(process.readAllStandardError()));
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

private slots:
    void printsTheCMakeProjectVersion_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("name");
        QTest::newRow("preflight-cli --version")
            << QStringLiteral(PREFLIGHT_CLI_PATH) << QStringList{u"--version"_s} << u"preflight-cli"_s;
        QTest::newRow("preflight-cli version")
            << QStringLiteral(PREFLIGHT_CLI_PATH) << QStringList{u"version"_s} << u"preflight-cli"_s;
#ifdef PREFLIGHT_GUI_PATH
        QTest::newRow("preflight --version")
            << QStringLiteral(PREFLIGHT_GUI_PATH) << QStringList{u"--version"_s} << u"preflight"_s;
#endif
    }

    void printsTheCMakeProjectVersion()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QString, name);
        const QString line = versionLine(program, arguments);
        const QString version = QStringLiteral(PREFLIGHT_PROJECT_VERSION);
        // "<name> 0.1.0" or "<name> 0.1.0 (v0.1.0-3-gabcdef)"
        QVERIFY2(line == name + u' ' + version || line.startsWith(name + u' ' + version + u" ("_s),
                 qPrintable(u"got '%1', expected '%2 %3[ (git describe)]'"_s.arg(line, name, version)));
    }

    void bothExecutablesPrintTheSameVersion()
    {
#ifndef PREFLIGHT_GUI_PATH
        QSKIP("the console is not built (PREFLIGHT_BUILD_GUI=OFF)");
#else
        const QString cli = versionLine(QStringLiteral(PREFLIGHT_CLI_PATH), {u"--version"_s});
        const QString gui = versionLine(QStringLiteral(PREFLIGHT_GUI_PATH), {u"--version"_s});
        QVERIFY2(cli.startsWith(u"preflight-cli "_s), qPrintable(cli));
        QVERIFY2(gui.startsWith(u"preflight "_s), qPrintable(gui));
        QCOMPARE(gui.mid(qsizetype(sizeof("preflight ") - 1)),
                 cli.mid(qsizetype(sizeof("preflight-cli ") - 1)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestVersion)
#include "TestVersion.moc"
