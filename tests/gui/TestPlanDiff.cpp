#include "PlanDiff.h"

#include <QTest>

using preflight::Plan;
using preflight::PropertySpec;
using preflight::PropertyType;
using preflight::ui::PlanDiff;
using preflight::ui::PlanDifference;

namespace {

Plan basePlan()
{
    Plan plan;
    plan.name = "D2C";
    preflight::EventSpec event;
    event.name = "order_completed";
    PropertySpec orderId;
    orderId.name = "order_id";
    orderId.dedupeKey = true;
    PropertySpec total;
    total.name = "total";
    total.type = PropertyType::Number;
    event.properties = {orderId, total};
    plan.events = {event};
    preflight::AttributeSpec email;
    email.name = "email";
    email.owner = "shopify";
    plan.attributes = {email};
    return plan;
}

} // namespace

Q_DECLARE_METATYPE(Plan)

class TestPlanDiff : public QObject
{
    Q_OBJECT

private slots:
    void describesEachKindOfChange_data()
    {
        QTest::addColumn<Plan>("after");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");

        Plan typeChanged = basePlan();
        typeChanged.events[0].properties[1].type = PropertyType::String;
        QTest::newRow("property type")
            << typeChanged << int(PlanDifference::Kind::Changed) << "event order_completed › property total"
            << "type: number → string";

        Plan propertyAdded = basePlan();
        PropertySpec currency;
        currency.name = "currency";
        propertyAdded.events[0].properties.push_back(currency);
        QTest::newRow("property added") << propertyAdded << int(PlanDifference::Kind::Added)
                                        << "event order_completed › property currency"
                                        << "added";

        Plan eventRemoved = basePlan();
        eventRemoved.events.clear();
        QTest::newRow("event removed")
            << eventRemoved << int(PlanDifference::Kind::Removed) << "event order_completed"
            << "removed";

        Plan ownerChanged = basePlan();
        ownerChanged.attributes[0].owner = "backend";
        QTest::newRow("attribute owner")
            << ownerChanged << int(PlanDifference::Kind::Changed) << "attribute email"
            << "owner: \"shopify\" → \"backend\"";

        Plan identity = basePlan();
        identity.identity.mergeAnonymous = false;
        QTest::newRow("identity") << identity << int(PlanDifference::Kind::Changed) << "identity"
                                  << "merge anonymous activity: yes → no";
    }
    void describesEachKindOfChange()
    {
        QFETCH(Plan, after);
        QFETCH(int, kind);
        QFETCH(QString, where);
        QFETCH(QString, what);
        const auto differences = PlanDiff::compare(basePlan(), after);
        QCOMPARE(differences.size(), std::size_t(1));
        QCOMPARE(int(differences[0].kind), kind);
        QCOMPARE(QString::fromStdString(differences[0].where), where);
        QCOMPARE(QString::fromStdString(differences[0].what), what);
    }

    void ignoresReorderingOfEvents()
    {
        Plan before = basePlan();
        preflight::EventSpec other;
        other.name = "added_to_cart";
        before.events.push_back(other);
        Plan after = before;
        std::swap(after.events[0], after.events[1]);
        QVERIFY(PlanDiff::compare(before, after).empty());
    }
};

QTEST_MAIN(TestPlanDiff)
#include "TestPlanDiff.moc"
