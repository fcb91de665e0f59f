#include "api/Dialect.h"

#include <QTest>

using namespace preflight;

// Pins method, URL, headers and body of every call of every dialect. Each row names its source:
//   node:    customerio/customerio-node lib/track.ts, lib/request.ts (headers), lib/pipelines.ts
//   python:  customerio/customerio-python customerio/track.py (quote(id, safe='') path encoding)
//   openapi: /work/shared/reference/customerio-track.openapi.json, customerio-pipelines.openapi.json
//   docs:    docs.customer.io/api/track/ and /api/cdp/ (the same descriptions, published)
// Bodies are compact JSON with keys in byte order (JSON objects are unordered; the libraries' key order
// carries no meaning).
class TestDialectConformance : public QObject
{
    Q_OBJECT

private:
    static ApiTarget target(Region region)
    {
        ApiTarget t;
        t.region = region;
        t.credentials = {"site-id", "api-key", "write-key", "app-key"};
        return t;
    }

private slots:
    void rendersTheDocumentedRequest_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("body");

        // --- Track v1 ---
        // node identify(): PUT trackRoot/customers/encodeURIComponent(id) with the attributes as the body.
        QTest::newRow("v1 identify by id")
            << "track-v1"
            << "us"
            << R"({"kind":"identify","identity":{"id":"42"},"properties":{"plan":"pro","created_at":1700000000}})"
            << "PUT"
            << "https://track.customer.io/api/v1/customers/42"
            << R"({"created_at":1700000000,"plan":"pro"})";
        // CUSTOMERIO.md + python _url_encode (quote safe=''): '+' -> %2B, '@' -> %40; EU host from node
        // regions.ts.
        QTest::newRow("v1 identify by email, eu")
            << "track-v1"
            << "eu"
            << R"({"kind":"identify","identity":{"email":"a+b@x.co"}})"
            << "PUT"
            << "https://track-eu.customer.io/api/v1/customers/a%2Bb%40x.co"
            << "{}";
        // openapi identify: email and anonymous_id are attributes of the body.
        QTest::newRow("v1 identify with email and anonymous_id")
            << "track-v1"
            << "us"
            << R"({"kind":"identify","identity":{"id":"u 1/2","email":"u@x.co","anonymous_id":"anon-1"}})"
            << "PUT"
            << "https://track.customer.io/api/v1/customers/u%201%2F2"
            << R"({"anonymous_id":"anon-1","email":"u@x.co"})";
        // openapi {identifier}: "cio_" + cio_id names a person by cio_id.
        QTest::newRow("v1 identify by cio_id") << "track-v1"
                                               << "us"
                                               << R"({"kind":"identify","identity":{"cio_id":"347f00d"}})"
                                               << "PUT"
                                               << "https://track.customer.io/api/v1/customers/cio_347f00d"
                                               << "{}";
        // python track()/backfill(): {"name","data","timestamp"}; openapi: "id" (ULID) top-level.
        QTest::newRow("v1 track")
            << "track-v1"
            << "us"
            << R"({"kind":"track","identity":{"id":"42"},"name":"Order Completed","properties":{"total":12.5},"occurred_at":"2026-11-22T19:00:00.900Z","dedupe_id":"01JDB6ZKQ3V8X9W2Y4T5R6S7U8"})"
            << "POST"
            << "https://track.customer.io/api/v1/customers/42/events"
            << R"({"data":{"total":12.5},"id":"01JDB6ZKQ3V8X9W2Y4T5R6S7U8","name":"Order Completed","timestamp":1795374000})";
        // python track_anonymous(): POST /events {"anonymous_id","name","data"}.
        QTest::newRow("v1 anonymous track")
            << "track-v1"
            << "us"
            << R"({"kind":"track","identity":{"anonymous_id":"anon-9"},"name":"viewed"})"
            << "POST"
            << "https://track.customer.io/api/v1/events"
            << R"({"anonymous_id":"anon-9","data":{},"name":"viewed"})";
        // node trackAnonymous() without an anonymous id: an invite event with no anonymous_id.
        QTest::newRow("v1 invite event")
            << "track-v1"
            << "us"
            << R"({"kind":"track","name":"invite","properties":{"recipient":"a@x.co"}})"
            << "POST"
            << "https://track.customer.io/api/v1/events"
            << R"({"data":{"recipient":"a@x.co"},"name":"invite"})";
        // python pageview(): {"type":"page","name":<url>,"data"}.
        QTest::newRow("v1 page") << "track-v1"
                                 << "us"
                                 << R"({"kind":"page","identity":{"id":"42"},"name":"https://x.co/cart"})"
                                 << "POST"
                                 << "https://track.customer.io/api/v1/customers/42/events"
                                 << R"({"data":{},"name":"https://x.co/cart","type":"page"})";
        // openapi events: "type": "screen" for mobile screen views.
        QTest::newRow("v1 screen") << "track-v1"
                                   << "us"
                                   << R"({"kind":"screen","identity":{"email":"s@x.co"},"name":"Cart"})"
                                   << "POST"
                                   << "https://track.customer.io/api/v1/customers/s%40x.co/events"
                                   << R"({"data":{},"name":"Cart","type":"screen"})";
        // node destroy(): DELETE /customers/{id}, no body.
        QTest::newRow("v1 delete") << "track-v1"
                                   << "us"
                                   << R"({"kind":"delete","identity":{"id":"42"}})"
                                   << "DELETE"
                                   << "https://track.customer.io/api/v1/customers/42"
                                   << "";
        // node suppress()/unsuppress(): POST with the default empty object; python sends {} too.
        QTest::newRow("v1 suppress") << "track-v1"
                                     << "us"
                                     << R"({"kind":"suppress","identity":{"id":"42"}})"
                                     << "POST"
                                     << "https://track.customer.io/api/v1/customers/42/suppress"
                                     << "{}";
        QTest::newRow("v1 unsuppress") << "track-v1"
                                       << "eu"
                                       << R"({"kind":"unsuppress","identity":{"id":"42"}})"
                                       << "POST"
                                       << "https://track-eu.customer.io/api/v1/customers/42/unsuppress"
                                       << "{}";
        // node addDevice(): {"device":{"id","platform","last_used"?,"attributes"?}}.
        QTest::newRow("v1 add device")
            << "track-v1"
            << "us"
            << R"({"kind":"add_device","identity":{"id":"42"},"device":{"token":"tok/1","platform":"ios","last_used":1700000000,"attributes":{"app_version":"2.1"}}})"
            << "PUT"
            << "https://track.customer.io/api/v1/customers/42/devices"
            << R"({"device":{"attributes":{"app_version":"2.1"},"id":"tok/1","last_used":1700000000,"platform":"ios"}})";
        // node deleteDevice(): DELETE /customers/{id}/devices/encodeURIComponent(token).
        QTest::newRow("v1 delete device")
            << "track-v1"
            << "us"
            << R"({"kind":"delete_device","identity":{"id":"42"},"device":{"token":"tok/1"}})"
            << "DELETE"
            << "https://track.customer.io/api/v1/customers/42/devices/tok%2F1"
            << "";
        // node mergeCustomers(): {"primary":{type:id},"secondary":{type:id}}, raw cio_id.
        QTest::newRow("v1 merge")
            << "track-v1"
            << "us"
            << R"({"kind":"merge","identity":{"email":"p@x.co"},"secondary":{"cio_id":"abc123"}})"
            << "POST"
            << "https://track.customer.io/api/v1/merge_customers"
            << R"({"primary":{"email":"p@x.co"},"secondary":{"cio_id":"abc123"}})";

