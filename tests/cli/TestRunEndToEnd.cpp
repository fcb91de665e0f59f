#include "CliRunner.h"
#include "support/EnvironmentOverride.h"
#include "support/HelperChecks.h"

#include "api/Dialect.h"
#include "common/Json.h"
#include "outbox/Outbox.h"
#include "outbox/ReadBack.h"
#include "runner/DeliveryTarget.h"
#include "runner/OutboxDrain.h"
#include "scenario/ScenarioResult.h"

#include <QDateTime>

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// `run` and `send` end to end over real loopback against the real sandbox: an in-process one (the
// built-in sandbox with no origin) or a `preflight-cli sandbox serve` child.
using namespace preflight;

class TestRunEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_examples = QStringLiteral(PREFLIGHT_EXAMPLES_DIR);

    // A `preflight-cli sandbox serve` child on a free port; its origin read from the banner.
    struct ServeChild {
        std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
        QString origin;
    };
    static ServeChild startServe(const QStringList &extra)
    {
        ServeChild child;
        child.process->start(QStringLiteral(PREFLIGHT_CLI_PATH),
                             QStringList{"sandbox", "serve", "--port", "0", "--quiet"} + extra);
        if (!child.process->waitForStarted())
            return child;
        QString banner;
        const QRegularExpression pattern(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
        for (int i = 0; i < 100 && child.origin.isEmpty(); ++i) {
            child.process->waitForReadyRead(100);
            banner += QString::fromUtf8(child.process->readAllStandardOutput());
            const auto match = pattern.match(banner);
            if (match.hasMatch())
                child.origin = match.captured(1);
        }
        return child;
    }
    static void stop(ServeChild &child)
    {
        child.process->terminate();
        if (!child.process->waitForFinished(5000))
            child.process->kill();
        child.process->waitForFinished();
    }
    static QJsonObject getJson(const QString &url)
    {
        QNetworkAccessManager manager;
        QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(url)));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return object;
    }
    // Accepted track events per event id in the sandbox's activity (the body's "id" is the dedupe id).
    static QMap<QString, int> acceptedEventsByPerson(const QString &origin)
    {
        const QJsonObject answer = getJson(origin + "/preflight/activity?outcome=accepted&limit=100000");
        QMap<QString, int> counts;
        for (const QJsonValue &entry : answer.value(QStringLiteral("activity")).toArray())
            counts[entry.toObject().value(QStringLiteral("person")).toString()] += 1;
        return counts;
    }
    static int acceptedCount(const QString &origin)
    {
        return getJson(origin + "/preflight/activity/count?outcome=accepted")
            .value(QStringLiteral("count"))
            .toInt();
    }
    void writeCalls(const QString &path, int count)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < count; ++i) {
            // One person per call, so that "each person has one accepted event" means "each call landed
            // once".
            const QJsonObject call{{"kind", "track"},
                                   {"identity", QJsonObject{{"id", QStringLiteral("person-%1").arg(i)}}},
                                   {"name", "viewed_product"},
                                   {"properties", QJsonObject{{"n", i}}}};
            file.write(QJsonDocument(call).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    // A sandbox of the command's own, even when one happens to listen on the default port.
    void clearOrigin() { m_env.set("PREFLIGHT_SANDBOX_ORIGIN", "in-process"); }

private slots:
    void cleanup() { m_env.restore(); }
    void initTestCase()
    {
        m_suiteEnv.set("PREFLIGHT_CONFIG_DIR", m_dir.filePath(QStringLiteral("config")).toUtf8());
        m_suiteEnv.set("PREFLIGHT_DATA_DIR", m_dir.filePath(QStringLiteral("data")).toUtf8());
        m_suiteEnv.set("PREFLIGHT_KEYCHAIN", "off");
        clearOrigin();
    }

    void cartRecoveryPassesAgainstAnInProcessSandbox()
    {
        const CliResult result =
            runCli({"run", m_examples + "/cart-recovery.scenario.json", "--run-id", "e2e-1"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(QStringLiteral("Delivery to sandbox (in-process, http://127.0.0.1:")),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("track added_to_cart")) &&
                     result.out.contains(QStringLiteral(": visible")),
                 qPrintable(result.out));
        QVERIFY(!result.out.contains(QStringLiteral(": missing")));
        QVERIFY(result.out.contains(QStringLiteral("Result: PASSED")));
    }

    void latePurchaseFailsShowsTheLeakedSendAndWritesReports()
    {
        const QString junit = m_dir.filePath(QStringLiteral("late.xml"));
        const QString report = m_dir.filePath(QStringLiteral("late.json"));
        const CliResult result = runCli(
            {"run", m_examples + "/late-purchase.scenario.json", "--junit", junit, "--report", report});
        QVERIFY2(result.exitCode == 1, qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(QStringLiteral("FAIL")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("sent")), qPrintable(result.out));
        QFile xml(junit);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        const QByteArray xmlText = xml.readAll();
        QVERIFY(xmlText.contains("<failure"));
        QVERIFY(xmlText.contains("Delivery to sandbox"));
        QFile json(report);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject scenario = QJsonDocument::fromJson(json.readAll())
                                         .object()
                                         .value(QStringLiteral("scenarios"))
                                         .toArray()
                                         .at(0)
                                         .toObject();
        QCOMPARE(scenario.value(QStringLiteral("passed")).toBool(), false);
        const QJsonArray deliveries = scenario.value(QStringLiteral("deliveries")).toArray();
        QVERIFY(!deliveries.isEmpty());
        for (const QJsonValue &delivery : deliveries) {
            const QString state = delivery.toObject().value(QStringLiteral("state")).toString();
            QVERIFY2(state == u"visible" || state == u"acknowledged", qPrintable(state));
        }
        // Each delivery keeps its request, redacted, and the report reads back as requests to inspect.
        for (const QJsonValue &delivery : deliveries) {
            const QJsonObject request = delivery.toObject().value(QStringLiteral("request")).toObject();
            const QString method = request.value(QStringLiteral("method")).toString();
            QVERIFY2(method == u"PUT" || method == u"POST", qPrintable(method)); // identify, track
            bool redacted = false;
            for (const QJsonValue &header : request.value(QStringLiteral("headers")).toArray())
                redacted |=
                    header.toObject().value(QStringLiteral("value")).toString() == u"Basic [redacted]";
            QVERIFY(redacted);
        }
        const Result<std::vector<ReportedRequest>> requests =
            requestsInRunReport(readJsonFile(report.toStdString()).value());
        QVERIFY(requests.ok());
        QCOMPARE(int(requests->size()), int(deliveries.size()));
    }

    void everyShippedExampleRunsEndToEnd_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        for (const char *name : {"cart-dedupe", "anonymous-merge", "refund-vip-exit", "winback-recent-buyers",
                                 "replenishment", "beta-testers"})
            QTest::newRow(name) << QString::fromLatin1(name) + ".scenario.json" << 0;
    }
    void everyShippedExampleRunsEndToEnd()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        const CliResult result = runCli({"run", m_examples + "/" + file});
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
        QVERIFY(result.out.contains(QStringLiteral("Delivery to sandbox (in-process")));
    }

    void sendThroughSandboxFaultsDeliversEverythingExactlyOnce()
    {
        ServeChild sandbox = startServe({"--faults", "429=30%,retry-after=1,503=10%,drop=5%"});
        QVERIFY(!sandbox.origin.isEmpty());
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", sandbox.origin.toUtf8());
        const QString calls = m_dir.filePath(QStringLiteral("faults.jsonl"));
        PREFLIGHT_CHECKED(writeCalls(calls, 40));
        const CliResult result =
            runCli({"send", "--calls", calls, "--outbox", m_dir.filePath(QStringLiteral("faults.sqlite")),
                    "--rate", "500", "--timeout-ms", "3000", "--max-attempts", "30", "--quiet"});
        clearOrigin();
        const QMap<QString, int> accepted = acceptedEventsByPerson(sandbox.origin);
        stop(sandbox);
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QCOMPARE(accepted.size(), 40);
        for (auto it = accepted.begin(); it != accepted.end(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
    }

    void killedSenderResumesAndEveryCallLandsOnce()
    {
        const QString db = m_dir.filePath(QStringLiteral("sandbox.db"));
        ServeChild sandbox = startServe({"--db", db, "--faults", "latency=5ms"});
        QVERIFY(!sandbox.origin.isEmpty());
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", sandbox.origin.toUtf8());
        const QString calls = m_dir.filePath(QStringLiteral("kill.jsonl"));
        PREFLIGHT_CHECKED(writeCalls(calls, 200));
        const QStringList arguments{
            "send",   "--calls", calls,    "--outbox", m_dir.filePath(QStringLiteral("kill.sqlite")),
            "--rate", "400",     "--quiet"};
        int kills = 0;
        for (int round = 0; round < 4; ++round) {
            QProcess child;
            child.start(QStringLiteral(PREFLIGHT_CLI_PATH), arguments);
            QVERIFY(child.waitForStarted());
            // Killed once it has delivered another 30 calls (or has finished): progress, not a clock,
            // decides when, so each round kills it mid-stream however fast this machine is.
            const int target = acceptedCount(sandbox.origin) + 30;
            QTRY_VERIFY_WITH_TIMEOUT(
                child.state() == QProcess::NotRunning || acceptedCount(sandbox.origin) >= target, 60'000);
            if (child.state() != QProcess::NotRunning) {
                child.kill();
                ++kills;
            }
            child.waitForFinished();
        }
        // The sandbox is killed too and comes back from its database.
        sandbox.process->kill();
        sandbox.process->waitForFinished();
        const QString port = sandbox.origin.section(QLatin1Char(':'), -1);
        sandbox = startServe({"--db", db, "--port", port}); // the outbox keeps absolute URLs
        QVERIFY(!sandbox.origin.isEmpty());
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", sandbox.origin.toUtf8());
        const CliResult last = runCli(arguments);
        clearOrigin();
        const QMap<QString, int> accepted = acceptedEventsByPerson(sandbox.origin);
        stop(sandbox);
        QVERIFY(kills > 0);
        QVERIFY2(last.exitCode == 0, qPrintable(last.out + last.err));
        QCOMPARE(accepted.size(), 200);
        for (auto it = accepted.begin(); it != accepted.end(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key() + ": " + QString::number(it.value())));
    }

    void aRunningSandboxIsRecognisedByItsHealthAnswer()
    {
        DeliveryTarget target{Environment::builtInSandbox(), {}, nullptr};
        QVERIFY(startInProcessSandboxIfNeeded(target));
        QVERIFY(target.inProcess());
        QVERIFY(sandboxAnswersAt(target.environment.origin, 2000));
        const QString origin = QString::fromStdString(target.environment.origin);
        target.inProcessSandbox.reset(); // stops it: nothing answers on that port any more
        QVERIFY(!sandboxAnswersAt(origin.toStdString(), 2000));
    }

    void mergedAndOverwrittenCallsAreReplayed()
    {
        // Step 0's consent is overwritten by step 1; the secondary's identify and cart (steps 2, 3) move to
        // the primary at step 4's merge. All of them landed, so all are replayed: the secondary's cart run
        // goes on on the primary and sends the reminder. Starting now keeps the cart within the 30 days a
        // merge moves by the workspace's own clock.
        const QString start = QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODate);
        const QString scenario =
            QStringLiteral(R"({"format": "preflight.scenario/1", "name": "merged and overwritten",
          "start": "%1", "vars": {"primary": "p-{{run_id}}", "secondary": "s-{{run_id}}", "cart_id": "cart-{{uuid}}"},
          "steps": [
            {"at": "+0m", "kind": "identify", "identity": {"id": "{{primary}}"}, "properties": {"accepts_marketing": false}},
            {"at": "+1m", "kind": "identify", "identity": {"id": "{{primary}}"}, "properties": {"accepts_marketing": true}},
            {"at": "+2m", "kind": "identify", "identity": {"id": "{{secondary}}"}, "properties": {"accepts_marketing": true}},
            {"at": "+3m", "kind": "track", "identity": {"id": "{{secondary}}"}, "name": "added_to_cart",
             "properties": {"cart_id": "{{cart_id}}", "cart_value": 80}},
            {"at": "+10m", "kind": "merge", "identity": {"id": "{{primary}}"}, "secondary": {"id": "{{secondary}}"}}],
          "expect": [{"journey": "cart_recovery", "entered": true},
                     {"message": "cart_reminder_1", "sent": true, "count": 1, "person": {"id": "{{primary}}"}}]})")
                .arg(start);
        const QString path = m_dir.filePath(QStringLiteral("merged.scenario.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(scenario.toUtf8());
        file.close();
        const CliResult result = runCli({"run", path, "--journeys", m_examples + "/d2c.journeys.json",
                                         "--run-id", "e2e-merge", "--read-back-timeout", "3"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(QStringLiteral("step 0 identify [")) &&
                     result.out.contains(QStringLiteral("visible (200) — later calls changed it: reads back "
                                                        "'accepts_marketing' as step 1 set it")),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains(
                     QStringLiteral("visible (200) — read through p-e2e-merge: step 4's merge moved "
                                    "this person there")),
                 qPrintable(result.out));
        QVERIFY2(!result.out.contains(QStringLiteral("missing")), qPrintable(result.out));
        QVERIFY2(!result.out.contains(QStringLiteral("the replay leaves it out")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("MERGED")) &&
                     result.out.contains(QStringLiteral("[p-e2e-merge (cio ")),
                 qPrintable(result.out));
    }

    void readBackReportsVisibleForLandedAndMissingForDropped()
    {
        // The dialect never renders an oversized call, so the oversized body is made at the I/O boundary:
        // a rendered Pipelines call whose body is padded past 32 KB. Without strict mode the sandbox
        // answers 200 and drops it, as Customer.io does; only read-back can tell.
        DeliveryTarget target{Environment::builtInSandbox(), {}, nullptr};
        target.environment.origin.clear();
        QVERIFY(startInProcessSandboxIfNeeded(target));
        QVERIFY(target.inProcess());
        std::vector<OutboxEntry> entries;
        std::vector<Call> calls;
        for (const char *id : {"rb-small", "rb-big"}) {
            Call call;
            call.kind = CallKind::Track;
            call.identity.id = id;
            call.name = "viewed_product";
            call.dedupeId = std::string("01JREADBACK") + (id[3] == 's' ? "SMALL" : "BIG");
            Result<HttpRequest> request = dialectFor(Api::Pipelines).render(call, target.apiTarget());
            QVERIFY(request);
            if (id[3] == 'b') {
                Json body = Json::parse(request->body);
                body["properties"]["blob"] = std::string(40000, 'x');
                request->body = body.dump();
            }
            OutboxEntry entry;
            entry.environment = target.environment.name;
            entry.api = Api::Pipelines;
            entry.dedupeId = call.dedupeId;
            entry.request = *request;
            entries.push_back(entry);
            calls.push_back(call);
        }
        Outbox outbox;
        QVERIFY(outbox.open(m_dir.filePath(QStringLiteral("readback.sqlite"))));
        auto queued = outbox.enqueue(entries, QDateTime::currentMSecsSinceEpoch());
        QVERIFY(queued);
        DrainSettings settings;
        settings.batching = false;
        auto totals = drainOutbox(outbox, target.environment.name, target.credentials, settings);
        QVERIFY(totals);
        QCOMPARE(totals->done, 2);
        std::vector<ReadBack::Item> items;
        for (std::size_t i = 0; i < calls.size(); ++i) {
            ReadBack::Item item;
            item.call = calls[i];
            auto entry = outbox.entry(queued->ids[i]);
            QVERIFY(entry);
            item.state = entry->state;
            item.status = entry->lastStatus;
            items.push_back(item);
        }
        ReadBack::poll(items, target.apiTarget(), 1500, 100);
        QCOMPARE(items[0].status, 200);
        QCOMPARE(items[1].status, 200);
        QVERIFY2(items[0].visibility == ReadBack::Visibility::Visible, ReadBack::describe(items[0]).c_str());
        QVERIFY2(items[1].visibility == ReadBack::Visibility::Missing, ReadBack::describe(items[1]).c_str());
        QVERIFY(QString::fromStdString(ReadBack::describe(items[1])).contains(QStringLiteral("missing")));
    }

    void secretsNeverAppearInOutputOrFilesOfARunToANamedEnvironment()
    {
        const QByteArray siteId = "site-5ecret-a1b2";
        const QByteArray apiKey = "key-5ecret-c3d4e5";
        const QByteArray appKey = "app-5ecret-f6a7b8";
        ServeChild sandbox =
            startServe({"--site-id", QString::fromLatin1(siteId), "--api-key", QString::fromLatin1(apiKey),
                        "--app-key", QString::fromLatin1(appKey)});
        QVERIFY(!sandbox.origin.isEmpty());
        QVERIFY(
            runCli({"env", "add", "stage", "--origin", sandbox.origin, "--apis", "track-v1,app"}).exitCode ==
            0);
        m_env.set("PREFLIGHT_STAGE_SITE_ID", siteId);
        m_env.set("PREFLIGHT_STAGE_TRACK_API_KEY", apiKey);
        m_env.set("PREFLIGHT_STAGE_APP_API_KEY", appKey);
        const QString out = m_dir.filePath(QStringLiteral("secrets"));
        QDir().mkpath(out);
        const CliResult result =
            runCli({"run", m_examples + "/cart-recovery.scenario.json", "--env", "stage", "--outbox",
                    out + "/outbox.sqlite", "--junit", out + "/junit.xml", "--report", out + "/report.json"});
        QByteArray sandboxOutput;
        stop(sandbox);
        sandboxOutput = sandbox.process->readAll();
        m_env.unset("PREFLIGHT_STAGE_SITE_ID");
        m_env.unset("PREFLIGHT_STAGE_TRACK_API_KEY");
        m_env.unset("PREFLIGHT_STAGE_APP_API_KEY");
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(QStringLiteral("Delivery to stage (") + sandbox.origin),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral(": visible")));
        QByteArray everything = result.out.toUtf8() + result.err.toUtf8() + sandboxOutput;
        int files = 0;
        QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly)) {
                everything += file.readAll();
                ++files;
            }
        }
        QVERIFY(files >= 4);
        for (const QByteArray &secret :
             {siteId, apiKey, appKey, QByteArray(siteId + ":" + apiKey).toBase64()})
            QVERIFY2(!everything.contains(secret), secret.constData());
    }

private:
    preflight::test::EnvironmentOverride m_suiteEnv; // initTestCase's, put back at the end
    preflight::test::EnvironmentOverride m_env;      // one test's, put back in cleanup()
};

QTEST_GUILESS_MAIN(TestRunEndToEnd)
#include "TestRunEndToEnd.moc"
