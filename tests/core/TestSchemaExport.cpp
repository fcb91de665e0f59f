#include "common/Json.h"
#include "plan/PlanFile.h"
#include "schema/JsonSchemaExport.h"
#include "schema/MarkdownExport.h"
#include "validate/CompiledPlan.h"
#include "validate/Validator.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace preflight;

namespace {

Plan starterPlan()
{
    Result<Plan> plan = loadPlan(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
    if (!plan)
        qFatal("%s", plan.error().toString().c_str());
    return *plan;
}

// name → payload, for the cases file and for a JSONL file (named by line number like the script does).
std::vector<std::pair<std::string, Json>> payloads(const QString &path)
{
    std::vector<std::pair<std::string, Json>> result;
    const std::string text = readTextFile(path.toStdString()).value();
    if (path.endsWith(QStringLiteral(".jsonl"))) {
        std::size_t start = 0;
        for (int line = 1; start < text.size(); ++line) {
            const std::size_t end = std::min(text.find('\n', start), text.size());
            if (end > start)
                result.emplace_back(std::to_string(line), Json::parse(text.substr(start, end - start)));
            start = end + 1;
        }
    } else {
        for (const Json &item : Json::parse(text))
            result.emplace_back(item["name"].get<std::string>(), item["payload"]);
    }
    return result;
}

} // namespace

class TestSchemaExport : public QObject
{
    Q_OBJECT

private slots:
    // The exported schemas, checked by python3-jsonschema, accept exactly the payloads the Validator accepts
    // (no error-severity violation): every corpus case, whatever its kind (Pipelines track and identify,
    // Track v1 bodies through the bundle; bare properties through their event's schema). Both drafts,
    // lenient and strict plans, two corpora; cases with a "plan_patch" are checked against their own export.
    void exportedSchemaGivesTheValidatorsVerdict_data()
    {
        QTest::addColumn<int>("draft");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<QString>("corpus");
        const QString cases = QStringLiteral(PREFLIGHT_TEST_DATA_DIR "/payloads/cases.json");
        const QString sample = QStringLiteral(PREFLIGHT_TEST_DATA_DIR "/payloads/d2c-sample.jsonl");
        QTest::newRow("draft 2020-12, cases") << int(SchemaDraft::Draft2020_12) << false << cases;
        QTest::newRow("draft 07, cases") << int(SchemaDraft::Draft07) << false << cases;
        QTest::newRow("draft 2020-12, strict plan, cases") << int(SchemaDraft::Draft2020_12) << true << cases;
        QTest::newRow("draft 07, strict plan, cases") << int(SchemaDraft::Draft07) << true << cases;
        QTest::newRow("draft 07, generated sample") << int(SchemaDraft::Draft07) << false << sample;
        QTest::newRow("draft 2020-12, generated sample") << int(SchemaDraft::Draft2020_12) << false << sample;
    }
    void exportedSchemaGivesTheValidatorsVerdict()
    {
        QFETCH(int, draft);
        QFETCH(bool, strict);
        QFETCH(QString, corpus);
        // Plan variant (the case's plan_patch, "" for none) → its cases.
        std::map<std::string, Json> groups;
        if (corpus.endsWith(QStringLiteral(".jsonl"))) {
            for (auto &[name, payload] : payloads(corpus))
                groups[""].push_back({{"name", name}, {"kind", "auto"}, {"payload", payload}});
        } else {
            const Result<Json> all = readJsonFile(corpus.toStdString()); // outlives the loop
            QVERIFY(all.ok());
            for (const Json &item : *all)
                groups[item.contains("plan_patch") ? item["plan_patch"].dump() : std::string()].push_back(
                    item);
        }
        const Json starter = readJsonFile(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json").value();
        QTemporaryDir dir;
        int compared = 0;
        int rejected = 0;
        std::set<std::string> kinds;
        for (const auto &[patch, cases] : groups) {
            Result<Plan> loaded = planFromJson(patch.empty() ? starter : starter.patch(Json::parse(patch)));
            QVERIFY2(loaded.ok(), patch.c_str());
            Plan plan = *loaded;
            if (strict) {
                for (EventSpec &event : plan.events)
                    event.allowOtherProperties = false;
                plan.allowOtherAttributes = false;
            }
            const QString exportDir = dir.filePath(QString::number(compared));
            QVERIFY(exportJsonSchemas(plan, SchemaDraft(draft), exportDir.toStdString()).ok());
            const QString casesPath = exportDir + QStringLiteral("/cases.json");
            QVERIFY(writeTextFile(casesPath.toStdString(), cases.dump()).ok());
            QProcess python;
            python.start(QStringLiteral("python3"),
                         {QStringLiteral(PREFLIGHT_TEST_DATA_DIR "/../core/schema_verdicts.py"), exportDir,
                          casesPath});
            QVERIFY(python.waitForFinished(60'000));
            QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
            const Json verdicts = Json::parse(python.readAllStandardOutput().toStdString());
            QCOMPARE(verdicts.size(), cases.size());
            const Validator validator(plan);
            for (const Json &item : cases) {
                const std::string name = item["name"].get<std::string>();
                const std::string kind = item["kind"].get<std::string>();
                const PayloadKind payloadKind = kind == "properties" ? PayloadKind::Properties
                                                : kind == "track-v1" ? PayloadKind::TrackV1Event
                                                                     : PayloadKind::Auto;
                const auto violations = validator.validatePayload(item["payload"], payloadKind,
                                                                  item.value("event", std::string()));
                const bool accepted = !hasErrors(violations);
                QVERIFY2(verdicts.contains(name), name.c_str());
                QVERIFY2(accepted == verdicts[name].get<bool>(),
                         (name + ": validator says " + (accepted ? "valid" : "invalid ") +
                          (violations.empty() ? std::string() : violations.front().code) +
                          ", schema disagrees")
                             .c_str());
                ++compared;
                rejected += accepted ? 0 : 1;
                const Json &payload = item["payload"];
                const Json type = payload.is_object() ? payload.value("type", Json()) : Json();
                kinds.insert(kind == "properties"                              ? kind
                             : type == "identify" || type == "object"          ? type.get<std::string>()
                             : payload.is_object() && payload.contains("name") ? "track-v1"
                                                                               : "track");
            }
        }
        QVERIFY(compared >= 30);
        QVERIFY(rejected > 0 && rejected < compared);
        if (!corpus.endsWith(QStringLiteral(".jsonl")))
            QCOMPARE(kinds, (std::set<std::string>{"identify", "object", "properties", "track", "track-v1"}));
    }

    // Strictness travels: a plan that forbids unknown attributes exports traits with additionalProperties
    // false.
    void strictAttributesExportAsClosedTraits()
    {
        Plan plan = starterPlan();
        plan.allowOtherAttributes = false;
        plan.attributes.front().required = true;
        const OrderedJson bundle = bundleSchema(plan, SchemaDraft::Draft2020_12);
        const std::string text = bundle.dump();
        QVERIFY(text.find(R"("traits":{"type":"object")") != std::string::npos);
        QVERIFY(text.find(R"("additionalProperties":false)") != std::string::npos);
        const Result<Plan> imported = planFromSchemaBundle(bundle);
        QVERIFY(imported.ok());
        QVERIFY(!imported->allowOtherAttributes);
        QVERIFY(imported->attributes.front().required);
    }

    void importGivesThePlanBack_data()
    {
        QTest::addColumn<int>("draft");
        QTest::newRow("draft 07") << int(SchemaDraft::Draft07);
        QTest::newRow("draft 2020-12") << int(SchemaDraft::Draft2020_12);
    }
    void importGivesThePlanBack()
    {
        QFETCH(int, draft);
        const Plan plan = starterPlan();
        const OrderedJson bundle = OrderedJson::parse(bundleSchema(plan, SchemaDraft(draft)).dump());
        const Result<Plan> imported = planFromSchemaBundle(bundle);
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
        QCOMPARE(toFileText(*imported), toFileText(plan));
    }

    void importsAForeignBundleFromStandardKeywords()
    {
        const OrderedJson bundle = OrderedJson::parse(R"({"$defs": {"signed_up": {"type": "object",
            "properties": {"plan": {"type": "string", "enum": ["free", "pro"]}, "seats": {"type": "integer", "minimum": 1},
                           "at": {"type": "string", "pattern": )" +
                                                      Json(std::string(kIso8601Pattern)).dump() + R"(}},
            "required": ["plan"], "additionalProperties": false}}})");
        const Result<Plan> plan = planFromSchemaBundle(bundle);
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().toString().c_str());
        const EventSpec *event = plan->findEvent("signed_up");
        QVERIFY(event);
        QVERIFY(!event->allowOtherProperties);
        QVERIFY(event->findProperty("plan")->required);
        QCOMPARE(event->findProperty("seats")->minimum, std::optional<double>(1));
        QVERIFY(event->findProperty("at")->timestampFormat == TimestampEncoding::Iso8601);
    }