        // --- Track v2 (openapi /api/v2/entity and /api/v2/batch; node batch() posts {"batch": ops}) ---
        QTest::newRow("v2 identify")
            << "track-v2"
            << "us"
            << R"({"kind":"identify","identity":{"id":"42","email":"u@x.co"},"properties":{"plan":"pro"}})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"identify","attributes":{"email":"u@x.co","plan":"pro"},"identifiers":{"id":"42"},"type":"person"})";
        // openapi person_event: event data in "attributes", "timestamp" int, "id" ULID.
        QTest::newRow("v2 event")
            << "track-v2"
            << "eu"
            << R"({"kind":"track","identity":{"phone":"+14155552671"},"name":"purchase","properties":{"price":29.99},"occurred_at":"2026-11-22T19:00:00Z","dedupe_id":"01JDB6ZKQ3"})"
            << "POST"
            << "https://track-eu.customer.io/api/v2/entity"
            << R"({"action":"event","attributes":{"price":29.99},"id":"01JDB6ZKQ3","identifiers":{"phone":"+14155552671"},"name":"purchase","timestamp":1795374000,"type":"person"})";
        QTest::newRow("v2 page")
            << "track-v2"
            << "us"
            << R"({"kind":"page","identity":{"id":"42"},"name":"/pricing"})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"page","attributes":{},"identifiers":{"id":"42"},"name":"/pricing","type":"person"})";
        QTest::newRow("v2 screen")
            << "track-v2"
            << "us"
            << R"({"kind":"screen","identity":{"cio_id":"c1"},"name":"Home"})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"screen","attributes":{},"identifiers":{"cio_id":"c1"},"name":"Home","type":"person"})";
        QTest::newRow("v2 delete") << "track-v2"
                                   << "us"
                                   << R"({"kind":"delete","identity":{"id":"42"}})"
                                   << "POST"
                                   << "https://track.customer.io/api/v2/entity"
                                   << R"({"action":"delete","identifiers":{"id":"42"},"type":"person"})";
        QTest::newRow("v2 suppress")
            << "track-v2"
            << "us"
            << R"({"kind":"suppress","identity":{"email":"a@x.co"}})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"suppress","identifiers":{"email":"a@x.co"},"type":"person"})";
        QTest::newRow("v2 unsuppress")
            << "track-v2"
            << "us"
            << R"({"kind":"unsuppress","identity":{"email":"a@x.co"}})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"unsuppress","identifiers":{"email":"a@x.co"},"type":"person"})";
        // openapi person_add_device: device.token (not id), platform, last_used.
        QTest::newRow("v2 add device")
            << "track-v2"
            << "us"
            << R"({"kind":"add_device","identity":{"id":"42"},"device":{"token":"a83b","platform":"ios","last_used":1713484800}})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"add_device","device":{"last_used":1713484800,"platform":"ios","token":"a83b"},"identifiers":{"id":"42"},"type":"person"})";
        QTest::newRow("v2 delete device")
            << "track-v2"
            << "us"
            << R"({"kind":"delete_device","identity":{"id":"42"},"device":{"token":"a83b"}})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"delete_device","device":{"token":"a83b"},"identifiers":{"id":"42"},"type":"person"})";
        // openapi person_merge: "primary"/"secondary" instead of "identifiers".
        QTest::newRow("v2 merge")
            << "track-v2"
            << "us"
            << R"({"kind":"merge","identity":{"id":"42"},"secondary":{"id":"known-user-456"}})"
            << "POST"
            << "https://track.customer.io/api/v2/entity"
            << R"({"action":"merge","primary":{"id":"42"},"secondary":{"id":"known-user-456"},"type":"person"})";
        QTest::newRow("v2 batch")
            << "track-v2"
            << "us"
            << R"({"kind":"batch","batch":[{"kind":"identify","identity":{"id":"1"}},{"kind":"track","identity":{"id":"1"},"name":"x"}]})"
            << "POST"
            << "https://track.customer.io/api/v2/batch"
            << R"({"batch":[{"action":"identify","attributes":{},"identifiers":{"id":"1"},"type":"person"},{"action":"event","attributes":{},"identifiers":{"id":"1"},"name":"x","type":"person"}]})";

