#include "journeys/Journeys.h"
#include "scenario/ScenarioRunner.h"

#include <QDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace preflight;

namespace {

Journeys shippedJourneys()
{
    auto journeys = loadJourneysFile(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json");
    if (!journeys.ok())
        qFatal("%s", journeys.error().toString().c_str());
    return *journeys;
}

Scenario scenarioFrom(const char *text)
{
    auto scenario = scenarioFromJson(Json::parse(text), "s");
    if (!scenario.ok())
        qFatal("%s", scenario.error().toString().c_str());
    return *scenario;
}

const char *kFaulty = R"({"format": "preflight.scenario/1", "name": "faults", "start": "2026-03-02T10:00:00Z",
  "vars": {"cart_id": "cart-{{uuid}}", "email": "qa+{{run_id}}@example.com"},
  "steps": [
    {"at": "+0m", "kind": "identify", "identity": {"email": "{{email}}"}, "properties": {"accepts_marketing": true}},
    {"at": "+1m", "kind": "track", "identity": {"email": "{{email}}"}, "name": "added_to_cart", "properties": {"cart_id": "{{cart_id}}"}, "fault": {"out_of_order": true}},
    {"at": "+2m", "kind": "track", "identity": {"email": "{{email}}"}, "name": "checkout_started", "properties": {"cart_id": "{{cart_id}}", "ref": "{{uuid}}"}, "fault": {"duplicate": "5s"}},
    {"at": "+3m", "kind": "track", "identity": {"email": "{{email}}"}, "name": "order_completed", "properties": {"cart_id": "{{cart_id}}"}, "fault": {"arrival_delay": "45m"}},
    {"at": "+4m", "kind": "page", "identity": {"email": "{{email}}"}, "name": "/thanks", "fault": {"drop": true}}],
  "expect": [{"message": "cart_reminder_1", "sent": false}]})";

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private slots:
    void expandsTemplatesTimesAndFaults()
    {
        auto expanded = expandScenario(scenarioFrom(kFaulty), {"r42", std::nullopt});
        QVERIFY(expanded.ok());
        const UnixMillis start = *parseIso8601("2026-03-02T10:00:00Z");
        QCOMPARE(expanded->origin, start);
        QCOMPARE(expanded->calls.size(),
                 std::size_t(5)); // identify, checkout ×2, cart, order; the page is dropped
        QCOMPARE(expanded->dropped.size(), std::size_t(1));
        QCOMPARE(expanded->calls[0].call.identity.email, std::string("qa+r42@example.com"));
        QCOMPARE(expanded->calls[1].call.name, std::string("checkout_started"));
        QCOMPARE(expanded->calls[2].call.name,
                 std::string("added_to_cart")); // out of order: after the next step
        QCOMPARE(*expanded->calls[2].call.occurredAt, start + 60'000);
        QCOMPARE(*expanded->calls[2].call.arrivedAt, start + 120'001);
        QCOMPARE(expanded->calls[3].call.name, std::string("checkout_started"));
        QVERIFY(expanded->calls[3].duplicate);
        QCOMPARE(*expanded->calls[3].call.arrivedAt, start + 125'000);
        QCOMPARE(*expanded->calls[4].call.arrivedAt, start + 48 * 60'000);
        // One cart_id shared by every step; a fresh uuid where {{uuid}} is used directly.
        const std::string cartId = expanded->calls[0 + 1].call.properties["cart_id"];
        QCOMPARE(expanded->calls[2].call.properties["cart_id"].get<std::string>(), cartId);
        QCOMPARE(expanded->calls[4].call.properties["cart_id"].get<std::string>(), cartId);
        QVERIFY(expanded->calls[1].call.properties["ref"].get<std::string>() != cartId.substr(5));
    }

    void expansionIsDeterministicPerRunId()
    {
        const Scenario scenario = scenarioFrom(kFaulty);
        auto a = expandScenario(scenario, {"same", std::nullopt});
        auto b = expandScenario(scenario, {"same", std::nullopt});
        auto c = expandScenario(scenario, {"other", std::nullopt});
        QCOMPARE(a->vars.dump(), b->vars.dump());
        QVERIFY(a->vars.dump() != c->vars.dump());
    }

    void rejectsBadScenarios_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::newRow("bad offset") << "/steps/0/at"
                                    << R"("soon")"
                                    << "s#/steps/0/at";
        QTest::newRow("bad kind") << "/steps/0/kind"
                                  << R"("shout")"
                                  << "s#/steps/0/kind";
        QTest::newRow("unknown fault") << "/steps/1/fault"
                                       << R"({"lost": true})"
                                       << "s#/steps/1/fault/lost";
        QTest::newRow("unknown expectation") << "/expect/0"
                                             << R"({"email": "x"})"
                                             << "s#/expect/0";
        QTest::newRow("explicit time") << "/steps/0/occurred_at"
                                       << R"("2026-01-01T00:00:00Z")"
                                       << "s#/steps/0";
    }

    void rejectsBadScenarios()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, where);
        Json json = Json::parse(kFaulty);
        json[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
        auto scenario = scenarioFromJson(json, "s");
        QVERIFY(!scenario.ok());
        QCOMPARE(QString::fromStdString(scenario.error().where), where);
    }

    void rejectsUnknownPlaceholder()
    {
        Json json = Json::parse(kFaulty);
        json["steps"][0]["identity"]["email"] = "{{mail}}";
        auto expanded = expandScenario(*scenarioFromJson(json, "s"));
        QVERIFY(!expanded.ok());
        QCOMPARE(expanded.error().where, std::string("s#/steps/0/identity/email"));
    }

    void roundTripsTheFileForm()
    {
        const Scenario scenario = scenarioFrom(kFaulty);
        auto again = scenarioFromJson(toJson(scenario), "s");
        QVERIFY(again.ok());
        QVERIFY(*again == scenario);
    }

    void shippedExamplesHaveTheirOutcome_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("passes");
        QTest::newRow("cart-recovery") << "cart-recovery" << true;
        QTest::newRow("late-purchase fails on purpose") << "late-purchase" << false;
        QTest::newRow("cart-dedupe") << "cart-dedupe" << true;
        QTest::newRow("anonymous-merge") << "anonymous-merge" << true;
        QTest::newRow("refund-vip-exit") << "refund-vip-exit" << true;
        QTest::newRow("winback-recent-buyers") << "winback-recent-buyers" << true;
        QTest::newRow("replenishment") << "replenishment" << true;
    }

    void shippedExamplesHaveTheirOutcome()
    {
        QFETCH(QString, file);
        QFETCH(bool, passes);
        auto scenario = loadScenarioFile(
            (QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/") + file + QStringLiteral(".scenario.json"))
                .toStdString());
        QVERIFY2(scenario.ok(), scenario.ok() ? "" : scenario.error().toString().c_str());
        auto result = runScenario(*scenario, shippedJourneys(), {}, {"test", std::nullopt});
        QVERIFY(result.ok());
        QVERIFY2(result->passed() == passes, reportToText(*result).c_str());
        for (const ExpectationResult &expectation : result->expectations)
            QVERIFY(expectation.status != ExpectationResult::Status::Skipped);
    }

    void latePurchaseReportShowsTheLeakAndWhy()
    {
        auto scenario = loadScenarioFile(PREFLIGHT_EXAMPLES_DIR "/late-purchase.scenario.json");
        auto result = runScenario(*scenario, shippedJourneys(), {}, {"test", std::nullopt});
        QVERIFY(result.ok());
        const ExpectationResult &failed = result->expectations.front();
        QCOMPARE(failed.status, ExpectationResult::Status::Failed);
        QVERIFY(failed.detail.find("+31m sent") != std::string::npos);
        QVERIFY(failed.detail.find("arrived 45m late") != std::string::npos);
    }

    void stagesPlugIn()
    {
        RunnerStages stages;
        int sent = 0;
        stages.validate = [](const Call &call) {
            std::vector<StepViolation> out;
            if (call.name == "checkout_started")
                out.push_back({0, "unknown_event", "/name", "not in the plan"});
            return out;
        };
        stages.send = [&sent](const std::vector<ScheduledCall> &calls) {
            sent = static_cast<int>(calls.size());
            return Status(Ok{});
        };
        stages.readBack = [](const std::vector<ScheduledCall> &calls) {
            std::vector<Call> landed;
            for (const ScheduledCall &scheduled : calls) {
                if (scheduled.call.name != "order_completed") // the target lost the purchase
                    landed.push_back(scheduled.call);
            }
            return Result<std::vector<Call>>(landed);
        };
        Json json = Json::parse(kFaulty);
        json["expect"].push_back({{"plan_validation", "clean"}});
        auto result =
            runScenario(*scenarioFromJson(json, "s"), shippedJourneys(), stages, {"t", std::nullopt});
        QVERIFY(result.ok());
        QCOMPARE(sent, 5);
        QCOMPARE(result->violations.size(), std::size_t(1)); // a duplicate copy is not validated twice
        QCOMPARE(result->violations.front().step, std::size_t(2));
        QCOMPARE(result->expectations.back().status, ExpectationResult::Status::Failed);
        QVERIFY(result->validated);
    }

    void writesJUnitAndJson()
    {
        std::vector<ScenarioResult> results;
        for (const char *file : {"cart-recovery", "late-purchase"}) {
            auto scenario =
                loadScenarioFile(std::string(PREFLIGHT_EXAMPLES_DIR "/") + file + ".scenario.json");
            results.push_back(*runScenario(*scenario, shippedJourneys(), {}, {"test", std::nullopt}));
        }
        const std::string xml = reportToJUnitXml(results);
        QXmlStreamReader reader(QString::fromStdString(xml));
        int suites = 0;
        int failures = 0;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement() && reader.name() == QStringLiteral("testsuite"))
                ++suites;
            if (reader.isStartElement() && reader.name() == QStringLiteral("failure"))
                ++failures;
        }
        QVERIFY2(!reader.hasError(), reader.errorString().toUtf8().constData());
        QCOMPARE(suites, 2);
        QCOMPARE(failures, 1);
        const Json json = reportToJson(results);
        QCOMPARE(json["summary"]["failed"].get<int>(), 1);
        QCOMPARE(json["scenarios"][1]["passed"].get<bool>(), false);
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "TestScenario.moc"
