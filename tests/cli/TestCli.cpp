#include "CliRunner.h"

using namespace Qt::StringLiterals;

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void printsVersion()
    {
        const CliResult result = runCli({u"--version"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(u"preflight-cli "_s));
    }

    void listsCommandsInHelp()
    {
        const CliResult result = runCli({u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"Commands:"_s));
    }

    // Every command parses through one place: -h/--help print its usage and exit 0; an unknown option or
    // a wrong number of arguments exits 2 and names the command.
    void everyCommandHasHelpAndRefusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QStringList>("badArguments");
        QTest::addColumn<QString>("error");
        const QStringList none;
        QTest::newRow("run") << QStringList{u"run"_s} << none << u"run: expected at least 1 argument(s)"_s;
        QTest::newRow("sandbox serve") << QStringList{u"sandbox"_s, u"serve"_s} << QStringList{u"extra"_s}
                                       << u"sandbox serve: unexpected argument 'extra'"_s;
        QTest::newRow("request") << QStringList{u"request"_s} << QStringList{u"stray"_s}
                                 << u"request: unexpected argument 'stray'"_s;
        QTest::newRow("send") << QStringList{u"send"_s} << QStringList{u"--no-such-flag"_s}
                              << u"send: Unknown option 'no-such-flag'"_s;
        QTest::newRow("simulate") << QStringList{u"simulate"_s} << QStringList{u"x.jsonl"_s}
                                  << u"simulate: unexpected argument 'x.jsonl'"_s;
        QTest::newRow("env") << QStringList{u"env"_s} << QStringList{u"add"_s, u"a"_s, u"b"_s}
                             << u"env: expected 0 to 2 arguments"_s;
        QTest::newRow("outbox") << QStringList{u"outbox"_s} << QStringList{u"--bogus"_s}
                                << u"outbox: Unknown option 'bogus'"_s;
        QTest::newRow("cleanup") << QStringList{u"cleanup"_s} << QStringList{u"someone"_s}
                                 << u"cleanup: unexpected argument 'someone'"_s;
        QTest::newRow("lint") << QStringList{u"lint"_s} << none << u"lint: expected 1 argument(s)"_s;
        QTest::newRow("validate") << QStringList{u"validate"_s} << none << u"validate: expected"_s;
    }

    void everyCommandHasHelpAndRefusesBadArguments()
    {
        QFETCH(QStringList, command);
        QFETCH(QStringList, badArguments);
        QFETCH(QString, error);
        for (const QString &help : {u"--help"_s, u"-h"_s}) {
            const CliResult shown = runCli(command + QStringList{help});
            QCOMPARE(shown.exitCode, 0);
            QVERIFY2(shown.out.startsWith(u"Usage: preflight-cli "_s + command.join(u' ')),
                     qPrintable(shown.out));
        }
        const CliResult refused = runCli(command + badArguments);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(error), qPrintable(refused.err));
    }

    void rejectsUnknownCommandWithExitCode2()
    {
        const CliResult result = runCli({u"frobnicate"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"unknown command 'frobnicate'"_s));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
