#include "SandboxClient.h"

#include "sandbox/RequestStore.h"
#include "sandbox/SandboxServer.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace preflight;

// --db: everything answered 2xx is on disk before the answer, survives restart and kill -9, and is
// replayed (with its original arrival time) at the next start.
class TestSandboxPersistence : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void restartWithDatabaseKeepsEveryRequest()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("sandbox.db"));
        std::vector<ActivityEntry> before;
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            SandboxClient client(server.origin());
            for (int i = 0; i < 20; ++i)
                QCOMPARE(client
                             .track("POST", QStringLiteral("/api/v1/customers/p%1/events").arg(i),
                                    R"({"name":"viewed","data":{}})")
                             .status,
                         200);
            QCOMPARE(client.track("PUT", "/api/v1/customers/p1", "{\"email\":").status, 400);
            QCOMPARE(client.send("PUT", "/api/v1/customers/p1", "{}").status, 401);
            QCOMPARE(client.pipelines("/v1/track", R"({"userId":"p1","event":"x"})").status, 200);
            before = server.activity().query({});
        }
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        QCOMPARE(restarted.replayedCount(), std::size_t(21));
        auto after = restarted.activity().query({});
        QCOMPARE(after.size(), before.size());
        for (std::size_t i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].sequence, before[i].sequence);
            QCOMPARE(after[i].arrivedAt, before[i].arrivedAt);
            QCOMPARE(after[i].path, before[i].path);
            QCOMPARE(after[i].status, before[i].status);
            QCOMPARE(after[i].outcome, before[i].outcome);
        }
        SandboxClient client(restarted.origin());
        QCOMPARE(client.track("POST", "/api/v1/customers/late/events", R"({"name":"x"})").status, 200);
        QCOMPARE(restarted.activity().query({}).back().sequence, before.back().sequence + 1);
    }

    // A batch's items are found by each of their events after a restart too: they are read again from
    // the stored request, so a database written before items were indexed gains them on replay.
    void batchItemsAreIndexedAfterARestart()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("items.db"));
        const QByteArray batch = R"({"batch":[
            {"type":"track","userId":"ann","event":"added_to_cart","properties":{}},
            {"type":"track","userId":"bob","event":"order_completed","properties":{}}]})";
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            SandboxClient client(server.origin());
            QCOMPARE(client.pipelines("/v1/batch", batch, true).status, 200);
        }
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        ActivityFilter byEvent;
        byEvent.eventName = "order_completed";
        QCOMPARE(restarted.activity().count(byEvent), std::size_t(1));
        ActivityFilter byPerson;
        byPerson.person = "bob";
        QCOMPARE(restarted.activity().countCalls(byPerson), std::size_t(1));
        QCOMPARE(restarted.activity().query({}).front().items.size(), std::size_t(2));
    }

    void manualSegmentsAndFormsSurviveARestart()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("segments.db"));
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            SandboxClient client(server.origin());
            QCOMPARE(
                client.track("POST", "/api/v1/forms/signup/submit", R"({"data":{"email":"ann@example.com"}})")
                    .status,
                204);
            QCOMPARE(client
                         .track("POST", "/api/v1/segments/12/add_customers?id_type=email",
                                R"({"ids":["ann@example.com"]})")
                         .status,
                     200);
        }
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        SandboxClient client(restarted.origin());
        const SandboxResponse segments = client.app("/v1/customers/ann@example.com/segments?id_type=email");
        QCOMPARE(segments.status, 200);
        QVERIFY2(segments.json()["segments"].size() == 1 && segments.json()["segments"][0]["id"] == 12,
                 segments.body.constData());
    }

    void objectsAndRelationshipsSurviveARestart()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("objects.db"));
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            SandboxClient client(server.origin());
            QCOMPARE(client.track("PUT", "/api/v1/customers/p1", "{}").status, 200);
            QCOMPARE(
                client
                    .track(
                        "POST", "/api/v2/entity",
                        R"({"type":"person","identifiers":{"id":"p1"},"action":"add_relationships","cio_relationships":[{"identifiers":{"object_type_id":"3","object_id":"team-a"}}]})")
                    .status,
                200);
        }
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        SandboxClient client(restarted.origin());
        const SandboxResponse related = client.app("/v1/objects/3/team-a/relationships");
        QCOMPARE(related.status, 200);
        QVERIFY2(related.json()["cio_relationships"].size() == 1 &&
                     related.json()["cio_relationships"][0]["identifiers"]["id"] == "p1",
                 related.body.constData());
    }

    void resetEmptiesTheDatabase()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("sandbox.db"));
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            SandboxClient client(server.origin());
            QCOMPARE(client.track("POST", "/api/v1/customers/p/events", R"({"name":"x"})").status, 200);
            SandboxResponse reset = client.send("POST", "/preflight/reset");
            QCOMPARE(reset.status, 200);
            QCOMPARE(server.activity().size(), std::size_t(0));
        }
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        QCOMPARE(restarted.activity().size(), std::size_t(0));
    }

    void copiesTheLogIntoTheDatabaseWhileOpen()
    {
        // The writer turns SQLite's own checkpoint off and asks the checkpointer thread instead: the
        // database file grows while the store is open only if those checkpoints run. Rows are queued
        // faster than they are written, so the writer never pauses: the log can start over only when
        // the writer ends it (past 800 pages here; at 1,600 even if the background fell behind).
        // Without that the log would hold all 3,200 pages.
        const QString path = m_dir->filePath(QStringLiteral("store.db"));
        RequestStore store(path, WalLimits{100, 800});
        QVERIFY(store.open().ok());
        std::size_t committed = 0;
        connect(&store, &RequestStore::committed, this,
                [&committed](const std::vector<std::uint64_t> &tokens) { committed += tokens.size(); });
        constexpr std::size_t kRows = 6'400;
        for (std::size_t i = 1; i <= kRows; ++i) {
            StoredRequest row;
            row.sequence = static_cast<std::int64_t>(i);
            row.api = "track_v1";
            row.method = "POST";
            row.path = "/api/v1/customers/p" + std::to_string(i) + "/events";
            row.body = std::string(1800, 'x'); // about two rows a page: 3,200 pages in all
            row.status = 200;
            row.outcome = "stored";
            store.enqueue(std::move(row), i);
        }
        QTRY_COMPARE_WITH_TIMEOUT(committed, kRows, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > 6 * 1024 * 1024, 10'000); // 1,500 pages
        constexpr qint64 kFrameBytes = 4096 + 24;
        const qint64 logBytes = QFileInfo(path + QStringLiteral("-wal")).size();
        QVERIFY2(logBytes < 1'900 * kFrameBytes, qPrintable(QString::number(logBytes / kFrameBytes)));
    }

    // A full disk (here the file's page cap): the client is told 503 storage_failed, and that is what the
    // sandbox remembers — the log shows it failed, the workspace does not hold it, a restart does not bring
    // it back; requests that were answered 200 are all still there.
    void aFailedWriteLeavesNoTraceOfTheRequest()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("full.db"));
        config.maxDatabasePages = 24;
        const QByteArray body = "{\"note\":\"" + QByteArray(900, 'n') + "\"}";
        std::set<QString> accepted, failed;
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            SandboxClient client(server.origin());
            for (int i = 0; i < 400 && failed.size() < 3; ++i) {
                const QString person = QStringLiteral("p%1").arg(i);
                const SandboxResponse response = client.track("PUT", "/api/v1/customers/" + person, body);
                if (response.status == 200) {
                    accepted.insert(person);
                    continue;
                }
                QCOMPARE(response.status, 503);
                QVERIFY(!response.header("Retry-After").isEmpty());
                const std::string error =
                    response.json().value("meta", nlohmann::json::object()).value("error", "");
                QVERIFY2(error.find("could not store the request") != std::string::npos,
                         response.body.constData());
                failed.insert(person);
            }
            QVERIFY2(!failed.empty(), "the capped file never filled");
            QVERIFY(!accepted.empty());
            for (const QString &person : failed)
                QVERIFY2(!server.processor().workspace().personKey(person.toStdString()),
                         qPrintable(person + " answered 503 but is in the workspace"));
            for (const QString &person : accepted)
                QVERIFY2(server.processor().workspace().personKey(person.toStdString()),
                         qPrintable(person + " answered 200 but is not in the workspace"));
            for (const ActivityEntry &entry : server.activity().query({})) {
                const QString person = QString::fromStdString(entry.person);
                if (failed.contains(person)) {
                    QCOMPARE(entry.status, 503);
                    QCOMPARE(entry.outcome, std::string("failed"));
                }
            }
        }
        config.maxDatabasePages = 0;
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        QCOMPARE(restarted.replayedCount(), accepted.size());
        for (const QString &person : failed)
            QVERIFY(!restarted.processor().workspace().personKey(person.toStdString()));
        for (const ActivityEntry &entry : restarted.activity().query({}))
            QVERIFY2(!failed.contains(QString::fromStdString(entry.person)) || entry.status != 200,
                     entry.person.c_str());
    }

    // The same with several requests in flight around the failure, so some are refused unwritten because
    // an earlier write failed: each client's answer is still what the workspace and a restart hold.
    void concurrentWritesAroundAFailureAreAnsweredAsStored()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("busy.db"));
        config.maxDatabasePages = 24;
        const QByteArray body = "{\"note\":\"" + QByteArray(900, 'n') + "\"}";
        std::map<QString, int> answers;
        {
            SandboxServer server(config);
            QVERIFY(server.start().ok());
            QNetworkAccessManager network;
            int pending = 0;
            for (int i = 0; i < 300; ++i) {
                const QString person = QStringLiteral("c%1").arg(i);
                QNetworkRequest request(QUrl(server.origin() + "/api/v1/customers/" + person));
                request.setRawHeader("Authorization",
                                     SandboxClient::basic("preflight-site", "preflight-api-key"));
                request.setRawHeader("Content-Type", "application/json");
                QNetworkReply *reply = network.put(request, body);
                ++pending;
                QObject::connect(reply, &QNetworkReply::finished, reply, [&answers, &pending, reply, person] {
                    answers[person] = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    --pending;
                    reply->deleteLater();
                });
            }
            QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 120'000);
            int ok = 0, refused = 0;
            for (const auto &[person, status] : answers) {
                QVERIFY2(status == 200 || status == 503, qPrintable(person + ": " + QString::number(status)));
                const bool held = server.processor().workspace().personKey(person.toStdString()).has_value();
                QVERIFY2(held == (status == 200),
                         qPrintable(person + " answered " + QString::number(status)));
                (status == 200 ? ok : refused) += 1;
            }
            QVERIFY(ok > 0 && refused > 0);
        }
        config.maxDatabasePages = 0;
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        for (const auto &[person, status] : answers)
            QVERIFY2(restarted.processor().workspace().personKey(person.toStdString()).has_value() ==
                         (status == 200),
                     qPrintable(person));
    }

    void refusesAnUnopenableDatabase()
    {
        SandboxConfig config;
        config.databasePath = m_dir->filePath(QStringLiteral("no/such/dir/sandbox.db"));
        SandboxServer server(config);
        auto started = server.start();
        QVERIFY(!started.ok());
        QVERIFY(!started.error().where.empty());
    }

    void refusesAFileAnotherSandboxHolds()
    {
        // Two sandboxes on one file would interleave their rows (and overwrite each other's sequence
        // numbers): the process that has it open holds it exclusively, and a second one says why not.
        SandboxConfig config;
        config.port = 0;
        config.databasePath = m_dir->filePath(QStringLiteral("held by one.db"));
        SandboxServer first(config);
        QVERIFY(first.start().ok());
        QProcess second;
        second.start(QStringLiteral(PREFLIGHT_CLI_PATH),
                     {"sandbox", "serve", "--quiet", "--port", "0", "--db", config.databasePath});
        QVERIFY(second.waitForFinished(20'000));
        QCOMPARE(second.exitCode(), 1);
        const QString error = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("in use by another process")), qPrintable(error));
        QVERIFY2(error.contains(config.databasePath), qPrintable(error));

        SandboxClient client(first.origin());
        QCOMPARE(client.track("POST", "/api/v1/customers/p1/events", R"({"name":"still_mine"})").status, 200);
    }

    void keepsEveryAnsweredRequestAfterKillNineUnderLoad()
    {
        const QString db = m_dir->filePath(QStringLiteral("killed.db"));
        QProcess sandbox;
        sandbox.start(QStringLiteral(PREFLIGHT_CLI_PATH),
                      {"sandbox", "serve", "--quiet", "--port", "0", "--db", db});
        QVERIFY(sandbox.waitForStarted());
        QString origin;
        QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                sandbox.waitForReadyRead(100);
                auto match = listening.match(QString::fromUtf8(sandbox.peek(4096)));
                origin = match.hasMatch() ? match.captured(1) : QString();
                return !origin.isEmpty();
            }(),
            10000);

        // Several clients keep requests in flight; each request names its own person.
        std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
        for (int i = 0; i < 4; ++i)
            clients.push_back(std::make_unique<QNetworkAccessManager>());
        std::set<QString> answered;
        int sent = 0;
        bool killed = false;
        std::function<void(QNetworkAccessManager *)> sendNext = [&](QNetworkAccessManager *network) {
            if (killed)
                return;
            const QString person = QStringLiteral("k9-%1").arg(sent++);
            QNetworkRequest request(QUrl(origin + "/api/v1/customers/" + person + "/events"));
            request.setRawHeader("Authorization",
                                 SandboxClient::basic("preflight-site", "preflight-api-key"));
            request.setRawHeader("Content-Type", "application/json");
            QNetworkReply *reply = network->post(request, R"({"name":"checkout_started","data":{"step":1}})");
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, person, network] {
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status >= 200 && status < 300 && !killed)
                    answered.insert(person);
                reply->deleteLater();
                sendNext(network);
            });
        };
        for (auto &network : clients)
            for (int i = 0; i < 8; ++i)
                sendNext(network.get());
        // Killed once it has answered a good number, however long that takes on this machine.
        QTRY_VERIFY_WITH_TIMEOUT(answered.size() >= 150, 120'000);
        sandbox.kill(); // SIGKILL: no chance to flush anything
        killed = true;
        QVERIFY(sandbox.waitForFinished(5000));

        SandboxConfig config;
        config.databasePath = db;
        SandboxServer restarted(config);
        QVERIFY(restarted.start().ok());
        std::set<QString> stored;
        for (const ActivityEntry &entry : restarted.activity().query({}))
            stored.insert(QString::fromStdString(entry.person));
        std::size_t missing = 0;
        for (const QString &person : answered)
            missing += stored.count(person) == 0;
        qInfo("answered 2xx: %zu, stored: %zu, missing: %zu", answered.size(), stored.size(), missing);
        QCOMPARE(missing, std::size_t(0));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestSandboxPersistence)
#include "TestSandboxPersistence.moc"