        // --- Pipelines (node lib/pipelines.ts; openapi customerio-pipelines) ---
        QTest::newRow("pipelines identify, anonymous and user")
            << "pipelines"
            << "us"
            << R"({"kind":"identify","identity":{"id":"42","anonymous_id":"anon-1","email":"u@x.co"},"properties":{"plan":"pro"},"occurred_at":"2026-11-22T19:00:00.123Z","dedupe_id":"m-1"})"
            << "POST"
            << "https://cdp.customer.io/v1/identify"
            << R"({"anonymousId":"anon-1","messageId":"m-1","timestamp":"2026-11-22T19:00:00.123Z","traits":{"email":"u@x.co","plan":"pro"},"userId":"42"})";
        QTest::newRow("pipelines track")
            << "pipelines"
            << "eu"
            << R"({"kind":"track","identity":{"anonymous_id":"anon-1"},"name":"Product Viewed","properties":{"sku":"A"},"context":{"ip":"203.0.113.9"}})"
            << "POST"
            << "https://cdp-eu.customer.io/v1/track"
            << R"({"anonymousId":"anon-1","context":{"ip":"203.0.113.9"},"event":"Product Viewed","properties":{"sku":"A"}})";
        QTest::newRow("pipelines page")
            << "pipelines"
            << "us"
            << R"({"kind":"page","identity":{"id":"42"},"name":"Pricing","properties":{"url":"https://x.co/pricing"}})"
            << "POST"
            << "https://cdp.customer.io/v1/page"
            << R"({"name":"Pricing","properties":{"url":"https://x.co/pricing"},"userId":"42"})";
        QTest::newRow("pipelines screen") << "pipelines"
                                          << "us"
                                          << R"({"kind":"screen","identity":{"id":"42"},"name":"Home"})"
                                          << "POST"
                                          << "https://cdp.customer.io/v1/screen"
                                          << R"({"name":"Home","properties":{},"userId":"42"})";
        QTest::newRow("pipelines group")
            << "pipelines"
            << "us"
            << R"({"kind":"group","identity":{"id":"42"},"group_id":"acme","properties":{"plan":"team"}})"
            << "POST"
            << "https://cdp.customer.io/v1/group"
            << R"({"groupId":"acme","traits":{"plan":"team"},"userId":"42"})";
        QTest::newRow("pipelines alias")
            << "pipelines"
            << "us"
            << R"({"kind":"alias","identity":{"id":"42"},"secondary":{"id":"anon-1"}})"
            << "POST"
            << "https://cdp.customer.io/v1/alias"
            << R"({"previousId":"anon-1","userId":"42"})";
        // node batch(): each item carries "type".
        QTest::newRow("pipelines batch")
            << "pipelines"
            << "us"
            << R"({"kind":"batch","batch":[{"kind":"identify","identity":{"id":"42"}},{"kind":"track","identity":{"id":"42"},"name":"x"}]})"
            << "POST"
            << "https://cdp.customer.io/v1/batch"
            << R"({"batch":[{"traits":{},"type":"identify","userId":"42"},{"event":"x","properties":{},"type":"track","userId":"42"}]})";
    }

    void rendersTheDocumentedRequest()
    {
        QFETCH(QString, api);
        QFETCH(QString, region);
        QFETCH(QString, call);
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QString, body);
        const auto parsedCall = callFromJson(Json::parse(call.toStdString()));
        if (!parsedCall)
            QFAIL(parsedCall.error().toString().c_str());
        const Dialect &dialect = dialectFor(*apiFromString(api.toStdString()));
        const auto request = dialect.render(*parsedCall, target(*regionFromString(region.toStdString())));
        if (!request)
            QFAIL(request.error().toString().c_str());
        QCOMPARE(QString::fromStdString(request->method), method);
        QCOMPARE(QString::fromStdString(request->url), url);
        QCOMPARE(QString::fromStdString(request->body), body);
        // node request.ts: Authorization first, then Content-Type: application/json when there is a body.
        QVERIFY(!request->headers.empty());
        QCOMPARE(QString::fromStdString(request->headers.front().name), QStringLiteral("Authorization"));
        QVERIFY(request->headers.front().secret);
        const std::string expectedAuth =
            api == "pipelines" ? "Basic d3JpdGUta2V5Og==" : "Basic c2l0ZS1pZDphcGkta2V5";
        QCOMPARE(request->header("Authorization"), expectedAuth);
        QCOMPARE(request->header("Content-Type"),
                 body.isEmpty() ? std::string() : std::string("application/json"));
        QCOMPARE(request->headers.size(), body.isEmpty() ? std::size_t(1) : std::size_t(2));
        // The pinned request reads back as the same call (Track keeps whole seconds only).
        const auto back = dialect.parse(*request);
        if (!back)
            QFAIL(back.error().toString().c_str());
        Call expected = *parsedCall;
        if (api != "pipelines" && expected.occurredAt)
            expected.occurredAt = *expected.occurredAt / 1000 * 1000;
        QCOMPARE(QString::fromStdString(toJson(*back).dump()),
                 QString::fromStdString(toJson(expected).dump()));
    }

    void pipelinesStrictModeAddsTheHeader()
    {
        // node pipelines.ts: strictMode sends "X-Strict-Mode: 1".
        ApiTarget t = target(Region::US);
        t.pipelinesStrictMode = true;
        Call call;
        call.kind = CallKind::Track;
        call.identity.id = "42";
        call.name = "x";
        const auto request = dialectFor(Api::Pipelines).render(call, t);
        QVERIFY(request.ok());
        QCOMPARE(request->header("X-Strict-Mode"), std::string("1"));
    }

    void sandboxOriginReplacesTheHost()
    {
        ApiTarget t = target(Region::EU);
        t.originOverride = "http://127.0.0.1:8080";
        Call call;
        call.kind = CallKind::Delete;
        call.identity.id = "42";
        const auto request = dialectFor(Api::TrackV1).render(call, t);
        QVERIFY(request.ok());
        QCOMPARE(request->url, std::string("http://127.0.0.1:8080/api/v1/customers/42"));
    }

    void refusesCallsASurfaceDoesNotHave_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("call");
        QTest::newRow("v1 alias") << "track-v1"
                                  << R"({"kind":"alias","identity":{"id":"1"},"secondary":{"id":"2"}})";
        QTest::newRow("v1 group") << "track-v1"
                                  << R"({"kind":"group","identity":{"id":"1"},"group_id":"g"})";
        QTest::newRow("v1 batch") << "track-v1"
                                  << R"({"kind":"batch","batch":[]})";
        QTest::newRow("v2 alias") << "track-v2"
                                  << R"({"kind":"alias","identity":{"id":"1"},"secondary":{"id":"2"}})";
        QTest::newRow("pipelines merge")
            << "pipelines"
            << R"({"kind":"merge","identity":{"id":"1"},"secondary":{"id":"2"}})";
        QTest::newRow("pipelines delete") << "pipelines"
                                          << R"({"kind":"delete","identity":{"id":"1"}})";
        QTest::newRow("pipelines device")
            << "pipelines"
            << R"({"kind":"add_device","identity":{"id":"1"},"device":{"token":"t","platform":"ios"}})";
    }

    void refusesCallsASurfaceDoesNotHave()
    {
        QFETCH(QString, api);
        QFETCH(QString, call);
        const auto parsedCall = callFromJson(Json::parse(call.toStdString()));
        QVERIFY(parsedCall.ok());
        const auto request =
            dialectFor(*apiFromString(api.toStdString())).render(*parsedCall, target(Region::US));
        QVERIFY(!request.ok());
        QCOMPARE(request.error().code, std::string("unsupported_call"));
        QCOMPARE(request.error().where, std::string("/kind"));
    }

    void refusesCallsMissingWhatTheApiRequires_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("where");
        QTest::newRow("v1 identify without identifier") << "track-v1"
                                                        << R"({"kind":"identify"})"
                                                        << "identifier_missing"
                                                        << "/identity";
        QTest::newRow("v1 identify by phone") << "track-v1"
                                              << R"({"kind":"identify","identity":{"phone":"+1415"}})"
                                              << "identifier_missing"
                                              << "/identity";
        QTest::newRow("v1 device without token") << "track-v1"
                                                 << R"({"kind":"add_device","identity":{"id":"1"}})"
                                                 << "device_token_missing"
                                                 << "/device/token";
        QTest::newRow("v1 device bad platform")
            << "track-v1"
            << R"({"kind":"add_device","identity":{"id":"1"},"device":{"token":"t","platform":"web"}})"
            << "device_platform_invalid"
            << "/device/platform";
        QTest::newRow("v1 merge without secondary") << "track-v1"
                                                    << R"({"kind":"merge","identity":{"id":"1"}})"
                                                    << "identifier_missing"
                                                    << "/secondary";
        QTest::newRow("v2 anonymous event")
            << "track-v2"
            << R"({"kind":"track","identity":{"anonymous_id":"a"},"name":"x"})"
            << "identifier_missing"
            << "/identity";
        QTest::newRow("v2 batch item without name")
            << "track-v2"
            << R"({"kind":"batch","batch":[{"kind":"track","identity":{"id":"1"}}]})"
            << "event_name_blank"
            << "/batch/0/name";
        QTest::newRow("v2 empty batch") << "track-v2"
                                        << R"({"kind":"batch","batch":[]})"
                                        << "batch_empty"
                                        << "/batch";
        QTest::newRow("pipelines no user") << "pipelines"
                                           << R"({"kind":"track","identity":{"email":"a@x.co"},"name":"x"})"
                                           << "identifier_missing"
                                           << "/identity";
        QTest::newRow("pipelines group without id") << "pipelines"
                                                    << R"({"kind":"group","identity":{"id":"1"}})"
                                                    << "group_id_missing"
                                                    << "/group_id";
        QTest::newRow("pipelines alias without previous") << "pipelines"
                                                          << R"({"kind":"alias","identity":{"id":"1"}})"
                                                          << "identifier_missing"
                                                          << "/secondary/id";
        // alias is a batch item like the others (the official libraries send it only there), and it
        // still needs both ids.
        QTest::newRow("pipelines batch alias without previousId")
            << "pipelines"
            << R"({"kind":"batch","batch":[{"kind":"alias","identity":{"id":"1"}}]})"
            << "identifier_missing"
            << "/batch/0/secondary/id";
        QTest::newRow("pipelines batch merge")
            << "pipelines"
            << R"({"kind":"batch","batch":[{"kind":"merge","identity":{"id":"1"},"secondary":{"id":"2"}}]})"
            << "unsupported_call"
            << "/batch/0/kind";
    }

    void refusesCallsMissingWhatTheApiRequires()
    {
        QFETCH(QString, api);
        QFETCH(QString, call);
        QFETCH(QString, code);
        QFETCH(QString, where);
        const auto parsedCall = callFromJson(Json::parse(call.toStdString()));
        QVERIFY(parsedCall.ok());
        const auto request =
            dialectFor(*apiFromString(api.toStdString())).render(*parsedCall, target(Region::US));
        QVERIFY(!request.ok());
        QCOMPARE(QString::fromStdString(request.error().code), code);
        QCOMPARE(QString::fromStdString(request.error().where), where);
    }
};

QTEST_GUILESS_MAIN(TestDialectConformance)
#include "TestDialectConformance.moc"
