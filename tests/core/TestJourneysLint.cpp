#include "common/Json.h"
#include "journeys/Journeys.h"
#include "lint/JourneysLinter.h"
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

} // namespace

// lint --journeys: what a journeys file refers to must be what the plan sends, with the plan's types.
class TestJourneysLint : public QObject
{
    Q_OBJECT

private slots:
    void shippedJourneysOnlyWarnAboutTheOptionalCartId()
    {
        const Result<Plan> plan = planFromJson(example("d2c.plan.json"));
        const Result<Journeys> journeys = loadJourneysFile(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json");
        QVERIFY(plan && journeys);
        const std::vector<LintFinding> findings = lintJourneys(*plan, *journeys);
        QCOMPARE(findings.size(), std::size_t(2));
        QCOMPARE(findings[0].code, std::string(JourneysLintCode::OptionalKey));
        QVERIFY(findings[0].severity == Severity::Warning);
        QCOMPARE(findings[0].pointer, std::string("/campaigns/0/exit/goal/match"));
        QVERIFY(findings[0].message.find("order_completed") != std::string::npos);
        // The replenishment template prints the optional discount_code without a default, on purpose.
        QCOMPARE(findings[1].code, std::string(JourneysLintCode::TemplateOptionalWithoutDefault));
        QCOMPARE(findings[1].pointer, std::string("/campaigns/3/steps/1/message/template"));
        QVERIFY2(findings[1].message.find(
                     "templates/replenish_reminder.liquid:6:11 reads {{ event.discount_code }}") !=
                     std::string::npos,
                 findings[1].message.c_str());
    }

    // Each row patches the shipped journeys (RFC 6902) and names the one finding it must raise.
    void brokenReferencesAreFound_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QByteArray>("planPatch");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("says");
        QTest::newRow("trigger event typo")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/trigger/event","value":"added_to_cartt"}])")
            << QByteArray("[]") << "unknown_event_reference"
            << "/campaigns/0/trigger/event"
            << R"(did you mean "added_to_cart"?)";
        QTest::newRow("goal event typo")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/exit/goal/event","value":"order_complete"}])")
            << QByteArray("[]") << "unknown_event_reference"
            << "/campaigns/0/exit/goal/event"
            << R"(did you mean "order_completed"?)";
        QTest::newRow("segment event")
            << QByteArray(R"([{"op":"replace","path":"/segments/2/condition/performed","value":"purchase"}])")
            << QByteArray("[]") << "unknown_event_reference"
            << "/segments/2/condition/performed"
            << R"(no event "purchase")";
        QTest::newRow("filter property typo")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/trigger/where/0/property","value":"cart_valeu"}])")
            << QByteArray("[]") << "unknown_property_reference"
            << "/campaigns/0/trigger/where/0/property"
            << R"(did you mean "cart_value"?)";
        QTest::newRow("item property")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/3/trigger/where/0/property","value":"items[].skus"}])")
            << QByteArray("[]") << "unknown_property_reference"
            << "/campaigns/3/trigger/where/0/property"
            << R"(did you mean "sku"?)";
        QTest::newRow("number filter on a string")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/trigger/where/0/property","value":"currency"}])")
            << QByteArray("[]") << "type_mismatch_reference"
            << "/campaigns/0/trigger/where/0"
            << "compares numbers, but the plan says \"currency\" of added_to_cart is string";
        QTest::newRow("string equals on a number")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/trigger/where/0","value":{"property":"cart_value","op":"eq","value":"twenty"}}])")
            << QByteArray("[]") << "type_mismatch_reference"
            << "/campaigns/0/trigger/where/0"
            << "compares with string \"twenty\"";
        QTest::newRow("ordering on an ISO-8601 timestamp")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/trigger","value":{"event":"order_completed","where":[{"property":"completed_at","op":"gt","value":0}]}}])")
            << QByteArray(R"([{"op":"add","path":"/events/3/properties/5/format","value":"iso8601"}])")
            << "type_mismatch_reference"
            << "/campaigns/0/trigger/where/0"
            << "ISO-8601 text is not one";
        QTest::newRow("attribute typo")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/audience/attribute","value":"accepts_marketting"}])")
            << QByteArray("[]") << "unknown_attribute_reference"
            << "/campaigns/0/audience/attribute"
            << R"(did you mean "accepts_marketing"?)";
        QTest::newRow("message condition attribute type")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/steps/3/message/conditions/value","value":"yes"}])")
            << QByteArray("[]") << "type_mismatch_reference"
            << "/campaigns/0/steps/3/message/conditions"
            << "attribute \"sms_consent\" is boolean";
        QTest::newRow("goal key typo")
            << QByteArray(R"([{"op":"replace","path":"/campaigns/0/exit/goal/match","value":"cartid"}])")
            << QByteArray("[]") << "unknown_property_reference"
            << "/campaigns/0/exit/goal/match"
            << R"(did you mean "cart_id"?)";
        QTest::newRow("dedupe key on an optional property")
            << QByteArray(R"([{"op":"replace","path":"/campaigns/0/dedupe_key","value":"cart_id"}])")
            << QByteArray(R"([{"op":"replace","path":"/events/1/properties/0/required","value":false}])")
            << "optional_key_reference"
            << "/campaigns/0/dedupe_key"
            << "never deduplicated";
        // The shipped plan declares object type 1, subscription (status, interval_days).
        QTest::newRow("related object of a type the plan lacks")
            << QByteArray(R"([{"op":"replace","path":"/segments/3/condition/related_object","value":"2"}])")
            << QByteArray("[]") << "unknown_object_type_reference"
            << "/segments/3/condition/related_object"
            << R"(no object type "2")";
        QTest::newRow("related object attribute typo")
            << QByteArray(
                   R"([{"op":"replace","path":"/segments/3/condition/where/0/attribute","value":"statuss"}])")
            << QByteArray("[]") << "unknown_object_attribute_reference"
            << "/segments/3/condition/where/0/attribute"
            << R"(did you mean "status"?)";
        QTest::newRow("related object attribute type")
            << QByteArray(
                   R"([{"op":"replace","path":"/segments/3/condition/where/0","value":{"attribute":"interval_days","op":"eq","value":"monthly"}}])")
            << QByteArray("[]") << "type_mismatch_reference"
            << "/segments/3/condition/where/0"
            << "attribute \"interval_days\" of object type subscription is integer";
        QTest::newRow("template reads a property the trigger lacks")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/steps/3/message/template/body","value":"Use {{ event.discount_code | default: 'none' }}"}])")
            << QByteArray("[]") << "template_unknown_property"
            << "/campaigns/0/steps/3/message/template/body"
            << "order_completed has it, but a template reads only the triggering event";
        QTest::newRow("template reads event data in a segment-triggered campaign")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/2/steps/0/message/template/body","value":"{{ event.revenue }}"}])")
            << QByteArray("[]") << "template_event_without_trigger"
            << "/campaigns/2/steps/0/message/template/body"
            << "starts on segment entry";
        QTest::newRow("template syntax")
            << QByteArray(
                   R"([{"op":"replace","path":"/campaigns/0/steps/3/message/template/subject","value":"{% for x in event.items %}{{ x.sku }}"}])")
            << QByteArray("[]") << "template_syntax"
            << "/campaigns/0/steps/3/message/template/subject"
            << "never closed with {% endfor %}";
        QTest::newRow("keyed goal without a trigger event")
            << QByteArray(
                   R"([{"op":"add","path":"/campaigns/1/exit/goal","value":{"event":"order_completed","match":"cart_id","within":"1d"}}])")
            << QByteArray("[]") << "key_without_trigger_event"
            << "/campaigns/1/exit/goal/match"
            << "this campaign has none";
    }

    void brokenReferencesAreFound()
    {
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, planPatch);
        QFETCH(QString, code);
        QFETCH(QString, pointer);
        QFETCH(QString, says);
        const Json journeysJson = example("d2c.journeys.json").patch(Json::parse(patch.toStdString()));
        const Json planJson = example("d2c.plan.json").patch(Json::parse(planPatch.toStdString()));
        const Result<Plan> plan = planFromJson(planJson);
        QVERIFY2(plan, plan ? "" : plan.error().toString().c_str());
        const Result<Journeys> journeys = journeysFromJson(journeysJson);
        QVERIFY2(journeys, journeys ? "" : journeys.error().toString().c_str());
        const std::vector<LintFinding> findings = lintJourneys(*plan, *journeys);
        const auto found = std::find_if(findings.begin(), findings.end(), [&](const LintFinding &finding) {
            return finding.code == code.toStdString() && finding.pointer == pointer.toStdString();
        });
        std::string all;
        for (const LintFinding &finding : findings)
            all += toText(finding, "d2c.journeys.json");
        QVERIFY2(found != findings.end(), all.c_str());
        QVERIFY2((found->message + " " + found->fix).find(says.toStdString()) != std::string::npos,
                 all.c_str());
        // Nothing else fires but the shipped warning about the optional cart_id on order_completed (and the
        // same finding for another event the key is read from).
        for (const LintFinding &finding : findings)
            // (A row that changes what a campaign's trigger is also changes what its templates may read.)
            QVERIFY2((finding.code == found->code && finding.pointer == found->pointer) ||
                         finding.code == JourneysLintCode::OptionalKey ||
                         (finding.code.rfind("template_", 0) == 0 && code.left(9) != u"template_"),
                     all.c_str());
    }
};

QTEST_GUILESS_MAIN(TestJourneysLint)
#include "TestJourneysLint.moc"
