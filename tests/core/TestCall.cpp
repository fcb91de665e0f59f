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
        QTest::newRow("kind not a string") << R"({"kind":5})"
                                           << "/steps/0/kind";
        QTest::newRow("no kind") << R"({"name":"x"})"
                                 << "/steps/0";
        QTest::newRow("unknown member") << R"({"kind":"track","nmae":"x"})"
                                        << "/steps/0/nmae";
        QTest::newRow("name a number") << R"({"kind":"track","name":5})"
                                       << "/steps/0/name";
        QTest::newRow("group_id an object") << R"({"kind":"group","group_id":{}})"
                                            << "/steps/0/group_id";
        QTest::newRow("identity an array") << R"({"kind":"track","identity":[]})"
                                           << "/steps/0/identity";
        QTest::newRow("identifier a number") << R"({"kind":"track","identity":{"id":42}})"
                                             << "/steps/0/identity/id";
        QTest::newRow("unknown identifier") << R"({"kind":"track","identity":{"user_id":"42"}})"
                                            << "/steps/0/identity/user_id";
        QTest::newRow("secondary unknown identifier") << R"({"kind":"merge","secondary":{"mail":"a@x.co"}})"
                                                      << "/steps/0/secondary/mail";
        QTest::newRow("context an array") << R"({"kind":"track","context":[]})"
                                          << "/steps/0/context";
        QTest::newRow("device a string") << R"({"kind":"add_device","device":"tok"})"
                                         << "/steps/0/device";
        QTest::newRow("device token a number") << R"({"kind":"add_device","device":{"token":1}})"
                                               << "/steps/0/device/token";
        QTest::newRow("device last_used text")
            << R"({"kind":"add_device","device":{"token":"t","last_used":"x"}})"
            << "/steps/0/device/last_used";
        QTest::newRow("arrival in 1970") << R"({"kind":"track","arrived_at":0})"
                                         << "/steps/0/arrived_at";
        QTest::newRow("arrival in milliseconds") << R"({"kind":"track","arrived_at":1767603600000})"
                                                 << "/steps/0/arrived_at";
        QTest::newRow("negative seconds") << R"({"kind":"track","occurred_at":-5})"
                                          << "/steps/0/occurred_at";
        QTest::newRow("seconds beyond 64 bits") << R"({"kind":"track","occurred_at":18446744073709551615})"
                                                << "/steps/0/occurred_at";
        QTest::newRow("ISO before 2000") << R"({"kind":"track","arrived_at":"1970-01-01T00:00:00Z"})"
                                         << "/steps/0/arrived_at";
    }
    void reportsWhereACallIsMalformed()
    {
        QFETCH(QString, json);
        QFETCH(QString, where);
        const auto parsed = callFromJson(Json::parse(json.toStdString()), "/steps/0");
        QVERIFY(!parsed.ok());
        QCOMPARE(QString::fromStdString(parsed.error().where), where);
    }

    void acceptsInstantsAtTheEdgesOfThePlausibleRange()
    {
        const auto early = callFromJson(Json{{"kind", "track"}, {"arrived_at", "2000-01-01T00:00:00Z"}});
        QVERIFY(early.ok());
        const auto late = callFromJson(Json{{"kind", "track"}, {"occurred_at", 4'102'444'799}});
        QVERIFY(late.ok());
        QCOMPARE(*late->occurredAt, 4'102'444'799'000);
    }

    void suggestsTheMemberMeant()
    {
        const auto parsed = callFromJson(Json::parse(R"({"kind":"track","propertis":{}})"), "f:3#");
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().toString(),
                 std::string(R"(f:3#/propertis: unknown key "propertis" — did you mean "properties"?)"));
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
