#include "common/Json.h"
#include "journeys/Journeys.h"
#include "lint/JourneyImpact.h"
#include "plan/PlanDiff.h"
#include "plan/PlanFile.h"

#include <QTest>

using namespace preflight;

namespace {

Json example(const char *name)
{
    Result<Json> json = readJsonFile(std::string(PREFLIGHT_EXAMPLES_DIR "/") + name);
    if (!json)
        qFatal("%s", json.error().toString().c_str());
    return *json;
}

Plan planOf(const Json &json)
{
    Result<Plan> plan = planFromJson(json);
    if (!plan)
        qFatal("%s", plan.error().toString().c_str());
    return *plan;
}

std::string listed(const std::vector<PlanChange> &changes)
{
    std::string out;
    for (const PlanChange &change : changes)
        out += std::string(toString(change.impact)) + " " + change.code + " " + change.pointer + " — " +
               change.where + ": " + change.what + "\n";
    return out;
}

} // namespace

// diff: every change between two plans, classified breaking / additive / cosmetic, with its pointer into
// the new plan, the version rule, likely renames, and the journeys each change reaches.
class TestPlanDiff : public QObject
{
    Q_OBJECT

private slots:
    void samePlanHasNoChanges()
    {
        const Plan plan = planOf(example("d2c.plan.json"));
        QVERIFY(diffPlans(plan, plan).empty());
        QVERIFY(versionFindings(plan, plan, {}).empty());
    }

