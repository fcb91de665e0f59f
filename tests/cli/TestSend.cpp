#include "CliRunner.h"
#include "support/EnvironmentOverride.h"
#include "support/FaultServer.h"
#include "support/HelperChecks.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

// The send path end to end: the real preflight-cli against a loopback server that stands in for the
// workspace (the fault-injecting double at the I/O boundary).
class TestSend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_outbox;

    void writeCalls(const QString &path, int count, const QString &idPrefix = QStringLiteral("p"))
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < count; ++i) {
            QJsonObject call{{"kind", "track"},
                             {"identity", QJsonObject{{"id", idPrefix + QString::number(i % 7)}}},
                             {"name", "viewed_product"},
                             {"properties", QJsonObject{{"n", i}}}};
            if (i % 2 == 0) // the other half get ids derived from their line
                call.insert(QStringLiteral("dedupe_id"),
                            QStringLiteral("01J%1").arg(i, 23, 10, QLatin1Char('0')));
            file.write(QJsonDocument(call).toJson(QJsonDocument::Compact) + '\n');
        }
    }

    // `send --env sandbox --calls FILE --outbox OUTBOX` and the flags given.
    static QStringList sendArguments(const QString &calls, const QString &outbox,
                                     const QStringList &more = {})
    {
        return QStringList{QStringLiteral("send"),
                           QStringLiteral("--env"),
                           QStringLiteral("sandbox"),
                           QStringLiteral("--calls"),
                           calls,
                           QStringLiteral("--outbox"),
                           outbox} +
               more;
    }

    // Event ids the server received (Track v1 puts the dedupe id in the body's "id").
    static QList<QString> receivedIds(const FaultServer &server)
    {
        QList<QString> ids;
        for (const ReceivedRequest &request : server.received())
            ids.append(QJsonDocument::fromJson(request.body).object().value(QStringLiteral("id")).toString());
        return ids;
    }