    void importRejectsWhatItCannotRepresent_data()
    {
        QTest::addColumn<QByteArray>("bundle");
        QTest::addColumn<QString>("where");
        QTest::newRow("no definitions") << QByteArray(R"({"type": "object"})") << "b.json";
        QTest::newRow("type list")
            << QByteArray(
                   R"({"$defs": {"e": {"type": "object", "properties": {"x": {"type": ["string", "null"]}}}}})")
            << "b.json#/$defs/e/properties/x/type";
        QTest::newRow("event not an object")
            << QByteArray(R"({"definitions": {"e": {"type": "array"}}})") << "b.json#/definitions/e";
    }
    void importRejectsWhatItCannotRepresent()
    {
        QFETCH(QByteArray, bundle);
        QFETCH(QString, where);
        const Result<Plan> plan = planFromSchemaBundle(OrderedJson::parse(bundle.toStdString()), "b.json");
        QVERIFY(!plan.ok());
        QCOMPARE(QString::fromStdString(plan.error().where), where);
    }

    void eventSchemaCarriesTheValidatorsRules()
    {
        const Plan plan = starterPlan();
        const OrderedJson schema = eventSchema(*plan.findEvent("order_completed"), SchemaDraft::Draft2020_12);
        QCOMPARE(schema["$schema"].get<std::string>(),
                 std::string("https://json-schema.org/draft/2020-12/schema"));
        QVERIFY(schema["required"].size() >= 4);
        QCOMPARE(schema["properties"]["completed_at"]["pattern"].get<std::string>(),
                 std::string(kIso8601Pattern));
        QCOMPARE(schema["properties"]["items"]["minItems"].get<int>(), 1);
        QCOMPARE(schema["properties"]["order_id"]["x-preflight-dedupe-key"].get<bool>(), true);
        const OrderedJson canceled =
            eventSchema(*plan.findEvent("subscription_canceled"), SchemaDraft::Draft07);
        QCOMPARE(canceled["properties"]["canceled_at"]["maximum"].get<std::int64_t>(), kLatestUnixSeconds);
    }

