#include "api/Dialect.h"

#include <QTest>

using namespace preflight;

// parse reads requests as the real API would (what the sandbox receives). Track v1 refusals carry the
// documented message verbatim (docs.customer.io/journeys/invalid-api-requests, CUSTOMERIO.md).
class TestDialectParse : public QObject
{
    Q_OBJECT

private:
    static HttpRequest request(const char *method, const std::string &url, const std::string &body = {})
    {
        HttpRequest r;
        r.method = method;
        r.url = url;
        r.body = body;
        if (!body.empty())
            r.setHeader("Content-Type", "application/json");
        return r;
    }

private slots:
    void trackV1RefusesWithTheDocumentedMessage_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("where");
        const QString events = "http://127.0.0.1:8080/api/v1/customers/42/events";
        QTest::newRow("missing name") << "POST" << events << R"({"data":{}})"
                                      << "event_name_blank"
                                      << "event name must not be blank"
                                      << "/name";
        QTest::newRow("blank name") << "POST" << events << R"({"name":"  "})"
                                    << "event_name_blank"
                                    << "event name must not be blank"
                                    << "/name";
        QTest::newRow("name 101 bytes")
            << "POST" << events << QString(R"({"name":"%1"})").arg(QString(101, 'n')) << "event_name_too_long"
            << "event name cannot be longer than 100 bytes"
            << "/name";
        QTest::newRow("data a string")
            << "POST" << events << R"({"name":"x","data":""})"
            << "event_data_not_object"
            << "event data must be a hash (e.g., send \"data\":{} instead of \"data\":\"\")"
            << "/data";
        QTest::newRow("data too large")
            << "POST" << events << QString(R"({"name":"x","data":{"k":"%1"}})").arg(QString(99993, 'd'))
            << "event_data_too_large"
            << "event data cannot be longer than 100000 bytes"
            << "/data";
        QTest::newRow("anonymous blank name") << "POST"
                                              << "https://track.customer.io/api/v1/events"
                                              << R"({"anonymous_id":"a","name":""})"
                                              << "event_name_blank"
                                              << "event name must not be blank"
                                              << "/name";
        QTest::newRow("identify without id") << "PUT"
                                             << "https://track.customer.io/api/v1/customers/"
                                             << "{}"
                                             << "identifier_missing"
                                             << "id attribute must be present"
                                             << "";
        QString many = "{";
        for (int i = 0; i < 301; ++i)
            many += QString(R"(%1"a%2":1)").arg(i ? "," : "").arg(i);
        many += "}";
        QTest::newRow("301 attributes")
            << "PUT"
            << "https://track.customer.io/api/v1/customers/42" << many << "too_many_attributes"
            << "cannot identify more than 300 attributes in one request"
            << "";
        QTest::newRow("attribute name 151")
            << "PUT"
            << "https://track.customer.io/api/v1/customers/42"
            << QString(R"({"%1":1})").arg(QString(151, 'n')) << "attribute_name_too_long"
            << "attribute name cannot be longer than 150 bytes"
            << "/" + QString(151, 'n');
        QTest::newRow("attribute value 1001")
            << "PUT"
            << "https://track.customer.io/api/v1/customers/42"
            << QString(R"({"bio":"%1"})").arg(QString(1001, 'v')) << "attribute_value_too_long"
            << "value for attribute 'bio' cannot be longer than 1000 bytes"
            << "/bio";
        QTest::newRow("not json") << "PUT"
                                  << "https://track.customer.io/api/v1/customers/42"
                                  << "{"
                                  << "invalid_json"
                                  << "the request body is not valid JSON"
                                  << "";
        QTest::newRow("unknown route")
            << "POST"
            << "https://track.customer.io/api/v1/nothing"
            << "{}"
            << "not_found"
            << "no Track API v1 route for POST https://track.customer.io/api/v1/nothing"
            << "";
        QTest::newRow("wrong method")
            << "GET"
            << "https://track.customer.io/api/v1/customers/42/events"
            << ""
            << "method_not_allowed"
            << "GET is not allowed on https://track.customer.io/api/v1/customers/42/events"
            << "";
    }

    void trackV1RefusesWithTheDocumentedMessage()
    {
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QString, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, where);
        const std::string m = method.toStdString();
        const auto parsed =
            dialectFor(Api::TrackV1).parse(request(m.c_str(), url.toStdString(), body.toStdString()));
        QVERIFY(!parsed.ok());
        QCOMPARE(QString::fromStdString(parsed.error().code), code);
        QCOMPARE(QString::fromStdString(parsed.error().message), message);
        QCOMPARE(QString::fromStdString(parsed.error().where), where);
    }

    void trackV1AcceptsEventDataOfExactly100000Bytes()
    {
        // {"k":"..."} of 100,000 bytes
        const std::string body = "{\"name\":\"x\",\"data\":{\"k\":\"" + std::string(99992, 'd') + "\"}}";
        const auto parsed =
            dialectFor(Api::TrackV1).parse(request("POST", "/api/v1/customers/42/events", body));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->properties.dump().size(), std::size_t(100000));
    }

    void trackV1IdentifyReadsAnonymousIdAndEmailIntoTheIdentity()
    {
        const auto parsed =
            dialectFor(Api::TrackV1)
                .parse(request(
                    "PUT", "https://track.customer.io/api/v1/customers/42",
                    R"({"email":"a@x.co","anonymous_id":"anon-7","plan":"pro","created_at":1700000000})"));
        QVERIFY(parsed.ok());
        QVERIFY(parsed->kind == CallKind::Identify);
        QCOMPARE(parsed->identity.id, std::string("42"));
        QCOMPARE(parsed->identity.email, std::string("a@x.co"));
        QCOMPARE(parsed->identity.anonymousId, std::string("anon-7"));
        QVERIFY(parsed->properties == (Json{{"plan", "pro"}, {"created_at", 1700000000}}));
    }

    void trackV1DecodesThePathIdentifier_data()
    {
        QTest::addColumn<QString>("segment");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("cioId");
        QTest::newRow("email encoded") << "a%2Bb%40x.co"
                                       << ""
                                       << "a+b@x.co"
                                       << "";
        QTest::newRow("email raw (go-customerio leaves + and @)") << "a+b@x.co"
                                                                  << ""
                                                                  << "a+b@x.co"
                                                                  << "";
        QTest::newRow("cio_id") << "cio_347f00d"
                                << ""
                                << ""
                                << "347f00d";
        QTest::newRow("id with space and slash") << "u%201%2F2"
                                                 << "u 1/2"
                                                 << ""
                                                 << "";
    }

    void trackV1DecodesThePathIdentifier()
    {
        QFETCH(QString, segment);
        QFETCH(QString, id);
        QFETCH(QString, email);
        QFETCH(QString, cioId);
        const auto parsed = dialectFor(Api::TrackV1)
                                .parse(request("DELETE", "https://track.customer.io/api/v1/customers/" +
                                                             segment.toStdString()));
        QVERIFY(parsed.ok());
        QVERIFY(parsed->kind == CallKind::Delete);
        QCOMPARE(QString::fromStdString(parsed->identity.id), id);
        QCOMPARE(QString::fromStdString(parsed->identity.email), email);
        QCOMPARE(QString::fromStdString(parsed->identity.cioId), cioId);
    }

    void trackV1ReadsMergeAndDevices()
    {
        const Dialect &v1 = dialectFor(Api::TrackV1);
        const auto merge = v1.parse(request("POST", "/api/v1/merge_customers",
                                            R"({"primary":{"id":"1"},"secondary":{"email":"old@x.co"}})"));
        QVERIFY(merge.ok());
        QVERIFY(merge->kind == CallKind::Merge);
        QCOMPARE(merge->identity.id, std::string("1"));
        QCOMPARE(merge->secondary.email, std::string("old@x.co"));
        const auto badMerge =
            v1.parse(request("POST", "/api/v1/merge_customers", R"({"primary":{"id":"1"}})"));
        QVERIFY(!badMerge.ok());
        QCOMPARE(badMerge.error().where, std::string("/secondary"));

        const auto device =
            v1.parse(request("PUT", "/api/v1/customers/42/devices",
                             R"({"device":{"id":"tok","platform":"android","last_used":1700000000}})"));
        QVERIFY(device.ok());
        QVERIFY(device->kind == CallKind::AddDevice);
        QCOMPARE(device->device->token, std::string("tok"));
        QCOMPARE(device->device->platform, std::string("android"));
        QCOMPARE(*device->device->lastUsed, std::int64_t(1700000000));
        const auto badPlatform = v1.parse(
            request("PUT", "/api/v1/customers/42/devices", R"({"device":{"id":"tok","platform":"web"}})"));
        QVERIFY(!badPlatform.ok());
        QCOMPARE(badPlatform.error().where, std::string("/device/platform"));
        const auto deleted = v1.parse(request("DELETE", "/api/v1/customers/42/devices/tok%2F1"));
        QVERIFY(deleted.ok());
        QCOMPARE(deleted->device->token, std::string("tok/1"));
    }

    void trackV1ReadsSuppressWithOrWithoutBody()
    {
        for (const char *body : {"", "{}"}) {
            const auto parsed =
                dialectFor(Api::TrackV1).parse(request("POST", "/api/v1/customers/42/suppress", body));
            QVERIFY(parsed.ok());
            QVERIFY(parsed->kind == CallKind::Suppress);
        }
    }

    void trackV1RefusesMillisecondLookingTypesNot()
    {
        // The API takes any integer timestamp; a string is refused.
        const auto parsed = dialectFor(Api::TrackV1)
                                .parse(request("POST", "/api/v1/customers/42/events",
                                               R"({"name":"x","timestamp":"2026-11-22T19:00:00Z"})"));
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, std::string("bad_timestamp"));
        QCOMPARE(parsed.error().where, std::string("/timestamp"));
    }

    void trackV2BatchAnswersEachItem()
    {
        const std::string body =
            R"({"batch":[)"
            R"({"type":"person","identifiers":{"id":"1"},"action":"event","name":"ok"},)"
            R"({"type":"person","identifiers":{"id":"1"},"action":"event","name":""},)"
            R"({"type":"person","identifiers":{"id":"1","email":"a@x.co"},"action":"identify"},)"
            R"({"type":"person","identifiers":{"id":"1"},"action":"fly"},)"
            R"({"type":"person","identifiers":{"email":"a@x.co"},"action":"identify","attributes":{"plan":"pro"}}]})";
        const auto items = dialectFor(Api::TrackV2).parseBatchItems(request("POST", "/api/v2/batch", body));
        QVERIFY(items.ok());
        QCOMPARE(items->size(), std::size_t(5));
        QVERIFY((*items)[0].ok());
        QCOMPARE((*items)[1].error().code, std::string("event_name_blank"));
        QCOMPARE((*items)[1].error().where, std::string("/batch/1/name"));
        QCOMPARE((*items)[2].error().code, std::string("identifier_missing"));
        QCOMPARE((*items)[2].error().where, std::string("/batch/2/identifiers"));
        QCOMPARE((*items)[3].error().code, std::string("invalid_action"));
        QVERIFY((*items)[4].ok());
        QCOMPARE((*items)[4].value().identity.email, std::string("a@x.co"));
        // parse of the whole batch fails on the first bad item.
        const auto whole = dialectFor(Api::TrackV2).parse(request("POST", "/api/v2/batch", body));
        QVERIFY(!whole.ok());
        QCOMPARE(whole.error().where, std::string("/batch/1/name"));
    }

    void trackV2RefusesARequestThatIsNoBatch()
    {
        const auto items =
            dialectFor(Api::TrackV2).parseBatchItems(request("POST", "/api/v2/batch", R"({"ops":[]})"));
        QVERIFY(!items.ok());
        QCOMPARE(items.error().code, std::string("batch_missing"));
        const auto entity =
            dialectFor(Api::TrackV2)
                .parse(request("POST", "/api/v2/entity",
                               "{\"type\":\"person\",\"identifiers\":{\"id\":\"1\"},\"action\":\"event\","
                               "\"name\":\"x\",\"attributes\":{\"k\":\"" +
                                   std::string(33000, 'x') + "\"}}"));
        QVERIFY(!entity.ok());
        QCOMPARE(entity.error().code, std::string("entity_too_large"));
    }

    void pipelinesIdentifyWithBothIdsTiesTheAnonymousActivity()
    {
        const auto parsed =
            dialectFor(Api::Pipelines)
                .parse(request(
                    "POST", "https://cdp.customer.io/v1/identify",
                    R"({"userId":"42","anonymousId":"anon-1","traits":{"email":"a@x.co"},"timestamp":"2026-11-22T19:00:00+01:00","integrations":{"All":true}})"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->identity.id, std::string("42"));
        QCOMPARE(parsed->identity.anonymousId, std::string("anon-1"));
        QCOMPARE(parsed->identity.email, std::string("a@x.co"));
        QCOMPARE(*parsed->occurredAt, UnixMillis(1795370400000));
    }

    void pipelinesRefusesWhatTheApiRefuses_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("where");
        QTest::newRow("no user") << "/v1/track"
                                 << R"({"event":"x"})"
                                 << "identifier_missing"
                                 << "";
        QTest::newRow("no event") << "/v1/track"
                                  << R"({"userId":"1"})"
                                  << "event_name_blank"
                                  << "/event";
        QTest::newRow("epoch timestamp") << "/v1/track"
                                         << R"({"userId":"1","event":"x","timestamp":1700000000})"
                                         << "bad_timestamp"
                                         << "/timestamp";
        QTest::newRow("group without id") << "/v1/group"
                                          << R"({"userId":"1"})"
                                          << "group_id_missing"
                                          << "/groupId";
        QTest::newRow("alias without previous") << "/v1/alias"
                                                << R"({"userId":"1"})"
                                                << "identifier_missing"
                                                << "";
        QTest::newRow("unknown endpoint") << "/v1/merge"
                                          << "{}"
                                          << "not_found"
                                          << "";
    }

    void pipelinesRefusesWhatTheApiRefuses()
    {
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(QString, code);
        QFETCH(QString, where);
        const auto parsed =
            dialectFor(Api::Pipelines)
                .parse(request("POST", "https://cdp.customer.io" + path.toStdString(), body.toStdString()));
        QVERIFY(!parsed.ok());
        QCOMPARE(QString::fromStdString(parsed.error().code), code);
        QCOMPARE(QString::fromStdString(parsed.error().where), where);
    }

    void pipelinesBatchDropsBadItemsOneByOne()
    {
        const std::string body = R"({"batch":[)"
                                 R"({"type":"track","userId":"1","event":"a"},)"
                                 R"({"type":"track","event":"no user"},)"
                                 R"({"type":"alias","userId":"1","previousId":"0"},)"
                                 "{\"type\":\"identify\",\"anonymousId\":\"x\",\"traits\":{\"k\":\"" +
                                 std::string(33000, 'k') +
                                 "\"}},"
                                 R"({"type":"page","userId":"1","name":"Home"},)"
                                 R"({"type":"trak","userId":"1","event":"a"}]})";
        const auto items = dialectFor(Api::Pipelines).parseBatchItems(request("POST", "/v1/batch", body));
        QVERIFY(items.ok());
        QCOMPARE(items->size(), std::size_t(6));
        QVERIFY((*items)[0].ok());
        QCOMPARE((*items)[1].error().code, std::string("identifier_missing"));
        // The official Pipelines libraries send alias() only in a batch: it is an item like the others.
        QVERIFY((*items)[2].ok());
        QVERIFY((*items)[2].value().kind == CallKind::Alias);
        QCOMPARE((*items)[2].value().identity.id, std::string("1"));
        QCOMPARE((*items)[2].value().secondary.id, std::string("0"));
        QCOMPARE((*items)[3].error().code, std::string("batch_item_too_large"));
        QCOMPARE((*items)[3].error().where, std::string("/batch/3"));
        QVERIFY((*items)[4].ok());
        QVERIFY((*items)[4].value().kind == CallKind::Page);
        QCOMPARE((*items)[5].error().code, std::string("invalid_type"));
        QCOMPARE((*items)[5].error().message,
                 std::string("type must be identify, track, page, screen, group or alias"));
    }

    void nonBatchRequestsAnswerOneItem()
    {
        const auto items =
            dialectFor(Api::Pipelines)
                .parseBatchItems(request("POST", "/v1/track", R"({"userId":"1","event":"a"})"));
        QVERIFY(items.ok());
        QCOMPARE(items->size(), std::size_t(1));
        QVERIFY(items->front().ok());
    }
};

QTEST_GUILESS_MAIN(TestDialectParse)
#include "TestDialectParse.moc"
