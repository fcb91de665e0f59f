#include "support/FaultServer.h"

#include "outbox/Outbox.h"
#include "outbox/OutboxSender.h"
#include "transport/Transport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace preflight;

namespace {

const Credentials kSecrets{"site-1", "track-secret-4711", "write-secret-0815", "app-secret-1234"};

OutboxEntry entryFor(const QString &origin, Api api, const std::string &dedupeId, const std::string &path,
                     std::string body = "{}")
{
    OutboxEntry entry;
    entry.environment = "staging";
    entry.api = api;
    entry.dedupeId = dedupeId;
    entry.request = {
        "POST", origin.toStdString() + path, {{"Content-Type", "application/json", false}}, std::move(body)};
    return entry;
}

QByteArray readAllFiles(const QString &dir)
{
    QByteArray all;
    for (const QFileInfo &info : QDir(dir).entryInfoList(QDir::Files)) {
        QFile file(info.filePath());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString dbPath() const { return m_dir.filePath(QStringLiteral("outbox.sqlite")); }

    // Runs a sender over the outbox until nothing is pending (or the timeout).
    OutboxSender::Totals drain(Outbox &outbox, Transport &transport, int timeoutMs = 15000,
                               std::function<void(OutboxSender &)> tune = {})
    {
        OutboxSender sender(outbox, transport, "staging", kSecrets);
        sender.policy.baseDelayMs = 20;
        sender.policy.maxDelayMs = 200;
        if (tune)
            tune(sender);
        QSignalSpy finished(&sender, &OutboxSender::finished);
        QSignalSpy failed(&sender, &OutboxSender::failed);
        sender.start();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), timeoutMs); }();
        if (!failed.isEmpty())
            qWarning() << failed.first().first().toString();
        return sender.totals();
    }

