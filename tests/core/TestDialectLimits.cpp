#include "api/Dialect.h"
#include "api/Limits.h"
#include "support/HelperChecks.h"

#include <QTest>

using namespace preflight;

// Each documented limit at the boundary: exactly at the limit renders, one byte over is refused with
// the rule's code and the offending field. Sources: CUSTOMERIO.md "Limits and errors",
// docs.customer.io/journeys/invalid-api-requests, the Track and Pipelines OpenAPI descriptions.
class TestDialectLimits : public QObject
{
    Q_OBJECT

private:
    static Call person(CallKind kind)
    {
        Call call;
        call.kind = kind;
        call.identity.id = "42";
        return call;
    }

    // A flat event data object whose compact JSON is exactly `bytes` long: {"k":"xxx..."}.
    static Json dataOfSize(std::size_t bytes) { return Json{{"k", std::string(bytes - 8, 'x')}}; }

    static Result<HttpRequest> render(Api api, const Call &call)
    {
        return dialectFor(api).render(call, ApiTarget{});
    }

    static void expectRefused(const Result<HttpRequest> &result, std::string_view code,
                              const std::string &where)
    {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string(code));
        QCOMPARE(result.error().where, where);
    }

private slots:
    static void trackApis()
    {
        QTest::addColumn<int>("api");
        QTest::newRow("track-v1") << static_cast<int>(Api::TrackV1);
        QTest::newRow("track-v2") << static_cast<int>(Api::TrackV2);
    }

    void acceptsIdentifierOf150BytesAndRejects151_data() { trackApis(); }
    void acceptsIdentifierOf150BytesAndRejects151()
    {
        QFETCH(int, api);
        Call call = person(CallKind::Delete);
        call.identity.id = std::string(150, 'a');
        QVERIFY(render(static_cast<Api>(api), call).ok());
        call.identity.id += "a";
        PREFLIGHT_CHECKED(
            expectRefused(render(static_cast<Api>(api), call), LimitCode::IdentifierTooLong, "/identity/id"));
        // Bytes, not characters: 75 two-byte characters are 150 bytes.
        call.identity.id.clear();
        for (int i = 0; i < 75; ++i)
            call.identity.id += "\xC3\xA9";
        QVERIFY(render(static_cast<Api>(api), call).ok());
    }

    void accepts300AttributesAndRejects301_data() { trackApis(); }
    void accepts300AttributesAndRejects301()
    {
        QFETCH(int, api);
        Call call = person(CallKind::Identify);
        for (int i = 0; i < 300; ++i)
            call.properties["a" + std::to_string(i)] = i;
        QVERIFY(render(static_cast<Api>(api), call).ok());
        call.properties["one_more"] = 1;
        const auto refused = render(static_cast<Api>(api), call);
        PREFLIGHT_CHECKED(expectRefused(refused, LimitCode::TooManyAttributes, "/properties"));
        QCOMPARE(refused.error().message,
                 std::string("cannot identify more than 300 attributes in one request"));
    }

    void emailAttributeCountsTowardThe300_data() { trackApis(); }
    void emailAttributeCountsTowardThe300()
    {
        QFETCH(int, api);
        Call call = person(CallKind::Identify);
        for (int i = 0; i < 300; ++i)
            call.properties["a" + std::to_string(i)] = i;
        call.identity.email = "a@x.co";
        PREFLIGHT_CHECKED(
            expectRefused(render(static_cast<Api>(api), call), LimitCode::TooManyAttributes, "/properties"));
    }

    void acceptsAttributeNameOf150BytesAndRejects151_data() { trackApis(); }
    void acceptsAttributeNameOf150BytesAndRejects151()
    {
        QFETCH(int, api);
        Call call = person(CallKind::Identify);
        call.properties[std::string(150, 'n')] = 1;
        QVERIFY(render(static_cast<Api>(api), call).ok());
        const std::string longName(151, 'n');
        call.properties[longName] = 1;
        PREFLIGHT_CHECKED(expectRefused(render(static_cast<Api>(api), call), LimitCode::AttributeNameTooLong,
                                        "/properties/" + longName));
    }

    void acceptsAttributeValueOf1000BytesAndRejects1001_data() { trackApis(); }
    void acceptsAttributeValueOf1000BytesAndRejects1001()
    {
        QFETCH(int, api);
        Call call = person(CallKind::Identify);
        call.properties["bio"] = std::string(1000, 'v');
        QVERIFY(render(static_cast<Api>(api), call).ok());
        call.properties["bio"] = std::string(1001, 'v');
        const auto refused = render(static_cast<Api>(api), call);
        PREFLIGHT_CHECKED(expectRefused(refused, LimitCode::AttributeValueTooLong, "/properties/bio"));
        QCOMPARE(refused.error().message,
                 std::string("value for attribute 'bio' cannot be longer than 1000 bytes"));
    }

    void acceptsEventNameOf100BytesAndRejects101_data() { trackApis(); }
    void acceptsEventNameOf100BytesAndRejects101()
    {
        QFETCH(int, api);
        Call call = person(CallKind::Track);
        call.name = std::string(100, 'e');
        QVERIFY(render(static_cast<Api>(api), call).ok());
        call.name += "e";
        PREFLIGHT_CHECKED(
            expectRefused(render(static_cast<Api>(api), call), LimitCode::EventNameTooLong, "/name"));
    }

    void rejectsBlankEventName_data()
    {
        QTest::addColumn<int>("api");
        QTest::addColumn<QString>("name");
        for (Api api : {Api::TrackV1, Api::TrackV2}) {
            int n = 0;
            for (const char *name : {"", " ", "\t \n"}) {
                const std::string row = std::string(toString(api)) + " blank " + std::to_string(n++);
                QTest::newRow(row.c_str()) << static_cast<int>(api) << QString::fromUtf8(name);
            }
        }
    }
    void rejectsBlankEventName()
    {
        QFETCH(int, api);
        QFETCH(QString, name);
        Call call = person(CallKind::Track);
        call.name = name.toStdString();
        const auto refused = render(static_cast<Api>(api), call);
        PREFLIGHT_CHECKED(expectRefused(refused, LimitCode::EventNameBlank, "/name"));
        QCOMPARE(refused.error().message, std::string("event name must not be blank"));
    }

    void acceptsEventDataOf100000BytesAndRejects100001()
    {
        // Track v1 only: on v2 the 32 KB entity limit comes first.
        Call call = person(CallKind::Track);
        call.name = "big";
        call.properties = dataOfSize(100'000);
        QCOMPARE(call.properties.dump().size(), std::size_t(100'000));
        QVERIFY(render(Api::TrackV1, call).ok());
        call.properties = dataOfSize(100'001);
        PREFLIGHT_CHECKED(
            expectRefused(render(Api::TrackV1, call), LimitCode::EventDataTooLarge, "/properties"));
    }

    // The sandbox parses Track v1 events with this limit; it skips re-serialising small bodies. Whatever the
    // source's spelling (padding, exponents), the limit applies to the compact data.
    void parsedEventDataLimitAppliesToTheCompactData()
    {
        Call call = person(CallKind::Track);
        call.name = "big";
        call.properties = dataOfSize(100);
        Result<HttpRequest> request = render(Api::TrackV1, call);
        QVERIFY(request.ok());
        auto bodyWith = [&](const std::string &data) {
            HttpRequest padded = *request;
            padded.body = "{\"name\":\"big\",\"data\":" + data + "}";
            return dialectFor(Api::TrackV1).parse(padded);
        };
        // 150 KB of whitespace around 100,000 bytes of compact data: accepted.
        const std::string atLimit = dataOfSize(100'000).dump();
        QVERIFY(bodyWith(std::string(150'000, ' ') + atLimit).ok());
        // One byte over, however it is spelled: refused.
        const Result<Call> over = bodyWith(dataOfSize(100'001).dump());
        QVERIFY(!over.ok());
        QCOMPARE(over.error().code, std::string(LimitCode::EventDataTooLarge));
        // Exponents grow the most when re-serialised (1e15 → 1000000000000000.0), still within the bound
        // the fast path relies on.
        std::string exponents = "{\"n\":[1e15";
        for (int i = 0; i < 1000; ++i)
            exponents += ",1e15";
        exponents += "]}";
        QVERIFY(compactJson(Json::parse(exponents)).size() <= kCompactGrowth * exponents.size());
        QVERIFY(bodyWith(exponents).ok());
    }

    void acceptsV2EntityOf32KiBAndRejectsOneByteMore()
    {
        Call call = person(CallKind::Track);
        call.name = "e";
        call.properties = dataOfSize(100);
        const auto probe = render(Api::TrackV2, call);
        QVERIFY(probe.ok());
        const std::size_t overhead = probe->body.size() - 100;
        call.properties = dataOfSize(32 * 1024 - overhead);
        const auto atLimit = render(Api::TrackV2, call);
        QVERIFY(atLimit.ok());
        QCOMPARE(atLimit->body.size(), std::size_t(32 * 1024));
        call.properties = dataOfSize(32 * 1024 - overhead + 1);
        PREFLIGHT_CHECKED(expectRefused(render(Api::TrackV2, call), LimitCode::EntityTooLarge, ""));
    }

    void acceptsV2BatchItemOf32KiBAndRejectsOneByteMore()
    {
        Call item = person(CallKind::Track);
        item.name = "e";
        item.properties = dataOfSize(100);
        Call batch;
        batch.kind = CallKind::Batch;
        batch.batch = {item};
        const auto probe = render(Api::TrackV2, batch);
        QVERIFY(probe.ok());
        const std::size_t itemOverhead = probe->body.size() - std::string(R"({"batch":[]})").size() - 100;
        batch.batch[0].properties = dataOfSize(32 * 1024 - itemOverhead);
        QVERIFY(render(Api::TrackV2, batch).ok());
        batch.batch[0].properties = dataOfSize(32 * 1024 - itemOverhead + 1);
        PREFLIGHT_CHECKED(
            expectRefused(render(Api::TrackV2, batch), LimitCode::BatchItemTooLarge, "/batch/0"));
    }

    void acceptsV2BatchOf500KiBAndRejectsOneByteMore()
    {
        // Twenty-one items of ~24 KB each, the last one sized so the body is exactly 500 KiB.
        Call item = person(CallKind::Track);
        item.name = "e";
        Call batch;
        batch.kind = CallKind::Batch;
        item.properties = dataOfSize(24'000);
        for (int i = 0; i < 21; ++i)
            batch.batch.push_back(item);
        const auto probe = render(Api::TrackV2, batch);
        QVERIFY(probe.ok());
        const std::size_t missingBytes = 500 * 1024 - probe->body.size();
        batch.batch.back().properties = dataOfSize(24'000 + missingBytes);
        const auto atLimit = render(Api::TrackV2, batch);
        QVERIFY(atLimit.ok());
        QCOMPARE(atLimit->body.size(), std::size_t(500 * 1024));
        batch.batch.back().properties = dataOfSize(24'000 + missingBytes + 1);
        PREFLIGHT_CHECKED(expectRefused(render(Api::TrackV2, batch), LimitCode::BatchTooLarge, "/batch"));
    }

    void acceptsPipelinesCallOf32KiBAndRejectsOneByteMore()
    {
        Call call = person(CallKind::Track);
        call.name = "e";
        call.properties = dataOfSize(100);
        const auto probe = render(Api::Pipelines, call);
        QVERIFY(probe.ok());
        const std::size_t overhead = probe->body.size() - 100;
        call.properties = dataOfSize(32 * 1024 - overhead);
        const auto atLimit = render(Api::Pipelines, call);
        QVERIFY(atLimit.ok());
        QCOMPARE(atLimit->body.size(), std::size_t(32 * 1024));
        call.properties = dataOfSize(32 * 1024 - overhead + 1);
        PREFLIGHT_CHECKED(expectRefused(render(Api::Pipelines, call), LimitCode::CallTooLarge, ""));
    }

    void acceptsPipelinesBatchOf500KiBAndRejectsOneByteMore()
    {
        Call item = person(CallKind::Track);
        item.name = "e";
        item.properties = dataOfSize(24'000);
        Call batch;
        batch.kind = CallKind::Batch;
        for (int i = 0; i < 21; ++i)
            batch.batch.push_back(item);
        const auto probe = render(Api::Pipelines, batch);
        QVERIFY(probe.ok());
        const std::size_t missingBytes = 500 * 1024 - probe->body.size();
        batch.batch.back().properties = dataOfSize(24'000 + missingBytes);
        const auto atLimit = render(Api::Pipelines, batch);
        QVERIFY(atLimit.ok());
        QCOMPARE(atLimit->body.size(), std::size_t(500 * 1024));
        batch.batch.back().properties = dataOfSize(24'000 + missingBytes + 1);
        PREFLIGHT_CHECKED(expectRefused(render(Api::Pipelines, batch), LimitCode::BatchTooLarge, "/batch"));
        // An item over 32 KiB is refused on its own, with its index.
        batch.batch.resize(2);
        batch.batch[1].properties = dataOfSize(40'000);
        PREFLIGHT_CHECKED(
            expectRefused(render(Api::Pipelines, batch), LimitCode::BatchItemTooLarge, "/batch/1"));
    }

    void limitsAreTheDocumentedNumbers()
    {
        QCOMPARE(kTrackLimits.identifierBytes, std::size_t(150));
        QCOMPARE(kTrackLimits.attributesPerIdentify, std::size_t(300));
        QCOMPARE(kTrackLimits.attributeNameBytes, std::size_t(150));
        QCOMPARE(kTrackLimits.attributeValueBytes, std::size_t(1000));
        QCOMPARE(kTrackLimits.eventNameBytes, std::size_t(100));
        QCOMPARE(kTrackLimits.eventDataBytes, std::size_t(100'000));
        QCOMPARE(kTrackLimits.v2EntityBytes, std::size_t(32768));
        QCOMPARE(kTrackLimits.v2BatchBytes, std::size_t(512000));
        QCOMPARE(kPipelinesLimits.callBytes, std::size_t(32768));
        QCOMPARE(kPipelinesLimits.batchBytes, std::size_t(512000));
    }
};

QTEST_GUILESS_MAIN(TestDialectLimits)
#include "TestDialectLimits.moc"