private slots:
    void cleanup() { m_env.restore(); }
    void initTestCase()
    {
        m_suiteEnv.set("PREFLIGHT_CONFIG_DIR", m_dir.filePath(QStringLiteral("config")).toUtf8());
        m_suiteEnv.set("PREFLIGHT_DATA_DIR", m_dir.filePath(QStringLiteral("data")).toUtf8());
        m_suiteEnv.set("PREFLIGHT_KEYCHAIN", "off");
    }
    void init()
    {
        m_outbox = m_dir.filePath(QStringLiteral("outbox-%1.sqlite").arg(QTest::currentTestFunction()));
    }

    void resumesAfterSigkillAndEveryCallArrivesOnce()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int index) {
            return index % 13 == 5 ? FaultReply::withStatus(503) : FaultReply::slow(4);
        });
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString calls = m_dir.filePath(QStringLiteral("many.jsonl"));
        PREFLIGHT_CHECKED(writeCalls(calls, 300));
        const QStringList arguments{QStringLiteral("send"),
                                    QStringLiteral("--env"),
                                    QStringLiteral("sandbox"),
                                    QStringLiteral("--calls"),
                                    calls,
                                    QStringLiteral("--outbox"),
                                    m_outbox,
                                    QStringLiteral("--rate"),
                                    QStringLiteral("2000"),
                                    QStringLiteral("--quiet")};
        int kills = 0;
        for (int round = 0; round < 4; ++round) {
            QProcess child;
            child.start(QStringLiteral(PREFLIGHT_CLI_PATH), arguments);
            QVERIFY(child.waitForStarted());
            const int before = server.count();
            const int after = int(QRandomGenerator::global()->bounded(15, 60));
            // Kill once the child has sent something (or after a moment when it is still starting).
            QTRY_VERIFY_WITH_TIMEOUT(
                server.count() >= before + after || child.state() == QProcess::NotRunning, 20000);
            if (child.state() != QProcess::NotRunning) {
                child.kill(); // SIGKILL: no chance to clean up
                ++kills;
            }
            child.waitForFinished();
        }
        QVERIFY(kills > 0);
        const CliResult last = runCli(arguments);
        QCOMPARE(last.exitCode, 0);
        const QList<QString> ids = receivedIds(server);
        const QSet<QString> distinct(ids.begin(), ids.end());
        QCOMPARE(distinct.size(), 300);
        // A repeat can only be a request whose answer the killed process never recorded (at most the
        // requests in flight at each kill, 4) or one a 503 asked to repeat; everything else arrived once.
        int answeredWith503 = 0;
        for (int i = 0; i < server.count(); ++i)
            answeredWith503 += i % 13 == 5;
        QVERIFY2(ids.size() - distinct.size() <= kills * 4 + answeredWith503,
                 qPrintable(QStringLiteral("%1 requests for %2 calls").arg(ids.size()).arg(distinct.size())));
        // Running it again sends nothing: every call is already acknowledged.
        const int total = server.count();
        QCOMPARE(runCli(arguments).exitCode, 0);
        QCOMPARE(server.count(), total);
    }

    // The file is read and rendered one call at a time, yet a refused call anywhere queues nothing: the
    // error names its line and the outbox stays empty, so fixing the file and running again sends each
    // call once.
    void aRefusedCallAnywhereQueuesNothing()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString calls = m_dir.filePath(QStringLiteral("one-bad.jsonl"));
        PREFLIGHT_CHECKED(writeCalls(calls, 40));
        {
            QFile file(calls);
            QVERIFY(file.open(QIODevice::Append));
            file.write(R"({"kind":"track","identity":{"id":"p1"},"name":""})"
                       "\n");
        }
        const QStringList arguments = sendArguments(calls, m_outbox, {QStringLiteral("--quiet")});
        const CliResult refused = runCli(arguments);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(calls + QStringLiteral(":41")), qPrintable(refused.err));
        QCOMPARE(server.count(), 0);
        const CliResult listed = runCli({QStringLiteral("outbox"), QStringLiteral("list"),
                                         QStringLiteral("--json"), QStringLiteral("--outbox"), m_outbox});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.out.trimmed().isEmpty(), qPrintable(listed.out));
    }

    // Events older than 72 hours on arrival never trigger a campaign: send counts them per name before it
    // sends, and --require-trigger refuses the whole file.
    void countsEventsTooOldToTriggerAndCanRefuseThem()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString calls = m_dir.filePath(QStringLiteral("backfill.jsonl"));
        {
            QFile file(calls);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray old = QDateTime::currentDateTimeUtc().addDays(-4).toString(Qt::ISODate).toUtf8();
            const QByteArray recent =
                QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate).toUtf8();
            for (const QByteArray &line :
                 {R"({"kind":"track","identity":{"id":"p1"},"name":"order_completed","occurred_at":")" + old +
                      R"("})",
                  R"({"kind":"track","identity":{"id":"p2"},"name":"order_completed","occurred_at":")" + old +
                      R"("})",
                  R"({"kind":"track","identity":{"id":"p3"},"name":"added_to_cart","occurred_at":")" +
                      recent + R"("})"})
                file.write(line + "\n");
        }
        const QStringList strict =
            sendArguments(calls, m_outbox + QStringLiteral(".strict"),
                          {QStringLiteral("--quiet"), QStringLiteral("--require-trigger")});
        const CliResult refused = runCli(strict);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("2 events are older than 72 hours")) &&
                     refused.err.contains(QStringLiteral("order_completed 2")),
                 qPrintable(refused.err));
        QCOMPARE(server.count(), 0);

        const CliResult sent = runCli(sendArguments(calls, m_outbox, {QStringLiteral("--quiet")}));
        QCOMPARE(sent.exitCode, 0);
        QVERIFY2(sent.err.contains(QStringLiteral("warning: 2 events are older than 72 hours")),
                 qPrintable(sent.err));
        QVERIFY(!sent.err.contains(QStringLiteral("added_to_cart")));
        QCOMPARE(server.count(), 3);
    }

    // A CDP or warehouse export (Pipelines/Segment-style messages) is sent as it stands: each record is read
    // as the Pipelines API reads it, whatever API it goes to; a record the API would refuse names its line.
    void sendsAPipelinesStyleExport()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString calls = m_dir.filePath(QStringLiteral("export.jsonl"));
        auto write = [&](const QList<QByteArray> &lines) {
            QFile file(calls);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            for (const QByteArray &line : lines)
                file.write(line + "\n");
        };
        const QByteArray identify =
            R"({"type":"identify","userId":"u-7","anonymousId":"a-7","traits":{"email":"u7@example.com","plan":"pro"},"receivedAt":"2026-12-01T10:00:01Z"})";
        const QByteArray track =
            R"({"type":"track","userId":"u-7","event":"order_completed","properties":{"order_id":"o-1"},"originalTimestamp":"2026-12-01T10:00:00Z","messageId":"m-1"})";
        PREFLIGHT_CHECKED(write({identify, track}));
        const QStringList arguments = sendArguments(calls, m_outbox, {QStringLiteral("--quiet")});
        const CliResult sent = runCli(arguments);
        QCOMPARE(sent.exitCode, 0);
        QCOMPARE(server.count(), 2);
        const QList<ReceivedRequest> received = server.received();
        QCOMPARE(received[0].method, QByteArray("PUT"));
        QCOMPARE(received[0].path, QByteArray("/api/v1/customers/u-7"));
        const QJsonObject attributes = QJsonDocument::fromJson(received[0].body).object();
        QCOMPARE(attributes.value("email").toString(), QStringLiteral("u7@example.com"));
        QCOMPARE(attributes.value("anonymous_id").toString(), QStringLiteral("a-7"));
        QCOMPARE(received[1].path, QByteArray("/api/v1/customers/u-7/events"));
        const QJsonObject event = QJsonDocument::fromJson(received[1].body).object();
        QCOMPARE(event.value("name").toString(), QStringLiteral("order_completed"));
        QCOMPARE(event.value("id").toString(), QStringLiteral("m-1"));
        // originalTimestamp is when it happened: 2026-12-01T10:00:00Z.
        QCOMPARE(event.value("timestamp").toInteger(), qint64(1796119200));

        PREFLIGHT_CHECKED(write({identify, R"({"type":"track","userId":"u-7","properties":{}})"}));
        const CliResult refused = runCli(arguments);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(calls + QStringLiteral(":2/event")), qPrintable(refused.err));
        PREFLIGHT_CHECKED(write({R"({"type":"batch","batch":[]})"}));
        QVERIFY(runCli(arguments).err.contains(calls + QStringLiteral(":1/type")));
        QCOMPARE(server.count(), 2);
    }

    // --plan checks every call before anything is queued: a call with errors stops the send and says where;
    // --dry-run reads, checks and renders everything and sends nothing.
    void checksEveryCallAgainstThePlanAndCanDryRun()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString plan = QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        const QString calls = m_dir.filePath(QStringLiteral("planned.jsonl"));
        auto write = [&](const QList<QByteArray> &lines) {
            QFile file(calls);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            for (const QByteArray &line : lines)
                file.write(line + "\n");
        };
        const QByteArray good =
            R"({"kind":"track","identity":{"id":"p1"},"name":"product_viewed","properties":{"product_id":"sku-1","price":12.5}})";
        const QByteArray missingPrice =
            R"({"kind":"track","identity":{"id":"p2"},"name":"product_viewed","properties":{"product_id":"sku-2"}})";
        PREFLIGHT_CHECKED(write({good, missingPrice, good}));
        const CliResult refused = runCli(
            sendArguments(calls, m_outbox, {QStringLiteral("--plan"), plan, QStringLiteral("--quiet")}));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(calls + QStringLiteral(":2/properties/price: [error]")) &&
                     refused.err.contains(QStringLiteral("1 call(s) with errors")) &&
                     refused.err.contains(QStringLiteral("nothing was queued")),
                 qPrintable(refused.err));
        QCOMPARE(server.count(), 0);

        PREFLIGHT_CHECKED(write({good, good}));
        const CliResult dry = runCli(
            sendArguments(calls, m_outbox, {QStringLiteral("--plan"), plan, QStringLiteral("--dry-run")}));
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.err.contains(QStringLiteral("dry run: 2 call(s) would be sent to track-v1")) &&
                     dry.err.contains(QStringLiteral("0 call(s) with errors")),
                 qPrintable(dry.err));
        QCOMPARE(server.count(), 0);
        const CliResult listed = runCli({QStringLiteral("outbox"), QStringLiteral("list"),
                                         QStringLiteral("--json"), QStringLiteral("--outbox"), m_outbox});
        QVERIFY2(listed.out.trimmed().isEmpty(), qPrintable(listed.out));

        const CliResult sent = runCli(
            sendArguments(calls, m_outbox, {QStringLiteral("--plan"), plan, QStringLiteral("--quiet")}));
        QCOMPARE(sent.exitCode, 0);
        QCOMPARE(server.count(), 2);
    }

    // CSV backfills: people become identifies and events tracks, each value typed by the plan where it
    // names the column and by the value elsewhere; a value the plan's type refuses names its row and column,
    // and nothing is sent.
    void sendsPeopleAndEventsFromCsv()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString plan = QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        auto write = [&](const QString &path, const QByteArray &text) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text);
        };
        const QString people = m_dir.filePath(QStringLiteral("people.csv"));
        PREFLIGHT_CHECKED(write(people, "id,email,accepts_marketing,lifetime_value,tier\n"
                                        "u-1,u1@example.com,true,120.5,gold\n"
                                        "u-2,,false,0,\n"));
        const CliResult sentPeople = runCli(sendArguments(
            people, m_outbox,
            {QStringLiteral("--csv-kind"), QStringLiteral("people"), QStringLiteral("--quiet")}));
        QCOMPARE(sentPeople.exitCode, 0);
        QCOMPARE(server.count(), 2);
        QList<ReceivedRequest> received = server.received();
        QCOMPARE(received[0].path, QByteArray("/api/v1/customers/u-1"));
        const QJsonObject first = QJsonDocument::fromJson(received[0].body).object();
        QCOMPARE(first.value("email").toString(), QStringLiteral("u1@example.com"));
        QCOMPARE(first.value("accepts_marketing"), QJsonValue(true));
        QCOMPARE(first.value("lifetime_value").toDouble(), 120.5);
        QCOMPARE(first.value("tier").toString(), QStringLiteral("gold"));
        const QJsonObject second = QJsonDocument::fromJson(received[1].body).object();
        QVERIFY(!second.contains("email") && !second.contains("tier")); // empty cells say nothing
        QCOMPARE(second.value("accepts_marketing"), QJsonValue(false));

        const QString events = m_dir.filePath(QStringLiteral("events.csv"));
        PREFLIGHT_CHECKED(
            write(events, "id,name,timestamp,order_id,revenue,note\n"
                          "u-1,order_completed,2026-12-04T10:00:00Z,o-1,68,\"a \"\"quoted\"\", note\"\n"));
        const CliResult sentEvents =
            runCli(sendArguments(events, m_outbox, {QStringLiteral("--csv-kind"), QStringLiteral("events")}));
        QCOMPARE(sentEvents.exitCode, 0);
        QVERIFY2(
            sentEvents.err.contains(QStringLiteral("typed by their values (the plan does not name them): "
                                                   "note string, order_id string, revenue integer")),
            qPrintable(sentEvents.err));
        QCOMPARE(server.count(), 3);
        const QJsonObject event = QJsonDocument::fromJson(server.received()[2].body).object();
        QCOMPARE(event.value("name").toString(), QStringLiteral("order_completed"));
        QCOMPARE(event.value("timestamp").toInteger(), qint64(1796378400));
        const QJsonObject data = event.value("data").toObject();
        QCOMPARE(data.value("revenue").toDouble(), 68.0);
        QCOMPARE(data.value("note").toString(), QStringLiteral("a \"quoted\", note"));

        PREFLIGHT_CHECKED(
            write(events, "id,name,revenue\nu-1,order_completed,68\nu-2,order_completed,abc\n"));
        const CliResult refused =
            runCli(sendArguments(events, m_outbox,
                                 {QStringLiteral("--csv-kind"), QStringLiteral("events"),
                                  QStringLiteral("--plan"), plan, QStringLiteral("--quiet")}));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(events + QStringLiteral(":3 column revenue: \"abc\" is not a number")),
                 qPrintable(refused.err));
        PREFLIGHT_CHECKED(write(events, "id,name\nu-1,\"order_completed\n"));
        const CliResult malformed = runCli(sendArguments(
            events, m_outbox,
            {QStringLiteral("--csv-kind"), QStringLiteral("events"), QStringLiteral("--quiet")}));
        QCOMPARE(malformed.exitCode, 2);
        QCOMPARE(server.count(), 3);
    }

    void productionGuardCannotBeBypassedWithoutTheFlag()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_PROD_SITE_ID", "prod-site");
        m_env.set("PREFLIGHT_PROD_TRACK_API_KEY", "prod-key");
        QCOMPARE(runCli({"env", "add", "prod", "--production", "--origin", server.origin()}).exitCode, 0);
        const QString real =
            "{\"kind\":\"identify\",\"identity\":{\"id\":\"42\"},\"properties\":{\"plan\":\"gold\"}}";
        const QString test = "{\"kind\":\"identify\",\"identity\":{\"id\":\"preflight-test-42\"},"
                             "\"properties\":{\"plan\":\"gold\"}}";
        const QStringList base{"send", "--env", "prod", "--outbox", m_outbox, "--quiet", "--call-json"};
        CliResult refused = runCli(base + QStringList{test});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains(QStringLiteral("--allow-production")));
        QCOMPARE(runCli(base + QStringList{test, "--allow-production=false"}).exitCode,
                 2); // not a value flag
        QCOMPARE(runCli(QStringList{"outbox", "retry", "--outbox", m_outbox, "--quiet"}).exitCode, 0);
        QCOMPARE(server.count(), 0);
        CliResult notTest = runCli(base + QStringList{real, "--allow-production"});
        QCOMPARE(notTest.exitCode, 2);
        QVERIFY(notTest.err.contains(QStringLiteral("preflight-test-")));
        QCOMPARE(server.count(), 0);
        CliResult sent = runCli(base + QStringList{test, "--allow-production"});
        QCOMPARE(sent.exitCode, 0);
        QCOMPARE(server.count(), 1);
        const QJsonObject body = QJsonDocument::fromJson(server.received().first().body).object();
        QCOMPARE(body.value(QStringLiteral("preflight_test")).toBool(), true);
        QCOMPARE(runCli({"env", "remove", "prod"}).exitCode, 0);
    }

    void cleanupDeletesEveryoneItSentNotOnlyTheTagged()
    {
        // Someone who only received events has no preflight_test tag for the App API search to find, so
        // cleanup also deletes everyone the outbox delivered calls to since its last clean-up.
        FaultServer server;
        std::atomic<bool> refuseTrackedOnly = true; // its first delete dies
        server.setScript([&refuseTrackedOnly](const ReceivedRequest &request, int) {
            if (request.method == "POST" && request.path == "/v1/customers")
                return FaultReply::withStatus(200, R"({"identifiers":[{"id":"tagged-elsewhere"}]})");
            if (request.method == "DELETE" && request.path.endsWith("/tracked-only") && refuseTrackedOnly)
                return FaultReply::withStatus(400);
            return FaultReply::withStatus(200);
        });
        m_env.set("PREFLIGHT_CLEAN_SITE_ID", "s");
        m_env.set("PREFLIGHT_CLEAN_TRACK_API_KEY", "k");
        m_env.set("PREFLIGHT_CLEAN_APP_API_KEY", "a");
        QCOMPARE(runCli({"env", "add", "clean", "--origin", server.origin()}).exitCode, 0);
        const QStringList send{"send", "--env", "clean", "--outbox", m_outbox, "--quiet", "--call-json"};
        QCOMPARE(
            runCli(send + QStringList{R"({"kind": "identify", "identity": {"id": "identified"}})"}).exitCode,
            0);
        QCOMPARE(runCli(send + QStringList{R"({"kind": "track", "identity": {"id": "tracked-only"},
                                                "name": "added_to_cart"})"})
                     .exitCode,
                 0);

        const QStringList cleanup{"cleanup", "--env", "clean", "--outbox", m_outbox};
        const CliResult dryRun = runCli(cleanup + QStringList{"--dry-run"});
        QCOMPARE(dryRun.exitCode, 0);
        for (const char *id : {"identified", "tracked-only", "tagged-elsewhere"})
            QVERIFY2(dryRun.out.contains(QStringLiteral("would delete %1\n").arg(id)),
                     qPrintable(dryRun.out));

        const int before = server.count();
        QCOMPARE(runCli(cleanup).exitCode, 1); // tracked-only's delete was refused
        QSet<QByteArray> deleted;
        for (const ReceivedRequest &request : server.received().mid(before)) {
            if (request.method == "DELETE")
                deleted.insert(request.path);
        }
        QCOMPARE(deleted, (QSet<QByteArray>{"/api/v1/customers/identified", "/api/v1/customers/tracked-only",
                                            "/api/v1/customers/tagged-elsewhere"}));

        // The next clean-up leaves out who was deleted, and tries the refused one again.
        refuseTrackedOnly = false;
        const CliResult next = runCli(cleanup + QStringList{"--dry-run"});
        QCOMPARE(next.out, QStringLiteral("would delete tracked-only\nwould delete tagged-elsewhere\n"));
        QCOMPARE(runCli(cleanup).exitCode, 0);
        // Sent again after its delete: deleted again.
        QCOMPARE(runCli(send + QStringList{R"({"kind": "track", "identity": {"id": "identified"},
                                                "name": "added_to_cart"})"})
                     .exitCode,
                 0);
        QCOMPARE(runCli(cleanup + QStringList{"--dry-run"}).out,
                 QStringLiteral("would delete identified\nwould delete tagged-elsewhere\n"));
        QCOMPARE(runCli({"env", "remove", "clean"}).exitCode, 0);
    }

    void deadLettersCanBeListedRetriedAndPurged()
    {
        FaultServer server;
        bool refuse = true;
        QMutex mutex;
        server.setScript([&](const ReceivedRequest &, int) {
            QMutexLocker lock(&mutex);
            return refuse ? FaultReply::withStatus(400,
                                                   "{\"meta\":{\"error\":\"event name must not be blank\"}}")
                          : FaultReply::ok();
        });
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const QString call = "{\"kind\":\"track\",\"identity\":{\"id\":\"p1\"},\"name\":\"x\",\"dedupe_id\":"
                             "\"01J00000000000000000000DL1\"}";
        CliResult sent = runCli({"send", "--outbox", m_outbox, "--quiet", "--call-json", call});
        QCOMPARE(sent.exitCode, 1);
        QVERIFY(sent.out.contains(QStringLiteral("refused (400)")));
        CliResult listed = runCli({"outbox", "list", "--state", "dead", "--json", "--outbox", m_outbox});
        QCOMPARE(listed.exitCode, 0);
        const QJsonObject dead = QJsonDocument::fromJson(listed.out.split('\n').first().toUtf8()).object();
        QCOMPARE(dead.value(QStringLiteral("last_status")).toInt(), 400);
        QVERIFY(dead.value(QStringLiteral("last_response"))
                    .toString()
                    .contains(QStringLiteral("must not be blank")));
        {
            QMutexLocker lock(&mutex);
            refuse = false;
        }
        CliResult retried = runCli({"outbox", "retry", "--outbox", m_outbox, "--quiet"});
        QCOMPARE(retried.exitCode, 0);
        QVERIFY(retried.out.contains(QStringLiteral("acknowledged 1")));
        QCOMPARE(server.count(), 2);
        CliResult purged = runCli({"outbox", "purge", "--outbox", m_outbox});
        QCOMPARE(purged.exitCode, 0);
        QVERIFY(purged.out.contains(QStringLiteral("purged 1")));
        QVERIFY(runCli({"outbox", "list", "--outbox", m_outbox}).out.trimmed().isEmpty());
    }

    void refusedProductionRetryChangesNothing()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int) { return FaultReply::withStatus(400); });
        m_env.set("PREFLIGHT_LIVE_SITE_ID", "live-site");
        m_env.set("PREFLIGHT_LIVE_TRACK_API_KEY", "live-key");
        QCOMPARE(runCli({"env", "add", "live", "--production", "--origin", server.origin()}).exitCode, 0);
        const QString test = "{\"kind\":\"identify\",\"identity\":{\"id\":\"preflight-test-7\"}}";
        QCOMPARE(runCli({"send", "--env", "live", "--outbox", m_outbox, "--quiet", "--allow-production",
                         "--call-json", test})
                     .exitCode,
                 1);
        QCOMPARE(server.count(), 1);
        const QStringList listDead{"outbox", "list", "--state", "dead", "--json", "--outbox", m_outbox};
        const QString before = runCli(listDead).out;
        QVERIFY(before.contains(QStringLiteral("\"dead\"")));

        const CliResult refused =
            runCli({"outbox", "retry", "--env", "live", "--outbox", m_outbox, "--quiet"});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("--allow-production")), qPrintable(refused.err));
        QVERIFY(refused.err.contains(QStringLiteral("nothing was re-queued")));
        QCOMPARE(runCli(listDead).out, before); // the dead letter is untouched
        QCOMPARE(runCli({"outbox", "list", "--state", "pending", "--outbox", m_outbox}).out.trimmed(),
                 QString());
        QCOMPARE(server.count(), 1);
        QCOMPARE(runCli({"env", "remove", "live"}).exitCode, 0);
    }

    void aRefusedConnectionIsSaidInWords()
    {
        // Nothing listens on a port that was just released.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", QStringLiteral("http://127.0.0.1:%1").arg(port).toUtf8());
        const QString call = "{\"kind\":\"identify\",\"identity\":{\"id\":\"p-refused\"}}";
        const CliResult sent =
            runCli({"send", "--outbox", m_outbox, "--quiet", "--max-attempts", "1", "--call-json", call});
        QCOMPARE(sent.exitCode, 1);
        QVERIFY2(sent.out.contains(QStringLiteral("connection refused")), qPrintable(sent.out));
        QVERIFY2(!sent.out.contains(QStringLiteral("(0)")), qPrintable(sent.out));
    }

    void envTestShowsTheRegionAndFlagsAMismatch()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &request, int) {
            if (request.path == "/api/v1/accounts/region" && !request.header("Authorization").isEmpty())
                return FaultReply::withStatus(
                    200, "{\"url\":\"https://track-eu.customer.io\",\"region\":\"eu\",\"environment_id\":1}");
            return FaultReply::withStatus(401);
        });
        m_env.set("PREFLIGHT_STAGE_SITE_ID", "s");
        m_env.set("PREFLIGHT_STAGE_TRACK_API_KEY", "k");
        QCOMPARE(runCli({"env", "add", "stage", "--region", "us", "--origin", server.origin()}).exitCode, 0);
        CliResult mismatch = runCli({"env", "test", "stage"});
        QCOMPARE(mismatch.exitCode, 1);
        QVERIFY(mismatch.err.contains(QStringLiteral("'eu'")));
        QCOMPARE(runCli({"env", "add", "stage", "--region", "eu", "--origin", server.origin()}).exitCode, 0);
        CliResult ok = runCli({"env", "test", "stage"});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(ok.out.contains(QStringLiteral("region eu")));
        QVERIFY(runCli({"env", "list"}).out.contains(QStringLiteral("stage  workspace  eu")));
        QCOMPARE(runCli({"env", "remove", "stage"}).exitCode, 0);
    }

    void sendsOneCallGivenByTheRequestFlags()
    {
        FaultServer server;
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", server.origin().toUtf8());
        const CliResult result =
            runCli({"send", "--outbox", m_outbox, "--quiet", "--api", "track-v1", "--call", "track", "--id",
                    "p9", "--name", "added_to_cart", "--data", "{\"cart_id\":\"c1\"}"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(server.count(), 1);
        QCOMPARE(server.received().first().path, QByteArray("/api/v1/customers/p9/events"));
        const QJsonObject body = QJsonDocument::fromJson(server.received().first().body).object();
        QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("added_to_cart"));
        QVERIFY(
            !body.value(QStringLiteral("id")).toString().isEmpty()); // a derived dedupe id went on the wire
    }

    void failsClearlyWithoutCredentialsNamingTheVariables()
    {
        QCOMPARE(runCli({"env", "add", "nocreds", "--origin", "http://127.0.0.1:9"}).exitCode, 0);
        CliResult result = runCli({"send", "--env", "nocreds", "--outbox", m_outbox, "--call-json",
                                   "{\"kind\":\"track\",\"identity\":{\"id\":\"p\"},\"name\":\"x\"}"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("PREFLIGHT_NOCREDS_TRACK_API_KEY")));
    }

    // Runs last: scans everything the other tests and this one printed or wrote.
    void secretsNeverAppearInOutputOrFiles()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &request, int) {
            return request.body.contains("bad") ? FaultReply::withStatus(400, "{}") : FaultReply::ok();
        });
        const QByteArray siteId = "site-77aa";
        const QByteArray apiKey = "trk-secret-5c1b2e";
        m_env.set("PREFLIGHT_SCAN_SITE_ID", siteId);
        m_env.set("PREFLIGHT_SCAN_TRACK_API_KEY", apiKey);
        QString printed;
        auto run = [&](const QStringList &arguments) {
            const CliResult result = runCli(arguments);
            printed += result.out + result.err;
            return result;
        };
        run({"env", "add", "scan", "--origin", server.origin()});
        run({"env", "list"});
        run({"env", "test", "scan"});
        run({"send", "--env", "scan", "--outbox", m_outbox, "--call-json",
             "{\"kind\":\"track\",\"identity\":{\"id\":\"preflight-test-1\"},\"name\":\"bad\"}"});
        run({"send", "--env", "scan", "--outbox", m_outbox, "--call-json",
             "{\"kind\":\"identify\",\"identity\":{\"id\":\"preflight-test-1\"},\"properties\":{\"a\":1}}"});
        run({"outbox", "list", "--json", "--outbox", m_outbox});
        run({"outbox", "list", "--outbox", m_outbox});
        QVERIFY(server.count() >= 3);
        const QByteArray wire = QByteArray("Basic ") + (siteId + ':' + apiKey).toBase64();
        QCOMPARE(server.received().last().header("Authorization"), wire); // the secret was really used
        const QList<QByteArray> secrets{apiKey, (siteId + ':' + apiKey).toBase64(), wire};
        for (const QByteArray &secret : secrets)
            QVERIFY2(!printed.toUtf8().contains(secret), "a secret was printed");
        QDirIterator files(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            ++scanned;
            for (const QByteArray &secret : secrets)
                QVERIFY2(!content.contains(secret),
                         qPrintable(QStringLiteral("a secret is in ") + file.fileName()));
        }
        QVERIFY(scanned >= 3); // settings, outbox and its WAL at least
    }

private:
    preflight::test::EnvironmentOverride m_suiteEnv; // initTestCase's, put back at the end
    preflight::test::EnvironmentOverride m_env;      // one test's, put back in cleanup()
};

QTEST_GUILESS_MAIN(TestSend)
#include "TestSend.moc"
