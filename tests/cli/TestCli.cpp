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

    void rejectsUnknownCommandWithExitCode2()
    {
        const CliResult result = runCli({u"frobnicate"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"unknown command 'frobnicate'"_s));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
