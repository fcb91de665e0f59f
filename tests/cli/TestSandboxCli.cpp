#include "CliRunner.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include <csignal>

// preflight-cli sandbox serve: arguments, banner, a live line per request, clean stop on SIGTERM.
class TestSandboxCli : public QObject
{
    Q_OBJECT

private slots:
    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no subcommand") << QStringList{"sandbox"};
        QTest::newRow("unknown subcommand") << QStringList{"sandbox", "launch"};
        QTest::newRow("bad port") << QStringList{"sandbox", "serve", "--port", "99999"};
        QTest::newRow("bad faults") << QStringList{"sandbox", "serve", "--faults", "teapot=5%"};
        QTest::newRow("missing plan") << QStringList{"sandbox", "serve", "--plan", "/no/such.plan.json"};
    }
    void refusesBadArguments()
    {
        QFETCH(QStringList, arguments);
        CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(!result.err.isEmpty());
    }

    void printsHelp()
    {
        CliResult result = runCli({"sandbox", "serve", "--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("--faults"));
        QVERIFY(result.out.contains("--db"));
    }

    void servesPrintsActivityAndStopsOnSigterm()
    {
        QProcess sandbox;
        sandbox.start(QStringLiteral(PREFLIGHT_CLI_PATH), {"sandbox", "serve", "--port", "0"});
        QVERIFY(sandbox.waitForStarted());
        QString output;
        QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
        QString origin;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                sandbox.waitForReadyRead(100);
                output += QString::fromUtf8(sandbox.readAllStandardOutput());
                auto match = listening.match(output);
                origin = match.hasMatch() ? match.captured(1) : QString();
                return !origin.isEmpty() && output.contains("Ctrl+C");
            }(),
            10000);
        QVERIFY(output.contains("preflight-site"));
        QVERIFY(output.contains("preflight-write-key"));

        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(origin + "/api/v1/customers/cli-person/events"));
        request.setRawHeader("Authorization",
                             "Basic " + QByteArray("preflight-site:preflight-api-key").toBase64());
        request.setRawHeader("Content-Type", "application/json");
        QNetworkReply *reply = network.post(request, R"({"name":"cli_event"})");
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QTRY_VERIFY_WITH_TIMEOUT(
            (output += QString::fromUtf8(sandbox.readAllStandardOutput())).contains("event=cli_event"), 5000);

        ::kill(static_cast<pid_t>(sandbox.processId()), SIGTERM);
        QVERIFY(sandbox.waitForFinished(5000));
        QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sandbox.exitCode(), 0);
        QVERIFY(QString::fromUtf8(sandbox.readAllStandardOutput()).contains("Sandbox stopped"));
        reply->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "TestSandboxCli.moc"
