#include "common/Json.h"
#include "plan/Naming.h"
#include "plan/PlanFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace preflight;

class TestPlan : public QObject
{
    Q_OBJECT

private slots:
    void starterPlanLoadsAndSavesByteIdentical()
    {
        const std::string path = PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json";
        const Result<std::string> original = readTextFile(path);
        QVERIFY(original.ok());
        const Result<Plan> plan = loadPlan(path);
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().toString().c_str());
        QCOMPARE(toFileText(*plan), *original);
    }

    void starterPlanHoldsTheD2cEventsAndAttributes()
    {
        const Result<Plan> plan = loadPlan(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        QVERIFY(plan.ok());
        for (const char *name : {"product_viewed", "added_to_cart", "checkout_started", "order_completed",
                                 "order_refunded", "subscription_created", "subscription_canceled"})
            QVERIFY2(plan->findEvent(name), name);
        for (const char *name : {"email", "phone", "created_at", "accepts_marketing", "sms_consent",
                                 "orders_count", "lifetime_value", "first_order_at", "last_order_at"})
            QVERIFY2(plan->findAttribute(name), name);
        const PropertySpec *items = plan->findEvent("order_completed")->findProperty("items");
        QVERIFY(items && items->itemSchema());
        QVERIFY(items->itemSchema()->findProperty("quantity"));
        QCOMPARE(plan->findEventOrAlias("Begin Checkout")->name, std::string("checkout_started"));
    }

    void editedPlanSurvivesSaveAndLoad()
    {
        Result<Plan> plan = loadPlan(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        QVERIFY(plan.ok());
        PropertySpec gift;
        gift.name = "gift_message";
        gift.description = "Note \"quoted\" / with ~ specials";
        gift.minimum = 0.5;
        plan->events[0].properties.push_back(gift);
        plan->version = 3;
        plan->changelog.push_back({3, "2026-11-22", "gift messages"});
        plan->attributes.front().required = true;
        plan->allowOtherAttributes = false;
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("edited.plan.json")).toStdString();
        QVERIFY(savePlan(*plan, path).ok());
        const Result<Plan> reloaded = loadPlan(path);
        QVERIFY(reloaded.ok());
        QVERIFY(*reloaded == *plan);
    }

    void rejectsMalformedPlans_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("syntax error at line and column")
            << QByteArray("{\n  \"format\": \"preflight.plan/1\",\n  \"name\": x\n}") << "p.plan.json:3:11";
        QTest::newRow("wrong format tag") << QByteArray(R"({"format": "other/2"})") << "p.plan.json#/format";
        QTest::newRow("unknown top-level key")
            << QByteArray(R"({"format": "preflight.plan/1", "evnts": []})") << "p.plan.json#/evnts";
        QTest::newRow("unknown property type")
            << QByteArray(
                   R"({"format": "preflight.plan/1", "events": [{"name": "a", "properties": [{"name": "x", "type": "float"}]}]})")
            << "p.plan.json#/events/0/properties/0/type";
        QTest::newRow("array without items")
            << QByteArray(
                   R"({"format": "preflight.plan/1", "events": [{"name": "a", "properties": [{"name": "x", "type": "array"}]}]})")
            << "p.plan.json#/events/0/properties/0";
        QTest::newRow("enum without values")
            << QByteArray(
                   R"({"format": "preflight.plan/1", "events": [{"name": "a", "properties": [{"name": "x", "type": "enum"}]}]})")
            << "p.plan.json#/events/0/properties/0";
        QTest::newRow("duplicate event")
            << QByteArray(R"({"format": "preflight.plan/1", "events": [{"name": "a"}, {"name": "a"}]})")
            << "p.plan.json#/events/1/name";
        QTest::newRow("bad timestamp format")
            << QByteArray(
                   R"({"format": "preflight.plan/1", "attributes": [{"name": "t", "type": "timestamp", "format": "millis"}]})")
            << "p.plan.json#/attributes/0/format";
        QTest::newRow("attribute required not a boolean")
            << QByteArray(
                   R"({"format": "preflight.plan/1", "attributes": [{"name": "email", "required": "yes"}]})")
            << "p.plan.json#/attributes/0/required";
        QTest::newRow("allow_other_attributes not a boolean")
            << QByteArray(R"({"format": "preflight.plan/1", "allow_other_attributes": 0})")
            << "p.plan.json#/allow_other_attributes";
        QTest::newRow("unknown identifier")
            << QByteArray(R"({"format": "preflight.plan/1", "identity": {"accepted": ["id", "user_id"]}})")
            << "p.plan.json#/identity/accepted/1";
        QTest::newRow("event without name")
            << QByteArray(R"({"format": "preflight.plan/1", "events": [{"side": "server"}]})")
            << "p.plan.json#/events/0";
    }
    void rejectsMalformedPlans()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        const Result<Plan> plan = planFromText(text.toStdString(), "p.plan.json");
        QVERIFY(!plan.ok());
        QCOMPARE(QString::fromStdString(plan.error().where), where);
    }

    void namingConventions_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("convention");
        QTest::addColumn<bool>("follows");
        QTest::addColumn<QString>("fixed");
        const int snake = int(NamingConvention::SnakeCase);
        const int title = int(NamingConvention::TitleCase);
        const int camel = int(NamingConvention::CamelCase);
        QTest::newRow("snake ok") << "order_completed" << snake << true << "order_completed";
        QTest::newRow("title in snake plan") << "Order Completed" << snake << false << "order_completed";
        QTest::newRow("camel in snake plan") << "orderCompleted" << snake << false << "order_completed";
        QTest::newRow("double underscore") << "order__completed" << snake << false << "order_completed";
        QTest::newRow("title ok") << "Order Completed" << title << true << "Order Completed";
        QTest::newRow("snake in title plan") << "order_completed" << title << false << "Order Completed";
        QTest::newRow("camel ok") << "orderCompleted" << camel << true << "orderCompleted";
        QTest::newRow("snake in camel plan") << "order_completed" << camel << false << "orderCompleted";
    }
    void namingConventions()
    {
        QFETCH(QString, name);
        QFETCH(int, convention);
        QFETCH(bool, follows);
        QFETCH(QString, fixed);
        const auto rule = NamingConvention(convention);
        QCOMPARE(followsConvention(name.toStdString(), rule), follows);
        QCOMPARE(QString::fromStdString(applyConvention(name.toStdString(), rule)), fixed);
    }

    void closestNameFindsNearDuplicates()
    {
        const std::vector<std::string> names = {"order_completed", "order_refunded", "added_to_cart"};
        QCOMPARE(closestName("Order Completed", names), std::string("order_completed"));
        QCOMPARE(closestName("order_complted", names), std::string("order_completed"));
        QCOMPARE(closestName("wishlist_shared", names), std::string());
    }

    // Swapped neighbours are the commonest slip: one edit, so even short names get their suggestion.
    void closestNameCountsASwapAsOneSlip()
    {
        QCOMPARE(editDistance("snet", "sent"), std::size_t(1));
        QCOMPARE(editDistance("ca", "abc"), std::size_t(3));
        QCOMPARE(closestName("snet", {"person", "sent", "count"}), std::string("sent"));
        QCOMPARE(closestName("by", {"person", "segment", "at"}), std::string());
    }

    void unknownPlanKeySuggestsTheNearestKey()
    {
        auto plan = planFromText(R"({"format": "preflight.plan/1", "name": "p", "events": [
            {"name": "e", "properties": [{"name": "x", "type": "string", "requred": true}]}]})",
                                 "p.plan.json");
        QVERIFY(!plan.ok());
        QCOMPARE(
            plan.error().toString(),
            std::string(
                R"(p.plan.json#/events/0/properties/0/requred: unknown key "requred" — did you mean "required"?)"));
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "TestPlan.moc"