    void markdownDescribesEveryEventWithAnExample()
    {
        const Plan plan = starterPlan();
        const std::string markdown = toMarkdown(plan);
        for (const EventSpec &event : plan.events)
            QVERIFY2(markdown.find("### " + event.name + "\n") != std::string::npos, event.name.c_str());
        QVERIFY(markdown.find("| `items[].quantity` | integer | yes |") != std::string::npos);
        QVERIFY(markdown.find("\"event\": \"order_completed\"") != std::string::npos);
        QVERIFY(markdown.find("| `lifetime_value` | number | backend |") != std::string::npos);
        // Every example is a complete call the plan accepts.
        const Validator validator(plan);
        int examples = 0;
        for (std::size_t at = markdown.find("```json\n"); at != std::string::npos;
             at = markdown.find("```json\n", at + 1)) {
            const std::size_t start = at + 8;
            const std::string text = markdown.substr(start, markdown.find("```", start) - start);
            const auto violations = validator.validatePayload(Json::parse(text), PayloadKind::Auto);
            QVERIFY2(!hasErrors(violations),
                     (text + (violations.empty() ? "" : violations.front().code)).c_str());
            ++examples;
        }
        QVERIFY(markdown.find("### subscription (object type 1)\n") != std::string::npos);
        QVERIFY(markdown.find("| `status` | enum | yes | one of `active`, `paused`, `canceled` |") !=
                std::string::npos);
        QCOMPARE(examples, int(plan.events.size() + plan.objectTypes.size()));
    }
};

QTEST_GUILESS_MAIN(TestSchemaExport)
#include "TestSchemaExport.moc"
