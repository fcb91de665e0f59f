#include "support/FaultServer.h"

#include "transport/RequestAuth.h"
#include "transport/RequestBatcher.h"
#include "transport/RequestPacer.h"
#include "transport/RetryPolicy.h"
#include "transport/Transport.h"

#include <QElapsedTimer>
#include <QTimeZone>
#include <algorithm>
#include <ctime>
#include <limits>

#include "common/Json.h"
#include <QTest>

using namespace preflight;

class TestTransport : public QObject
{
    Q_OBJECT

private slots:
    void pacerSpacesRequestsAtTheRate()
    {
        RequestPacer pacer(49.0);                    // paced at 98%: one per 1000 / 48.02 = 20.8 ms
        QCOMPARE(pacer.wait(1000), std::int64_t(0)); // the first goes at once
        pacer.sent(1000);
        QCOMPARE(pacer.wait(1000), std::int64_t(21));
        QCOMPARE(pacer.wait(1010), std::int64_t(11));
        pacer.sent(1021);
        pacer.sent(1050); // 8 ms late (within the 20 ms slack): the schedule holds, the next is due at 1062.5
        QCOMPARE(pacer.wait(1050), std::int64_t(13));
        pacer.sent(1500); // a long stall: no burst to make it up, the next waits a whole interval
        QCOMPARE(pacer.wait(1500), std::int64_t(21));
    }

    // However late a busy event loop lets requests out, no one-second window holds more than the limit,
    // and a loop that wakes a little late still gets 95% of it.
    void pacedRequestsNeverExceedTheLimitInAnySecond()
    {
        for (double limit : {100.0, 30.0, 7.0}) {
            RequestPacer pacer(limit);
            std::vector<std::int64_t> sends;
            std::int64_t now = 5'000;
            unsigned noise = 12345;
            while (sends.size() < 2000) {
                noise = noise * 1103515245u + 12345u;
                const std::int64_t late = (noise >> 16) % 3;                                // 0-2 ms late
                const std::int64_t stall = (noise >> 8) % 97 == 0 ? (noise >> 4) % 400 : 0; // now and then
                now += std::max<std::int64_t>(pacer.wait(now), 0) + late + stall;
                if (pacer.wait(now) == 0) {
                    pacer.sent(now);
                    sends.push_back(now);
                }
            }
            std::size_t first = 0;
            for (std::size_t last = 0; last < sends.size(); ++last) {
                while (sends[last] - sends[first] >= 1000)
                    ++first;
                QVERIFY2(
                    double(last - first + 1) <= limit,
                    qPrintable(QStringLiteral("%1 in a second at %2/s").arg(last - first + 1).arg(limit)));
            }
        }
        // Saturated, waking 0-2 ms late at 100/s: at least 95% of the limit on average.
        RequestPacer pacer(100.0);
        std::int64_t now = 0;
        int sent = 0;
        unsigned noise = 7;
        while (now < 60'000) {
            noise = noise * 1103515245u + 12345u;
            now += pacer.wait(now) + (noise >> 16) % 3;
            if (pacer.wait(now) == 0) {
                pacer.sent(now);
                ++sent;
            }
        }
        QVERIFY2(sent >= 0.95 * 100 * 60, qPrintable(QStringLiteral("%1 in 60 s").arg(sent)));
    }

