#include "CliRunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

// `preflight-cli request` prints the request a call becomes, exits 2 on calls the API would refuse.
class TestCliRequest : public QObject
{
    Q_OBJECT

private slots:
    void printsTrackEventAsJson()
    {
        const CliResult result =
            runCli({u"request"_s, u"--api"_s, u"track-v1"_s, u"--call"_s, u"track"_s, u"--email"_s,
                    u"a+b@x.co"_s, u"--name"_s, u"Order Completed"_s, u"--data"_s, u"{\"total\":3}"_s,
                    u"--timestamp"_s, u"2026-11-22T19:00:00Z"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(json[u"method"_s].toString(), u"POST"_s);
        QCOMPARE(json[u"url"_s].toString(),
                 u"https://track.customer.io/api/v1/customers/a%2Bb%40x.co/events"_s);
        QCOMPARE(json[u"body"_s].toString(),
                 u"{\"data\":{\"total\":3},\"name\":\"Order Completed\",\"timestamp\":1795374000}"_s);
        QVERIFY(result.out.contains(u"Basic [redacted]"_s));
    }

    void printsEveryFormatAndRegion_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http eu") << QStringList{u"--api"_s,    u"track-v2"_s, u"--call"_s,   u"delete"_s,
                                                u"--id"_s,     u"42"_s,       u"--region"_s, u"eu"_s,
                                                u"--format"_s, u"http"_s}
                                 << u"POST /api/v2/entity HTTP/1.1\r\nHost: track-eu.customer.io\r\n"_s;
        QTest::newRow("curl pipelines")
            << QStringList{u"--api"_s, u"pipelines"_s,      u"--call"_s, u"identify"_s, u"--id"_s,
                           u"42"_s,    u"--anonymous-id"_s, u"anon-1"_s, u"--format"_s, u"curl"_s}
            << u"curl -X POST 'https://cdp.customer.io/v1/identify'"_s;
        QTest::newRow("merge")
            << QStringList{u"--call"_s, u"merge"_s, u"--id"_s, u"1"_s, u"--secondary-email"_s, u"old@x.co"_s}
            << u"{\\\"primary\\\":{\\\"id\\\":\\\"1\\\"},\\\"secondary\\\":{\\\"email\\\":\\\"old@x.co\\\"}}"_s;
        QTest::newRow("add device") << QStringList{u"--call"_s,         u"add-device"_s,
                                                   u"--id"_s,           u"1"_s,
                                                   u"--device-token"_s, u"tok"_s,
                                                   u"--platform"_s,     u"ios"_s}
                                    << u"/api/v1/customers/1/devices"_s;
        QTest::newRow("sandbox origin") << QStringList{u"--call"_s, u"suppress"_s, u"--id"_s,
                                                       u"1"_s,      u"--origin"_s, u"http://127.0.0.1:8080"_s}
                                        << u"http://127.0.0.1:8080/api/v1/customers/1/suppress"_s;
    }

    void printsEveryFormatAndRegion()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        arguments.prepend(u"request"_s);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(expected), qPrintable(result.out));
        QVERIFY(result.out.contains(u"[redacted]"_s));
    }

    void readsDataFromAFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"data.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"cart_id":"c-1"})");
        file.close();
        const CliResult result =
            runCli({u"request"_s, u"--call"_s, u"track"_s, u"--id"_s, u"1"_s, u"--name"_s, u"Cart Updated"_s,
                    u"--data"_s, u"@"_s + file.fileName()});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"cart_id"_s));
    }

    void exitsTwoWhenTheCallIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("blank event name") << QStringList{u"--call"_s, u"track"_s, u"--id"_s, u"1"_s}
                                          << u"/name: event name must not be blank [event_name_blank]"_s;
        QTest::newRow("name over 100 bytes")
            << QStringList{u"--call"_s, u"track"_s, u"--id"_s, u"1"_s, u"--name"_s, QString(101, u'n')}
            << u"event name cannot be longer than 100 bytes"_s;
        QTest::newRow("milliseconds")
            << QStringList{u"--call"_s, u"track"_s, u"--id"_s,        u"1"_s,
                           u"--name"_s, u"x"_s,     u"--timestamp"_s, u"1700000000000"_s}
            << u"--timestamp: 1700000000000 has 13 digits: that is milliseconds"_s;
        QTest::newRow("no identifier") << QStringList{u"--call"_s, u"identify"_s}
                                       << u"id attribute must be present [identifier_missing]"_s;
        QTest::newRow("unsupported") << QStringList{u"--call"_s, u"alias"_s, u"--id"_s, u"1"_s}
                                     << u"the Track API v1 has no alias call [unsupported_call]"_s;
        QTest::newRow("bad json") << QStringList{u"--call"_s, u"identify"_s, u"--id"_s,
                                                 u"1"_s,      u"--data"_s,   u"{"_s}
                                  << u"--data"_s;
        QTest::newRow("unknown call") << QStringList{u"--call"_s, u"fly"_s} << u"unknown call \"fly\""_s;
        QTest::newRow("unknown api") << QStringList{u"--api"_s, u"v3"_s, u"--call"_s, u"track"_s}
                                     << u"--api"_s;
    }

    void exitsTwoWhenTheCallIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        arguments.prepend(u"request"_s);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void documentsItsFlagsInHelp()
    {
        const CliResult result = runCli({u"request"_s, u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        for (const QString &flag : {u"--api"_s, u"--call"_s, u"--timestamp-format"_s, u"--secondary-id"_s,
                                    u"--device-token"_s, u"--format"_s, u"--batch"_s})
            QVERIFY2(result.out.contains(flag), qPrintable(flag));
    }
};

QTEST_GUILESS_MAIN(TestCliRequest)
#include "TestCliRequest.moc"