private slots:
    void init()
    {
        QFile::remove(dbPath());
        QFile::remove(dbPath() + QStringLiteral("-wal"));
        QFile::remove(dbPath() + QStringLiteral("-shm"));
    }

    void storesRequestsWithoutCredentials()
    {
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        OutboxEntry entry = entryFor(QStringLiteral("http://h"), Api::TrackV1, "01J0000000000000000000000A",
                                     "/api/v1/customers/p1/events");
        entry.request.setHeader("Authorization", "Basic dHJhY2stc2VjcmV0LTQ3MTE=", true);
        entry.request.setHeader("X-Custom-Secret", "track-secret-4711", true);
        QVERIFY(outbox.enqueue({entry}, 1000));
        const auto stored = outbox.list(OutboxState::Pending);
        QVERIFY(stored);
        QCOMPARE(stored->size(), std::size_t(1));
        QVERIFY(!stored->front().request.hasHeader("Authorization"));
        QVERIFY(!stored->front().request.hasHeader("X-Custom-Secret"));
        QVERIFY(stored->front().request.hasHeader("Content-Type"));
        const QByteArray files = readAllFiles(m_dir.path());
        QVERIFY(!files.contains("track-secret-4711"));
        QVERIFY(!files.contains("dHJhY2stc2VjcmV0LTQ3MTE="));
    }

    void doesNotQueueTheSameDedupeIdTwice()
    {
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        const auto a = entryFor(QStringLiteral("http://h"), Api::TrackV2, "id-1", "/api/v2/entity");
        const auto b = entryFor(QStringLiteral("http://h"), Api::TrackV2, "id-2", "/api/v2/entity");
        const auto noId = entryFor(QStringLiteral("http://h"), Api::TrackV2, "", "/api/v2/entity");
        auto first = outbox.enqueue({a, b, noId}, 1);
        QVERIFY(first);
        QCOMPARE(first->added, 3);
        QVERIFY(outbox.markDone({first->ids[0]}, 200, "{}", 2));
        auto second = outbox.enqueue({a, b, noId}, 3);
        QVERIFY(second);
        QCOMPARE(second->added, 1); // only the entry without a dedupe id is new
        QCOMPARE(second->alreadyQueued, 2);
        QCOMPARE(second->ids[0], first->ids[0]);
        QCOMPARE(outbox.count(OutboxState::Pending).value(), 3);
        QCOMPARE(outbox.count(OutboxState::Done).value(), 1);
    }

    void resumesPendingEntriesAfterReopening()
    {
        {
            Outbox outbox;
            QVERIFY(outbox.open(dbPath()));
            QVERIFY(
                outbox.enqueue({entryFor(QStringLiteral("http://h"), Api::TrackV1, "r1", "/api/v1/events"),
                                entryFor(QStringLiteral("http://h"), Api::TrackV1, "r2", "/api/v1/events")},
                               10));
            const auto due = outbox.due("staging", 10, 10);
            QVERIFY(outbox.markAttempt({due->at(0).id}, 11));
            QVERIFY(outbox.markRetry(due->at(0).id, 5000, 503, "busy", 12));
        }
        Outbox reopened;
        QVERIFY(reopened.open(dbPath()));
        QCOMPARE(reopened.due("staging", 100, 10)->size(), std::size_t(1)); // r1 waits until 5000
        const auto later = reopened.due("staging", 5000, 10);
        QCOMPARE(later->size(), std::size_t(2));
        QCOMPARE(later->at(0).attempts, 1);
        QCOMPARE(later->at(0).lastStatus, 503);
        QCOMPARE(reopened.nextAttemptAt("staging").value().value_or(-1),
                 std::int64_t(0)); // r2 is due at once
    }

    void sendsWithCredentialsAppliedOnlyOnTheWire()
    {
        FaultServer server;
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        QVERIFY(outbox.enqueue({entryFor(server.origin(), Api::TrackV1, "w1", "/api/v1/customers/p1/events")},
                               0));
        Transport transport;
        const auto totals = drain(outbox, transport);
        QCOMPARE(totals.done, 1);
        QCOMPARE(server.received().value(0).header("Authorization"),
                 QByteArray("Basic ") + QByteArray("site-1:track-secret-4711").toBase64());
        QCOMPARE(outbox.count(OutboxState::Done).value(), 1);
        QVERIFY(!readAllFiles(m_dir.path()).contains("track-secret-4711"));
    }

    void retriesTransientFailuresUntilAcknowledged_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("5xx") << "500";
        QTest::newRow("503") << "503";
        QTest::newRow("dropped connection") << "drop";
        QTest::newRow("slow beyond the timeout") << "slow";
        QTest::newRow("429 with Retry-After 0") << "429";
    }
    void retriesTransientFailuresUntilAcknowledged()
    {
        QFETCH(QString, fault);
        FaultServer server;
        // Every request fails its first two times.
        server.setScript([fault](const ReceivedRequest &, int index) {
            if (index >= 6)
                return FaultReply::ok();
            if (fault == u"drop")
                return FaultReply::drop();
            if (fault == u"slow")
                return FaultReply::slow(2000);
            if (fault == u"429")
                return FaultReply::tooMany("0");
            return FaultReply::withStatus(fault.toInt(), "{\"error\":\"busy\"}");
        });
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        QVERIFY(outbox.enqueue({entryFor(server.origin(), Api::TrackV1, "a", "/api/v1/events"),
                                entryFor(server.origin(), Api::TrackV1, "b", "/api/v1/events"),
                                entryFor(server.origin(), Api::TrackV1, "c", "/api/v1/events")},
                               0));
        Transport transport;
        transport.setTimeoutMs(250);
        const auto totals = drain(outbox, transport);
        QCOMPARE(totals.done, 3);
        QCOMPARE(totals.dead, 0);
        QVERIFY(totals.retries >= 1);
        QCOMPARE(outbox.count(OutboxState::Done).value(), 3);
        int attempts = 0;
        const std::vector<OutboxEntry> done = outbox.list(OutboxState::Done).value();
        for (const OutboxEntry &entry : done)
            attempts += entry.attempts;
        if (fault == u"drop") {
            QVERIFY(attempts <= server.count()); // Qt Network itself resends once on a dropped connection
        } else {
            QCOMPARE(attempts, server.count()); // every attempt was counted on disk before it went out
            QCOMPARE(server.count(), 9);
        }
    }

    void honoursRetryAfterInA429Storm()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int index) {
            return index < 4 ? FaultReply::tooMany("1") : FaultReply::ok();
        });
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        QVERIFY(outbox.enqueue({entryFor(server.origin(), Api::TrackV1, "s1", "/api/v1/events"),
                                entryFor(server.origin(), Api::TrackV1, "s2", "/api/v1/events")},
                               0));
        Transport transport;
        QElapsedTimer clock;
        clock.start();
        const auto totals = drain(outbox, transport);
        QCOMPARE(totals.done, 2);
        // Each entry was told "1 second" twice in a row.
        QVERIFY2(clock.elapsed() >= 2000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(server.count(), 6);
    }

    void deadLettersPermanentRefusalsWithTheBodyAndRequeuesAFix()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &request, int) {
            return request.body.contains("bad")
                       ? FaultReply::withStatus(400,
                                                "{\"meta\":{\"error\":\"event name must not be blank\"}}")
                       : FaultReply::ok();
        });
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        QVERIFY(outbox.enqueue(
            {entryFor(server.origin(), Api::TrackV1, "d1", "/api/v1/events", "{\"name\":\"bad\"}")}, 0));
        Transport transport;
        auto totals = drain(outbox, transport);
        QCOMPARE(totals.dead, 1);
        const auto dead = outbox.list(OutboxState::Dead).value();
        QCOMPARE(dead.size(), std::size_t(1));
        QCOMPARE(dead[0].lastStatus, 400);
        QVERIFY(dead[0].lastResponse.find("event name must not be blank") != std::string::npos);
        QCOMPARE(dead[0].attempts, 1); // never retried

        HttpRequest fixed = dead[0].request;
        fixed.body = "{\"name\":\"good\"}";
        QVERIFY(outbox.requeue(dead[0].id, fixed, 0));
        QVERIFY(!outbox.requeue(dead[0].id, fixed, 0)); // no longer a dead letter
        totals = drain(outbox, transport);
        QCOMPARE(totals.done, 1);
        QCOMPARE(server.received().last().body, QByteArray("{\"name\":\"good\"}"));
    }

    void givesUpAfterTheAttemptLimitIntoTheDeadLetters()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int) { return FaultReply::withStatus(502); });
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        QVERIFY(outbox.enqueue({entryFor(server.origin(), Api::TrackV1, "g1", "/api/v1/events")}, 0));
        Transport transport;
        const auto totals =
            drain(outbox, transport, 15000, [](OutboxSender &s) { s.policy.maxAttempts = 3; });
        QCOMPARE(totals.dead, 1);
        QCOMPARE(server.count(), 3);
        const auto dead = outbox.list(OutboxState::Dead).value();
        QVERIFY(dead[0].lastResponse.find("gave up after 3 attempts") != std::string::npos);
    }

    void batchesTrackV2AndBuriesOnlyTheItemsA207Names()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &request, int) {
            if (request.path == "/api/v2/batch")
                return FaultReply::withStatus(207, "{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid\","
                                                   "\"field\":\"name\",\"message\":\"bad\"}]}");
            return FaultReply::ok();
        });
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        std::vector<OutboxEntry> entries;
        for (int i = 0; i < 3; ++i)
            entries.push_back(entryFor(server.origin(), Api::TrackV2, "b" + std::to_string(i),
                                       "/api/v2/entity",
                                       "{\"type\":\"person\",\"n\":" + std::to_string(i) + "}"));
        QVERIFY(outbox.enqueue(entries, 0));
        Transport transport;
        const auto totals = drain(outbox, transport);
        QCOMPARE(server.count(), 1);
        QCOMPARE(server.received().value(0).path, QByteArray("/api/v2/batch"));
        QCOMPARE(totals.done, 2);
        QCOMPARE(totals.dead, 1);
        QCOMPARE(outbox.list(OutboxState::Dead).value().at(0).dedupeId, std::string("b1"));
    }

    void resendsTheMembersOfARefusedBatchOneByOne()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &request, int) {
            if (request.path == "/api/v2/batch" || request.body.contains("\"n\":1"))
                return FaultReply::withStatus(400, "{\"errors\":[{\"reason\":\"invalid\"}]}");
            return FaultReply::ok();
        });
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        std::vector<OutboxEntry> entries;
        for (int i = 0; i < 3; ++i)
            entries.push_back(entryFor(server.origin(), Api::TrackV2, "x" + std::to_string(i),
                                       "/api/v2/entity",
                                       "{\"type\":\"person\",\"n\":" + std::to_string(i) + "}"));
        QVERIFY(outbox.enqueue(entries, 0));
        Transport transport;
        const auto totals = drain(outbox, transport);
        QCOMPARE(server.count(), 4); // the batch, then three singles
        QCOMPARE(totals.done, 2);
        QCOMPARE(totals.dead, 1);
    }

    void purgesAcknowledgedEntries()
    {
        Outbox outbox;
        QVERIFY(outbox.open(dbPath()));
        const auto report =
            outbox.enqueue({entryFor(QStringLiteral("http://h"), Api::TrackV1, "p1", "/api/v1/events"),
                            entryFor(QStringLiteral("http://h"), Api::TrackV1, "p2", "/api/v1/events")},
                           0);
        QVERIFY(outbox.markDone({report->ids[0]}, 200, "{}", 1));
        QCOMPARE(outbox.purge(OutboxState::Done).value(), 1);
        QCOMPARE(outbox.count(OutboxState::Pending).value(), 1);
        QCOMPARE(outbox.count(OutboxState::Done).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "TestOutbox.moc"