    void parsesRetryAfter_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<qint64>("expectedMs"); // -1: unreadable
        QTest::newRow("seconds") << "5" << qint64(5000);
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("spaces") << " 2 " << qint64(2000);
        QTest::newRow("http date 90 s ahead") << "Sun, 22 Nov 2026 10:01:30 GMT" << qint64(90000);
        QTest::newRow("http date in the past") << "Sun, 22 Nov 2026 09:00:00 GMT" << qint64(0);
        QTest::newRow("negative") << "-3" << qint64(-1);
        QTest::newRow("garbage") << "soon" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("signed seconds") << "+5" << qint64(-1);
        QTest::newRow("seconds beyond milliseconds' range")
            << "9223372036854775807" << qint64(std::numeric_limits<std::int64_t>::max() / 1000 * 1000);
        QTest::newRow("seconds beyond 64 bits") << "99999999999999999999" << qint64(-1);
        QTest::newRow("obsolete RFC 850 date") << "Sunday, 22-Nov-26 10:01:30 GMT" << qint64(-1);
    }
    void parsesRetryAfter()
    {
        QFETCH(QString, value);
        QFETCH(qint64, expectedMs);
        const std::int64_t now =
            QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const auto parsed = RetryPolicy::parseRetryAfterMs(value.toStdString(), now);
        QCOMPARE(parsed.value_or(-1), expectedMs);
    }

    void parsesRetryAfterDatesAsUtcWhateverTheLocalZone()
    {
        // 02:30 on that day does not exist in Berlin (clocks go from 02:00 to 03:00): a parse through local
        // time shifts it by an hour.
        const QByteArray savedZone = qgetenv("TZ");
        qputenv("TZ", "Europe/Berlin");
        tzset();
        const std::int64_t now =
            QDateTime(QDate(2026, 3, 29), QTime(2, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const auto parsed = RetryPolicy::parseRetryAfterMs("Sun, 29 Mar 2026 02:30:00 GMT", now);
        if (savedZone.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", savedZone);
        tzset();
        QCOMPARE(parsed.value_or(-1), std::int64_t(30 * 60 * 1000));
    }

    void classifiesAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("decision");
        QTest::newRow("no answer") << 0 << int(RetryDecision::Retry);
        QTest::newRow("200") << 200 << int(RetryDecision::Done);
        QTest::newRow("207 partial batch") << 207 << int(RetryDecision::Done);
        QTest::newRow("400") << 400 << int(RetryDecision::DeadLetter);
        QTest::newRow("401") << 401 << int(RetryDecision::DeadLetter);
        QTest::newRow("404") << 404 << int(RetryDecision::DeadLetter);
        QTest::newRow("408") << 408 << int(RetryDecision::Retry);
        QTest::newRow("429") << 429 << int(RetryDecision::Retry);
        QTest::newRow("500") << 500 << int(RetryDecision::Retry);
        QTest::newRow("503") << 503 << int(RetryDecision::Retry);
    }
    void classifiesAnswers()
    {
        QFETCH(int, status);
        QFETCH(int, decision);
        HttpResponse response;
        response.status = status;
        QCOMPARE(int(RetryPolicy::classify(response)), decision);
    }

    void backoffGrowsWithJitterAndIsCapped()
    {
        RetryPolicy policy;
        policy.baseDelayMs = 100;
        policy.maxDelayMs = 1000;
        std::mt19937_64 random(7);
        HttpResponse error; // network error
        for (int attempt = 1; attempt <= 8; ++attempt) {
            const std::int64_t ceiling = std::min<std::int64_t>(1000, 100LL << (attempt - 1));
            for (int i = 0; i < 50; ++i) {
                const std::int64_t delay = policy.delayMs(attempt, error, 0, random);
                QVERIFY2(delay >= ceiling / 2 && delay <= ceiling, qPrintable(QString::number(delay)));
            }
        }
    }

    void retryAfterWinsOverBackoff()
    {
        RetryPolicy policy;
        std::mt19937_64 random(1);
        HttpResponse response;
        response.status = 429;
        response.headers.emplace_back("retry-after", "3");
        const std::int64_t delay = policy.delayMs(1, response, 0, random);
        QVERIFY(delay >= 3000 && delay <= 3000 + policy.baseDelayMs);
        response.headers = {{"Retry-After", "100000"}};
        QVERIFY(policy.delayMs(1, response, 0, random) <= policy.maxRetryAfterMs + policy.baseDelayMs);
    }

    void batchesTrackV2EntitiesWithinTheSizeLimit()
    {
        std::vector<HttpRequest> singles;
        const std::string filler(10000, 'x');
        for (int i = 0; i < 120; ++i)
            singles.push_back({"POST",
                               "http://h/api/v2/entity",
                               {{"Content-Type", "application/json", false}},
                               Json{{"type", "person"},
                                    {"identifiers", {{"id", "p" + std::to_string(i)}}},
                                    {"action", "event"},
                                    {"name", "e"},
                                    {"attributes", {{"f", filler}}}}
                                   .dump()});
        const std::vector<BatchedRequest> batches = RequestBatcher().batch(Api::TrackV2, singles);
        QVERIFY(batches.size() >= 3); // 120 × 10 KB cannot fit in one 500 KB batch
        std::size_t carried = 0;
        for (const BatchedRequest &batch : batches) {
            QVERIFY(batch.isBatch);
            QCOMPARE(batch.request.url, std::string("http://h/api/v2/batch"));
            QVERIFY(batch.request.body.size() <= RequestBatcher::kMaxBatchBytes);
            const Json body = Json::parse(batch.request.body);
            QCOMPARE(body["batch"].size(), batch.members.size());
            QCOMPARE(body["batch"][0]["identifiers"]["id"].get<std::string>(),
                     "p" + std::to_string(batch.members[0]));
            carried += batch.members.size();
        }
        QCOMPARE(carried, singles.size());
    }

    void sendsOversizedAndUnbatchableRequestsAlone()
    {
        std::vector<HttpRequest> singles = {
            {"POST", "http://h/api/v2/entity", {}, "{\"a\":1}"},
            {"POST", "http://h/api/v2/entity", {}, "{\"big\":\"" + std::string(40000, 'y') + "\"}"},
            {"PUT", "http://h/api/v1/customers/p1", {}, "{}"},
        };
        const std::vector<BatchedRequest> batches = RequestBatcher().batch(Api::TrackV2, singles);
        QCOMPARE(batches.size(), std::size_t(3));
        for (const BatchedRequest &batch : batches)
            QVERIFY(!batch.isBatch);
        QCOMPARE(batches[1].request.url, std::string("http://h/api/v2/entity"));
    }

    void batchesPipelinesCallsWithTheirType()
    {
        std::vector<HttpRequest> singles = {
            {"POST", "http://h/v1/identify", {}, "{\"userId\":\"u1\",\"traits\":{}}"},
            {"POST", "http://h/v1/track", {}, "{\"userId\":\"u1\",\"event\":\"x\"}"},
            {"POST", "http://h/v1/alias", {}, "{\"previousId\":\"a\",\"userId\":\"u1\"}"},
        };
        const std::vector<BatchedRequest> batches = RequestBatcher().batch(Api::Pipelines, singles);
        QCOMPARE(batches.size(), std::size_t(2));
        QCOMPARE(batches[0].request.url, std::string("http://h/v1/batch"));
        const Json body = Json::parse(batches[0].request.body);
        QCOMPARE(body["batch"][0]["type"].get<std::string>(), std::string("identify"));
        QCOMPARE(body["batch"][1]["type"].get<std::string>(), std::string("track"));
        QCOMPARE(batches[1].request.url, std::string("http://h/v1/alias"));
    }

    void appliesAndStripsCredentialsPerApi_data()
    {
        QTest::addColumn<int>("api");
        QTest::addColumn<QString>("authorization");
        QTest::newRow("track v1") << int(Api::TrackV1) << "Basic c2l0ZTprZXk=";
        QTest::newRow("track v2") << int(Api::TrackV2) << "Basic c2l0ZTprZXk=";
        QTest::newRow("pipelines") << int(Api::Pipelines) << "Basic d3JpdGU6";
        QTest::newRow("app") << int(Api::App) << "Bearer app-token";
    }
    void appliesAndStripsCredentialsPerApi()
    {
        QFETCH(int, api);
        QFETCH(QString, authorization);
        HttpRequest request{"POST", "http://h/x", {{"Content-Type", "application/json", false}}, "{}"};
        RequestAuth::applyCredentials(request, Api(api), {"site", "key", "write", "app-token"});
        QCOMPARE(QString::fromStdString(request.header("authorization")), authorization);
        const HttpRequest stripped = RequestAuth::withoutCredentials(request);
        QVERIFY(!stripped.hasHeader("Authorization"));
        QVERIFY(stripped.hasHeader("Content-Type"));
    }

    void sendsOverLoopbackAndReportsStatusAndBody()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int) {
            return FaultReply::withStatus(400, "{\"meta\":{\"error\":\"x\"}}");
        });
        Transport transport;
        const HttpResponse response = transport.sendAndWait(
            {"PUT", server.origin().toStdString() + "/api/v1/customers/p1", {}, "{\"a\":1}"}, Api::TrackV1);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.body, std::string("{\"meta\":{\"error\":\"x\"}}"));
        QCOMPARE(server.received().value(0).method, QByteArray("PUT"));
        QCOMPARE(server.received().value(0).body, QByteArray("{\"a\":1}"));
    }

    void reportsDroppedConnectionAsNoAnswer()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int) { return FaultReply::drop(); });
        Transport transport;
        const HttpResponse response = transport.sendAndWait(
            {"POST", server.origin().toStdString() + "/api/v2/entity", {}, "{}"}, Api::TrackV2);
        QCOMPARE(response.status, 0);
        QVERIFY(!response.networkError.empty());
    }

    void timesOutASlowServer()
    {
        FaultServer server;
        server.setScript([](const ReceivedRequest &, int) { return FaultReply::slow(3000); });
        Transport transport;
        transport.setTimeoutMs(300);
        QElapsedTimer clock;
        clock.start();
        const HttpResponse response = transport.sendAndWait(
            {"POST", server.origin().toStdString() + "/api/v2/entity", {}, "{}"}, Api::TrackV2);
        QCOMPARE(response.status, 0);
        QVERIFY2(response.networkError.find("timed out") != std::string::npos, response.networkError.c_str());
        QVERIFY(clock.elapsed() < 2500);
    }

    void trackV1AndV2ShareOneRateLimit()
    {
        Transport transport;
        QCOMPARE(transport.rateLimit(Api::TrackV2), Transport::defaultRate(Api::TrackV1));
        transport.setRateLimit(Api::TrackV2, 7.0);
        QCOMPARE(transport.rateLimit(Api::TrackV1), 7.0);
        QCOMPARE(transport.rateLimit(Api::Pipelines), Transport::defaultRate(Api::Pipelines));
    }

    void pacesRequestsAtTheConfiguredRate()
    {
        FaultServer server;
        Transport transport;
        transport.setRateLimit(Api::TrackV1, 50.0); // one at once, then one per 20.4 ms (98%): no burst
        QCOMPARE(transport.rateLimit(Api::TrackV1), 50.0);
        int answered = 0;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 25; ++i)
            transport.send({"GET", server.origin().toStdString() + "/api/v1/accounts/region", {}, {}},
                           Api::TrackV1,
                           [&](const HttpResponse &response) { answered += response.status == 200; });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 25, 10000);
        QVERIFY2(clock.elapsed() >= 480, qPrintable(QString::number(clock.elapsed()))); // 24 paced × 20 ms
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "TestTransport.moc"
