#include "call/Call.h"
#include "call/DedupeId.h"

#include <QTest>

using namespace preflight;

class TestCall : public QObject
{
    Q_OBJECT

private slots:
    void derivesTheSameUlidShapedDedupeIdFromTheSameSource()
    {
        const std::string id = derivedDedupeId("run-1\nscenario.json\n3");
        QCOMPARE(id.size(), std::size_t(26));
        QVERIFY(id[0] >= '0' && id[0] <= '7');
        QCOMPARE(id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), std::string::npos);
        QCOMPARE(derivedDedupeId("run-1\nscenario.json\n3"), id);
        QVERIFY(derivedDedupeId("run-2\nscenario.json\n3") != id);
    }

    void roundTripsThroughCanonicalJson()
    {
        Call call;
        call.kind = CallKind::Track;
        call.identity.id = "user-1";
        call.identity.anonymousId = "anon-1";
        call.name = "added_to_cart";
        call.properties = {{"cart_id", "c1"}, {"cart_value", 59.5}};
        call.occurredAt = 1'700'000'000'000;
        call.arrivedAt = 1'700'000'060'000;
        call.dedupeId = "01HZY";
        Call item = call;
        Call batch;
        batch.kind = CallKind::Batch;
        batch.batch = {call, item};

        const auto parsed = callFromJson(toJson(batch));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
        QCOMPARE(*parsed, batch);
    }

    void takingTheDocumentGivesTheSameCall()
    {
        const Json document = {{"kind", "track"},
                               {"identity", {{"id", "u1"}}},
                               {"name", "added_to_cart"},
                               {"properties", {{"cart_id", "c1"}, {"items", {{{"sku", "A"}}}}}},
                               {"context", {{"ip", "203.0.113.9"}}},
                               {"occurred_at", 1'700'000'000}};
        const auto copied = callFromJson(document);
        Json taken = document;
        const auto moved = callFromJson(std::move(taken));
        QVERIFY(copied.ok() && moved.ok());
        QCOMPARE(*moved, *copied);
        QVERIFY(moved->properties == document["properties"]);
        QVERIFY(moved->context == document["context"]);
    }

    void acceptsUnixSecondsForInstants()
    {
        const auto parsed =
            callFromJson(Json{{"kind", "track"}, {"name", "x"}, {"occurred_at", 1'700'000'000}});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->occurredAt.value(), 1'700'000'000'000);
    }

    void reportsWhereACallIsMalformed_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("unknown kind") << R"({"kind":"shout"})"
                                      << "/steps/0/kind";
        QTest::newRow("properties not object") << R"({"kind":"track","properties":[]})"
                                               << "/steps/0/properties";
        QTest::newRow("bad instant") << R"({"kind":"track","occurred_at":"soon"})"
                                     << "/steps/0/occurred_at";
        QTest::newRow("bad batch item") << R"({"kind":"batch","batch":[{"kind":"nope"}]})"
                                        << "/steps/0/batch/0/kind";
    }
    void reportsWhereACallIsMalformed()
    {
        QFETCH(QString, json);
        QFETCH(QString, where);
        const auto parsed = callFromJson(Json::parse(json.toStdString()), "/steps/0");
        QVERIFY(!parsed.ok());
        QCOMPARE(QString::fromStdString(parsed.error().where), where);
    }

    void namesTheIdentifierCustomerIoPrefers()
    {
        const Identity both{.id = "42", .email = "a@x.co"};
        QCOMPARE(both.primaryValue(), std::string("42"));
        QCOMPARE(Identity{.email = "a@x.co"}.primaryValue(), std::string("a@x.co"));
        QCOMPARE(Identity{.cioId = "347f00d"}.primaryValue(), std::string("cio_347f00d"));
        QVERIFY(!Identity{.anonymousId = "a"}.isKnown());
        QVERIFY(!Identity{.anonymousId = "a"}.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCall)
#include "TestCall.moc"
