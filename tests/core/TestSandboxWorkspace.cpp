#include "SandboxClient.h"

#include "plan/PlanFile.h"
#include "sandbox/SandboxServer.h"

#include <QDateTime>
#include <QTest>

using namespace preflight;

// The whole path over HTTP: dialect parse, workspace rules, App API read-back, plan verdicts.
class TestSandboxWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<SandboxServer>(SandboxConfig{});
        QVERIFY(m_server->start().ok());
        m_client = std::make_unique<SandboxClient>(m_server->origin());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void answersTheDocumentedV1Messages_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QByteArray longName(101, 'n');
        const QByteArray longAttribute(151, 'a');
        QByteArray manyAttributes = "{";
        for (int i = 0; i < 301; ++i)
            manyAttributes += (i ? "," : "") + QByteArray("\"a") + QByteArray::number(i) + "\":1";
        manyAttributes += "}";
        QTest::newRow("blank event name") << QByteArray("POST") << "/api/v1/customers/u1/events"
                                          << QByteArray(R"({"name":""})") << "event name must not be blank";
        QTest::newRow("long event name")
            << QByteArray("POST") << "/api/v1/customers/u1/events"
            << QByteArray("{\"name\":\"" + longName + "\"}") << "event name cannot be longer than 100 bytes";
        QTest::newRow("data not a hash")
            << QByteArray("POST") << "/api/v1/customers/u1/events" << QByteArray(R"({"name":"x","data":""})")
            << "event data must be a hash (e.g., send \"data\":{} instead of \"data\":\"\")";
        QTest::newRow("data too large")
            << QByteArray("POST") << "/api/v1/customers/u1/events"
            << QByteArray("{\"name\":\"x\",\"data\":{\"p\":\"" + QByteArray(100'000, 'd') + "\"}}")
            << "event data cannot be longer than 100000 bytes";
        QTest::newRow("too many attributes") << QByteArray("PUT") << "/api/v1/customers/u1" << manyAttributes
                                             << "cannot identify more than 300 attributes in one request";
        QTest::newRow("long attribute name")
            << QByteArray("PUT") << "/api/v1/customers/u1" << QByteArray("{\"" + longAttribute + "\":1}")
            << "attribute name cannot be longer than 150 bytes";
        QTest::newRow("long attribute value") << QByteArray("PUT") << "/api/v1/customers/u1"
                                              << QByteArray("{\"bio\":\"" + QByteArray(1001, 'v') + "\"}")
                                              << "value for attribute 'bio' cannot be longer than 1000 bytes";
    }
    void answersTheDocumentedV1Messages()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        SandboxResponse response = m_client->track(method, path, body);
        QCOMPARE(response.status, 400);
        QCOMPARE(QString::fromStdString(response.json()["meta"]["error"].get<std::string>()), message);
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("rejected"));
    }

    void refusesHostileIdentifiers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("10 KB id") << "/api/v1/customers/" + QString(10 * 1024, 'i');
        QTest::newRow("151 bytes") << "/api/v1/customers/" + QString(151, 'i');
    }
    void refusesHostileIdentifiers()
    {
        QFETCH(QString, path);
        SandboxResponse response = m_client->track("PUT", path, "{}");
        QCOMPARE(response.status, 400);
        QVERIFY(response.json()["meta"].contains("error"));
        QVERIFY(m_server->activity().query({}).back().person.size() < 600);
        QCOMPARE(m_server->processor().workspace().personCount(), std::size_t(0));
    }

    void acceptsAnIdentifierOfExactly150Bytes()
    {
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/" + QString(150, 'i'), "{}").status, 200);
        QCOMPARE(m_server->processor().workspace().personCount(), std::size_t(1));
    }

    void answersV2BatchPartialFailureWith207()
    {
        SandboxResponse response = m_client->track(
            "POST", "/api/v2/batch",
            R"({"batch":[{"type":"person","identifiers":{"id":"u1"},"action":"identify","attributes":{"a":1}},)"
            R"({"type":"person","identifiers":{"id":"u1"},"action":"event","name":""},)"
            R"({"type":"person","identifiers":{"id":"u2"},"action":"identify"}]})");
        QCOMPARE(response.status, 207);
        auto errors = response.json()["errors"];
        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(errors[0]["batch_index"].get<int>(), 1);
        QVERIFY(errors[0].contains("message"));
        QCOMPARE(m_server->processor().workspace().personCount(), std::size_t(2)); // the good items landed
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("partial"));
    }

    void attachesAnonymousActivityThroughTrackV1()
    {
        QCOMPARE(
            m_client->track("POST", "/api/v1/events", R"({"anonymous_id":"anon-1","name":"cart_viewed"})")
                .status,
            200);
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/u9", R"({"anonymous_id":"anon-1"})").status, 200);
        auto activities = m_client->app("/v1/customers/u9/activities?type=event").json()["activities"];
        QCOMPARE(activities.size(), std::size_t(1));
        QCOMPARE(activities[0]["name"].get<std::string>(), std::string("cart_viewed"));
    }

    void attachesAnonymousActivityThroughPipelines()
    {
        QCOMPARE(m_client->pipelines("/v1/track", R"({"anonymousId":"anon-2","event":"cart_viewed"})", true)
                     .status,
                 200);
        QCOMPARE(
            m_client->pipelines("/v1/identify", R"({"anonymousId":"anon-2","userId":"u8","traits":{}})", true)
                .status,
            200);
        auto activities = m_client->app("/v1/customers/u8/activities?type=event").json()["activities"];
        QCOMPARE(activities.size(), std::size_t(1));
    }

    // cdp-analytics-node and Segment's analytics-node send alias() only inside /v1/batch: the batch's
    // alias merges the visitor's anonymous activity into the known person, as /v1/alias does.
    void mergesThroughAnAliasInsideABatch()
    {
        const QByteArray batch = R"({"batch":[
            {"type":"track","anonymousId":"anon-7","event":"product_viewed","properties":{"sku":"s1"}},
            {"type":"identify","userId":"u7","traits":{"email":"u7@example.com"}},
            {"type":"alias","userId":"u7","previousId":"anon-7"}]})";
        QCOMPARE(m_client->pipelines("/v1/batch", batch, true).status, 200);
        auto activities = m_client->app("/v1/customers/u7/activities?type=event").json()["activities"];
        QCOMPARE(activities.size(), std::size_t(1));
        QCOMPARE(activities[0]["name"].get<std::string>(), std::string("product_viewed"));
        for (const ActivityEntry &entry : m_server->activity().query({}))
            QVERIFY2(entry.reason.find("type must be") == std::string::npos, entry.reason.c_str());
    }

    void mergesExplicitly()
    {
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/main", R"({"plan":"pro"})").status, 200);
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/dupe", R"({"plan":"free","city":"Lyon"})").status,
                 200);
        QCOMPARE(m_client
                     ->track("POST", "/api/v1/merge_customers",
                             R"({"primary":{"id":"main"},"secondary":{"id":"dupe"}})")
                     .status,
                 200);
        auto customer = m_client->app("/v1/customers/main/attributes").json()["customer"];
        QCOMPARE(customer["attributes"]["plan"].get<std::string>(), std::string("pro"));
        QCOMPARE(customer["attributes"]["city"].get<std::string>(), std::string("Lyon"));
        QCOMPARE(m_client->app("/v1/customers/dupe/attributes").status, 404);
    }

    void ignoresADuplicateEventId()
    {
        const QByteArray event = R"({"name":"order_completed","id":"01HDEDUPE0000000000000000A"})";
        QCOMPARE(m_client->track("POST", "/api/v1/customers/u1/events", event).status, 200);
        QCOMPARE(m_client->track("POST", "/api/v1/customers/u1/events", event).status, 200);
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("ignored"));
        auto activities = m_client->app("/v1/customers/u1/activities?type=event").json()["activities"];
        QCOMPARE(activities.size(), std::size_t(1));
    }

    void recordsThatABackdatedEventCannotTrigger()
    {
        const qint64 fourDaysAgo = QDateTime::currentSecsSinceEpoch() - 4 * 86400;
        QCOMPARE(m_client
                     ->track("POST", "/api/v1/customers/u1/events",
                             QByteArray(R"({"name":"order_completed","timestamp":)") +
                                 QByteArray::number(fourDaysAgo) + "}")
                     .status,
                 200);
        ActivityEntry entry = m_server->activity().query({}).back();
        QCOMPARE(entry.outcome, std::string("accepted"));
        QVERIFY2(entry.reason.find("72h") != std::string::npos, entry.reason.c_str());
    }

    void readsBackByEmail()
    {
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/u5", R"({"email":"five@example.com"})").status,
                 200);
        auto results = m_client->app("/v1/customers?email=five%40example.com").json()["results"];
        QCOMPARE(results.size(), std::size_t(1));
        QCOMPARE(results[0]["id"].get<std::string>(), std::string("u5"));
        QCOMPARE(m_client->app("/v1/customers").status, 400);
    }

    void keepsPlanVerdictsWithTheActivity()
    {
        auto plan = loadPlan(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        QVERIFY2(plan.ok(), "the starter plan ships with the sources");
        m_server->processor().setPlan(*plan);
        QCOMPARE(
            m_client->track("POST", "/api/v1/customers/u1/events", R"({"name":"Order Completed"})").status,
            200);
        ActivityEntry entry = m_server->activity().query({}).back();
        QVERIFY(!entry.verdicts.empty());
        QCOMPARE(m_client->send("GET", "/preflight/activity/count?verdict=fail").json()["count"].get<int>(),
                 1);
    }

    // The query API sees every item of a batch: a correct added_to_cart and an order_completed without
    // completed_at, sent together as a library would, are found by either event, person and verdict.
    void filtersEveryItemOfABatch()
    {
        auto plan = loadPlan(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        QVERIFY2(plan.ok(), "the starter plan ships with the sources");
        m_server->processor().setPlan(*plan);
        const QByteArray line = R"([{"sku":"s1","product_id":"p1","price":68,"quantity":1}])";
        const QByteArray batch = R"({"batch":[
            {"type":"track","userId":"ann","event":"added_to_cart",
             "properties":{"cart_id":"c1","cart_value":68,"currency":"USD","items":)" +
                                 line + R"(}},
            {"type":"track","userId":"bob","event":"order_completed",
             "properties":{"order_id":"o1","revenue":68,"currency":"USD","items":)" +
                                 line + R"(}},
            {"type":"track","userId":"bob","event":"order_completed",
             "properties":{"order_id":"o2","revenue":68,"currency":"USD","items":)" +
                                 line + R"(,
                           "completed_at":"2026-03-02T10:00:00Z"}}]})";
        QCOMPARE(m_client->pipelines("/v1/batch", batch, true).status, 200);
        auto count = [&](const QString &query) {
            const Json answer = m_client->send("GET", "/preflight/activity/count?" + query).json();
            return std::pair{answer["count"].get<int>(), answer["calls"].get<int>()};
        };
        QCOMPARE(count("event=order_completed&verdict=fail"), std::pair(1, 1));
        QCOMPARE(count("event=order_completed"), std::pair(1, 2));
        QCOMPARE(count("event=added_to_cart&verdict=pass"), std::pair(1, 1));
        QCOMPARE(count("event=added_to_cart&verdict=fail"), std::pair(0, 0));
        QCOMPARE(count("person=bob&event=added_to_cart"), std::pair(0, 0)); // one item must match all
        QCOMPARE(count("person=bob"), std::pair(1, 2));
        QCOMPARE(count(""), std::pair(1, 3));
        const Json listed =
            m_client->send("GET", "/preflight/activity?event=order_completed&verdict=fail").json();
        QCOMPARE(listed["activity"].size(), std::size_t(1));
        const Json items = listed["activity"][0]["items"];
        QCOMPARE(items.size(), std::size_t(3));
        QCOMPARE(items[1]["batch_index"].get<int>(), 1);
        QCOMPARE(items[1]["person"].get<std::string>(), std::string("bob"));
        QCOMPARE(items[1]["verdict"].get<std::string>(), std::string("fail"));
        QCOMPARE(items[2]["verdict"].get<std::string>(), std::string("pass"));
    }

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

QTEST_GUILESS_MAIN(TestSandboxWorkspace)
#include "TestSandboxWorkspace.moc"
