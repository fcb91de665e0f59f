#include "SandboxClient.h"

#include "sandbox/SandboxServer.h"

#include <QTest>

using namespace preflight;

// The /preflight/ API (listing, filters, count, long poll, stream, reset) and fault injection.
class TestSandboxActivity : public QObject
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void listsActivityFilteredByStatusApiAndPerson()
    {
        start();
        QCOMPARE(m_client->track("POST", "/api/v1/customers/ann/events", R"({"name":"a"})").status, 200);
        QCOMPARE(m_client->track("POST", "/api/v1/customers/bob/events", R"({"name":"b"})").status, 200);
        QCOMPARE(m_client->send("PUT", "/api/v1/customers/bob", "{}").status, 401);
        QCOMPARE(m_client->pipelines("/v1/track", "{", false).status, 200);

        auto list = [&](const QString &query) {
            return m_client->send("GET", "/preflight/activity" + query).json();
        };
        QCOMPARE(list("")["activity"].size(), std::size_t(4));
        QCOMPARE(list("?status=401")["activity"].size(), std::size_t(1));
        QCOMPARE(list("?api=pipelines&outcome=dropped")["activity"].size(), std::size_t(1));
        QCOMPARE(list("?person=bob")["activity"].size(), std::size_t(2));
        auto newest = list("?limit=1&order=newest")["activity"];
        QCOMPARE(newest.size(), std::size_t(1));
        QCOMPARE(newest[0]["api"].get<std::string>(), std::string("pipelines"));
        QCOMPARE(list("?after=3")["activity"].size(), std::size_t(1));
        QCOMPARE(m_client->send("GET", "/preflight/activity/count?status=200").json()["count"].get<int>(), 3);
        QCOMPARE(m_client->send("GET", "/preflight/activity/count?verdict=fail").json()["count"].get<int>(),
                 0);
    }

    void filtersByArrivalTime()
    {
        start();
        QCOMPARE(m_client->track("POST", "/api/v1/customers/ann/events", R"({"name":"a"})").status, 200);
        // The cut falls strictly between the two arrivals: each step waits for the clock to move on,
        // not for a guessed number of milliseconds.
        const qint64 first = m_server->activity().query({}).back().arrivedAt;
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > first);
        const qint64 cut = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > cut);
        QCOMPARE(m_client->track("POST", "/api/v1/customers/ann/events", R"({"name":"b"})").status, 200);
        auto since = m_client->send("GET", QStringLiteral("/preflight/activity?since=%1").arg(cut)).json();
        QCOMPARE(since["activity"].size(), std::size_t(1));
        auto until =
            m_client->send("GET", "/preflight/activity?until=" + QString::fromStdString(toIso8601(cut)))
                .json();
        QCOMPARE(until["activity"].size(), std::size_t(1));
    }

    void refusesBadQueryParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("status") << "?status=abc";
        QTest::newRow("verdict") << "?verdict=maybe";
        QTest::newRow("since") << "?since=yesterday";
        QTest::newRow("limit") << "?limit=0";
        QTest::newRow("wait") << "?wait=-1";
    }
    void refusesBadQueryParameters()
    {
        QFETCH(QString, query);
        start();
        SandboxResponse response = m_client->send("GET", "/preflight/activity" + query);
        QCOMPARE(response.status, 400);
        QVERIFY(response.json().contains("message"));
    }

    void longPollAnswersWhenAMatchingRequestArrives()
    {
        start();
        QNetworkAccessManager network;
        QNetworkReply *poll = network.get(
            QNetworkRequest(QUrl(m_server->origin() + "/preflight/activity?wait=5000&person=zoe")));
        QTest::qWait(100);
        QVERIFY(!poll->isFinished());
        QCOMPARE(m_client->track("POST", "/api/v1/customers/zoe/events", R"({"name":"a"})").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(poll->isFinished(), 3000);
        auto json = nlohmann::json::parse(poll->readAll().toStdString());
        QCOMPARE(json["activity"].size(), std::size_t(1));
        QCOMPARE(json["activity"][0]["person"].get<std::string>(), std::string("zoe"));
        poll->deleteLater();
    }

    void longPollTimesOutWithAnEmptyList()
    {
        start();
        SandboxResponse response = m_client->send("GET", "/preflight/activity?wait=200&person=nobody");
        QCOMPARE(response.status, 200);
        QVERIFY(response.elapsedMillis >= 190);
        QCOMPARE(response.json()["activity"].size(), std::size_t(0));
    }

    void streamsActivityAsJsonLines()
    {
        start();
        QCOMPARE(m_client->track("POST", "/api/v1/customers/ann/events", R"({"name":"a"})").status, 200);
        QNetworkAccessManager network;
        QNetworkReply *stream =
            network.get(QNetworkRequest(QUrl(m_server->origin() + "/preflight/activity/stream")));
        QByteArray received;
        connect(stream, &QNetworkReply::readyRead, this, [&] { received += stream->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(received.count('\n') == 1, 3000);
        QCOMPARE(m_client->track("POST", "/api/v1/customers/bob/events", R"({"name":"b"})").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(received.count('\n') == 2, 3000);
        auto second = nlohmann::json::parse(received.split('\n')[1].toStdString());
        QCOMPARE(second["person"].get<std::string>(), std::string("bob"));
        stream->abort();
        stream->deleteLater();
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void resetForgetsEverything()
    {
        start();
        QCOMPARE(m_client->track("POST", "/api/v1/customers/ann/events", R"({"name":"a"})").status, 200);
        QCOMPARE(m_client->send("POST", "/preflight/reset").status, 200);
        QCOMPARE(m_client->send("GET", "/preflight/activity/count").json()["count"].get<int>(), 0);
    }

    void keepsTheActivityLogBounded()
    {
        SandboxConfig config;
        config.activityCapacity = 5;
        start(config);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(m_client->track("POST", "/api/v1/events", R"({"name":"a"})").status, 200);
        auto entries = m_server->activity().query({});
        QCOMPARE(entries.size(), std::size_t(5));
        QCOMPARE(entries.front().sequence, std::int64_t(4));
    }

    void parsesFaultSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::newRow("full")
            << "latency=50ms,429=10%,retry-after=2,500=5%,503=5%,drop=2%,slow-body=1s,seed=3" << true;
        QTest::newRow("fraction") << "429=0.25" << true;
        QTest::newRow("none") << "none" << true;
        QTest::newRow("unknown key") << "teapot=5%" << false;
        QTest::newRow("over 100%") << "429=60%,500=50%" << false;
        QTest::newRow("bad share") << "429=lots" << false;
        QTest::newRow("no value") << "latency" << false;
    }
    void parsesFaultSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QCOMPARE(FaultSpec::parse(spec.toStdString()).ok(), valid);
    }

    void injects429WithRetryAfter()
    {
        SandboxConfig config;
        config.faults = *FaultSpec::parse("429=100%,retry-after=7");
        start(config);
        SandboxResponse response = m_client->track("POST", "/api/v1/customers/a/events", R"({"name":"a"})");
        QCOMPARE(response.status, 429);
        QCOMPARE(response.header("Retry-After"), QByteArray("7"));
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("fault"));
    }

    void injectsErrorsInTheSharesAsked()
    {
        SandboxConfig config;
        config.faults = *FaultSpec::parse("500=30%,503=20%,seed=11");
        start(config);
        std::map<int, int> statuses;
        for (int i = 0; i < 200; ++i)
            ++statuses[m_client->track("POST", "/api/v1/events", R"({"name":"a"})").status];
        QCOMPARE(statuses[200] + statuses[500] + statuses[503], 200);
        QVERIFY2(statuses[500] > 40 && statuses[500] < 80, qPrintable(QString::number(statuses[500])));
        QVERIFY2(statuses[503] > 20 && statuses[503] < 60, qPrintable(QString::number(statuses[503])));
    }

    void sameSeedFailsTheSameRequests()
    {
        FaultInjector first(*FaultSpec::parse("429=50%,seed=5"));
        FaultInjector second(*FaultSpec::parse("429=50%,seed=5"));
        for (int i = 0; i < 50; ++i)
            QCOMPARE(int(first.next().kind), int(second.next().kind));
    }

    void injectsConnectionDrops()
    {
        SandboxConfig config;
        config.faults = *FaultSpec::parse("drop=100%");
        start(config);
        SandboxResponse response = m_client->track("POST", "/api/v1/events", R"({"name":"a"})");
        QCOMPARE(response.status, 0);
        QVERIFY(response.error != QNetworkReply::NoError);
        QCOMPARE(m_server->activity().query({}).back().reason, std::string("injected connection drop"));
    }

    void injectsLatencyAndSlowBodies()
    {
        SandboxConfig config;
        config.faults = *FaultSpec::parse("latency=150ms,slow-body=200ms");
        start(config);
        SandboxResponse response = m_client->track("GET", "/api/v1/accounts/region");
        QCOMPARE(response.status, 200);
        QVERIFY2(response.elapsedMillis >= 300, qPrintable(QString::number(response.elapsedMillis)));
        QCOMPARE(response.json()["region"].get<std::string>(), std::string("us"));
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200); // its own API is never faulted
    }

private:
    void start(SandboxConfig config = {})
    {
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->start().ok());
        m_client = std::make_unique<SandboxClient>(m_server->origin());
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

QTEST_GUILESS_MAIN(TestSandboxActivity)
#include "TestSandboxActivity.moc"