    // Each row patches the shipped plan (RFC 6902) and names the one change it must give.
    void classifiesEachChange_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QString>("impact");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("pointer");
        const auto row = [](const char *name, const char *patch, const char *impact, const char *code,
                            const char *pointer) {
            QTest::newRow(name) << QByteArray(patch) << impact << code << pointer;
        };
        row("property removed", R"([{"op":"remove","path":"/events/1/properties/1"}])", "breaking",
            "property_removed", "/events/1/properties");
        row("optional property added",
            R"([{"op":"add","path":"/events/1/properties/-","value":{"name":"coupon","type":"string"}}])",
            "additive", "property_added", "/events/1/properties/4");
        row("required property added",
            R"([{"op":"add","path":"/events/1/properties/-","value":{"name":"coupon","type":"string","required":true}}])",
            "breaking", "property_added_required", "/events/1/properties/4");
        row("type narrowed", R"([{"op":"replace","path":"/events/3/properties/2/type","value":"integer"}])",
            "breaking", "type_changed", "/events/3/properties/2/type");
        row("type widened", R"([{"op":"replace","path":"/attributes/5/type","value":"number"}])", "additive",
            "type_widened", "/attributes/5/type");
        row("optional made required",
            R"([{"op":"add","path":"/events/3/properties/4/required","value":true}])", "breaking",
            "made_required", "/events/3/properties/4/required");
        row("pattern removed", R"([{"op":"remove","path":"/events/3/properties/3/pattern"}])", "additive",
            "pattern_removed", "/events/3/properties/3/pattern");
        row("minimum added", R"([{"op":"add","path":"/events/3/properties/2/minimum","value":1}])",
            "breaking", "minimum_narrowed", "/events/3/properties/2/minimum");
        row("nested item property removed",
            R"([{"op":"remove","path":"/events/3/properties/6/items/properties/1"}])", "breaking",
            "property_removed", "/events/3/properties/6/items/properties");
        row("event added",
            R"([{"op":"add","path":"/events/-","value":{"name":"wishlist_added","properties":[]}}])",
            "additive", "event_added", "/events/7");
        row("event removed", R"([{"op":"remove","path":"/events/0"}])", "breaking", "event_removed",
            "/events");
        row("description",
            R"([{"op":"replace","path":"/events/0/description","value":"A product page view"}])", "cosmetic",
            "description_changed", "/events/0/description");
        row("attribute owner", R"([{"op":"replace","path":"/attributes/0/owner","value":"crm"}])", "cosmetic",
            "owner_changed", "/attributes/0/owner");
        row("identifier no longer accepted",
            R"([{"op":"replace","path":"/identity/accepted","value":["id"]}])", "breaking",
            "identifier_no_longer_accepted", "/identity/accepted");
        row("primary identifier", R"([{"op":"replace","path":"/identity/primary","value":"email"}])",
            "breaking", "primary_identifier_changed", "/identity/primary");
        row("strict attributes", R"([{"op":"add","path":"/allow_other_attributes","value":false}])",
            "breaking", "allow_other_attributes_closed", "/allow_other_attributes");
        row("object attribute enum value removed",
            R"([{"op":"replace","path":"/objects/0/attributes/0/enum","value":["active","canceled"]}])",
            "breaking", "enum_value_removed", "/objects/0/attributes/0/enum");
        row("object attribute enum value added",
            R"([{"op":"replace","path":"/objects/0/attributes/0/enum","value":["active","paused","canceled","trial"]}])",
            "additive", "enum_value_added", "/objects/0/attributes/0/enum");
        row("property renamed",
            R"([{"op":"replace","path":"/events/3/properties/4/name","value":"discount_cod"}])", "breaking",
            "property_renamed", "/events/3/properties/4");
    }
    void classifiesEachChange()
    {
        QFETCH(QByteArray, patch);
        QFETCH(QString, impact);
        QFETCH(QString, code);
        QFETCH(QString, pointer);
        const Json before = example("d2c.plan.json");
        const std::vector<PlanChange> changes =
            diffPlans(planOf(before), planOf(before.patch(Json::parse(patch.toStdString()))));
        QVERIFY2(changes.size() == 1, listed(changes).c_str());
        QCOMPARE(QString::fromUtf8(toString(changes[0].impact).data()), impact);
        QCOMPARE(QString::fromStdString(changes[0].code), code);
        QCOMPARE(QString::fromStdString(changes[0].pointer), pointer);
        if (impact == QLatin1String("breaking"))
            QVERIFY2(!changes[0].why.empty(), "a breaking change says what breaks");
    }

    // Lifting an allow-list (enum → string without values) lets every value in: additive, not a removal.
    void liftingAnAllowListIsAdditive()
    {
        const Json before = example("d2c.plan.json");
        const Json after = before.patch(
            Json::parse(R"([{"op":"replace","path":"/objects/0/attributes/0/type","value":"string"},
            {"op":"remove","path":"/objects/0/attributes/0/enum"}])"));
        const std::vector<PlanChange> changes = diffPlans(planOf(before), planOf(after));
        QVERIFY2(changes.size() == 2 && changes[0].code == "type_widened" &&
                     changes[1].code == "enum_values_lifted",
                 listed(changes).c_str());
        QVERIFY(std::all_of(changes.begin(), changes.end(),
                            [](const PlanChange &c) { return c.impact == ChangeImpact::Additive; }));
    }

    void breakingChangeNeedsAVersionBump()
    {
        const Json before = example("d2c.plan.json");
        const Json removed =
            before.patch(Json::parse(R"([{"op":"remove","path":"/events/1/properties/1"}])"));
        std::vector<PlanChange> changes = diffPlans(planOf(before), planOf(removed));
        std::vector<PlanChange> findings = versionFindings(planOf(before), planOf(removed), changes);
        QCOMPARE(findings.size(), std::size_t(1));
        QCOMPARE(findings[0].code, std::string("version_not_bumped"));
        QCOMPARE(findings[0].pointer, std::string("/version"));
        QVERIFY(findings[0].advice.find("set \"version\" to 4") != std::string::npos);

        const Json bumped = removed.patch(Json::parse(R"([{"op":"replace","path":"/version","value":4}])"));
        changes = diffPlans(planOf(before), planOf(bumped));
        QVERIFY(versionFindings(planOf(before), planOf(bumped), changes).empty());

        // An additive change may keep the version; a version never goes down.
        const Json added = before.patch(Json::parse(
            R"([{"op":"add","path":"/events/-","value":{"name":"wishlist_added","properties":[]}}])"));
        changes = diffPlans(planOf(before), planOf(added));
        QVERIFY(versionFindings(planOf(before), planOf(added), changes).empty());
        const Json lowered = added.patch(Json::parse(R"([{"op":"replace","path":"/version","value":2}])"));
        findings =
            versionFindings(planOf(before), planOf(lowered), diffPlans(planOf(before), planOf(lowered)));
        QCOMPARE(findings.size(), std::size_t(1));
        QCOMPARE(findings[0].code, std::string("version_lowered"));
    }

    // A renamed event that keeps the old name as an alias is one rename, with the dual-send advice.
    void renameWithAnAliasIsOneChangeWithAdvice()
    {
        const Json before = example("d2c.plan.json");
        const Json after = before.patch(Json::parse(
            R"([{"op":"replace","path":"/events/3/name","value":"purchase_completed"},
                {"op":"add","path":"/events/3/aliases","value":["order_completed"]}])"));
        const std::vector<PlanChange> changes = diffPlans(planOf(before), planOf(after));
        const auto rename = std::find_if(changes.begin(), changes.end(),
                                         [](const PlanChange &c) { return c.code == "event_renamed"; });
        QVERIFY2(rename != changes.end(), listed(changes).c_str());
        QVERIFY(rename->kind == PlanChange::Kind::Renamed);
        QCOMPARE(rename->renamedFrom, std::string("order_completed"));
        QVERIFY(rename->what.find("kept as an alias") != std::string::npos);
        QVERIFY(rename->advice.find("dual-send") != std::string::npos);
        QVERIFY(std::none_of(changes.begin(), changes.end(), [](const PlanChange &c) {
            return c.code == "event_removed" || c.code == "event_added";
        }));
    }

    // Each breaking change is traced to the journeys that read what it changed.
    void breakingChangesAreTracedToJourneys()
    {
        const Result<Journeys> journeys = loadJourneysFile(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json");
        QVERIFY2(journeys, journeys ? "" : journeys.error().toString().c_str());
        const Json before = example("d2c.plan.json");
        const Json after = before.patch(Json::parse(R"([{"op":"remove","path":"/events/1/properties/1"}])"));
        const std::vector<PlanChange> changes = diffPlans(planOf(before), planOf(after));
        QCOMPARE(changes.size(), std::size_t(1));
        QCOMPARE(changes[0].property, std::string("cart_value"));
        const std::vector<JourneyUse> uses = journeyUses(*journeys, changes[0]);
        std::string all;
        for (const JourneyUse &use : uses)
            all += use.pointer + " " + use.what + "\n";
        // The trigger filter, and both reminders' templates (a file and an inline one) print it.
        QVERIFY2(uses.size() == 3, all.c_str());
        QCOMPARE(uses[0].pointer, std::string("/campaigns/0/trigger/where/0"));
        QVERIFY2(uses[0].what.find("cart_recovery trigger filter cart_value") != std::string::npos &&
                     uses[0].what.find("now never matches: cart_value removed") != std::string::npos,
                 uses[0].what.c_str());
        QCOMPARE(uses[1].pointer, std::string("/campaigns/0/steps/1/message/template"));
        QVERIFY2(uses[1].what.find(
                     "cart_reminder_1 template (line 2) {{ event.cart_value }}: the delivery fails") !=
                     std::string::npos,
                 uses[1].what.c_str());

        // Renaming the goal's key reaches the goal's match, under the old name.
        const Json renamed = before.patch(
            Json::parse(R"([{"op":"replace","path":"/events/3/properties/1/name","value":"cartid"}])"));
        const std::vector<PlanChange> renames = diffPlans(planOf(before), planOf(renamed));
        QVERIFY2(renames.size() == 1 && renames[0].code == "property_renamed", listed(renames).c_str());
        const std::vector<JourneyUse> goal = journeyUses(*journeys, renames[0]);
        QVERIFY(std::any_of(goal.begin(), goal.end(), [](const JourneyUse &use) {
            return use.pointer == "/campaigns/0/exit/goal/match";
        }));

        // An attribute's removal reaches the audience that tests it.
        const Json noConsent =
            before.patch(Json::parse(R"([{"op":"remove","path":"/attributes/3"}])")); // accepts_marketing
        const std::vector<PlanChange> attribute = diffPlans(planOf(before), planOf(noConsent));
        QCOMPARE(attribute.size(), std::size_t(1));
        const std::vector<JourneyUse> audience = journeyUses(*journeys, attribute[0]);
        QVERIFY(std::any_of(audience.begin(), audience.end(),
                            [](const JourneyUse &use) { return use.pointer == "/campaigns/0/audience"; }));
    }
};

QTEST_GUILESS_MAIN(TestPlanDiff)
#include "TestPlanDiff.moc"
