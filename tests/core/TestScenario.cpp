#include "journeys/Journeys.h"
#include "runner/ScenarioRunner.h"
#include "scenario/FilesBeside.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
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

// One identify and nothing else: no journey starts, so every negative expectation is vacuous.
const char *kNothingHappens = R"({"format": "preflight.scenario/1", "name": "nothing happens",
  "steps": [{"at": "+0m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}}],
  "expect": []})";

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
                                             << "s#/expect/0/email";
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

    // A typo must not be dropped without a word: every level refuses keys it does not know, pointing at
    // the key, with a suggestion when one is close.
    void rejectsUnknownKeysWithSuggestion_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::newRow("root") << "/expects"
                              << "[]"
                              << "s#/expects"
                              << R"(unknown key "expects" — did you mean "expect"?)";
        QTest::newRow("run_until") << "/run_untill"
                                   << R"("+1d")"
                                   << "s#/run_untill"
                                   << R"(unknown key "run_untill" — did you mean "run_until"?)";
        QTest::newRow("step's own key") << "/steps/0/lable"
                                        << R"("first")"
                                        << "s#/steps/0/lable"
                                        << R"(unknown key "lable" — did you mean "label"?)";
        QTest::newRow("call member") << "/steps/1/propertes"
                                     << "{}"
                                     << "s#/steps/1/propertes"
                                     << R"(unknown key "propertes" — did you mean "properties"?)";
        QTest::newRow("identity") << "/steps/0/identity"
                                  << R"({"emial": "a@example.com"})"
                                  << "s#/steps/0/identity/emial"
                                  << R"(unknown key "emial" — did you mean "email"?)";
        QTest::newRow("device") << "/steps/0/device"
                                << R"({"token": "t", "platfrom": "ios"})"
                                << "s#/steps/0/device/platfrom"
                                << R"(unknown key "platfrom" — did you mean "platform"?)";
        QTest::newRow("fault") << "/steps/1/fault"
                               << R"({"arival_delay": "45m"})"
                               << "s#/steps/1/fault/arival_delay"
                               << R"(unknown key "arival_delay" — did you mean "arrival_delay"?)";
        QTest::newRow("message expectation") << "/expect/0"
                                             << R"({"message": "m", "snet": false})"
                                             << "s#/expect/0/snet"
                                             << R"(unknown key "snet" — did you mean "sent"?)";
        QTest::newRow("journey expectation") << "/expect/0"
                                             << R"({"journey": "j", "exits": "converted"})"
                                             << "s#/expect/0/exits"
                                             << R"(unknown key "exits" — did you mean "exit"?)";
        QTest::newRow("segment expectation takes no by") << "/expect/0"
                                                         << R"({"segment": "vip", "at": "+1h", "by": "+2h"})"
                                                         << "s#/expect/0/by"
                                                         << R"(unknown key "by")";
        QTest::newRow("plan validation takes no person")
            << "/expect/0"
            << R"({"plan_validation": "clean", "person": {"id": "x"}})"
            << "s#/expect/0/person"
            << R"(unknown key "person")";
        QTest::newRow("no expectation kind")
            << "/expect/0"
            << R"({"mesage": "m"})"
            << "s#/expect/0/mesage"
            << R"(unknown key "mesage" — did you mean "message"?: an expectation has one of "message", "journey", "segment", "plan_validation")";
    }

    void rejectsUnknownKeysWithSuggestion()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, where);
        QFETCH(QString, message);
        Json json = Json::parse(kFaulty);
        json[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
        auto scenario = scenarioFromJson(json, "s");
        QVERIFY(!scenario.ok());
        QCOMPARE(QString::fromStdString(scenario.error().where), where);
        QCOMPARE(QString::fromStdString(scenario.error().message), message);
    }

    // Wrong JSON types, impossible numbers and unsigned offsets are errors at their pointer, never an
    // exception ("terminate called", exit 134) and never a value read as something else.
    void rejectsWrongTypesAndRanges_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::newRow("name an array") << "/name"
                                       << "[]"
                                       << "s#/name";
        QTest::newRow("name a number") << "/name"
                                       << "5"
                                       << "s#/name";
        QTest::newRow("format a number") << "/format"
                                         << "1"
                                         << "s#/format";
        QTest::newRow("description a number") << "/description"
                                              << "5"
                                              << "s#/description";
        QTest::newRow("start a number") << "/start"
                                        << "5"
                                        << "s#/start";
        QTest::newRow("steps an object") << "/steps"
                                         << "{}"
                                         << "s#/steps";
        QTest::newRow("step a string") << "/steps/0"
                                       << R"("identify")"
                                       << "s#/steps/0";
        QTest::newRow("label a number") << "/steps/0/label"
                                        << "5"
                                        << "s#/steps/0/label";
        QTest::newRow("call name a number") << "/steps/1/name"
                                            << "5"
                                            << "s#/steps/1/name";
        QTest::newRow("dedupe_id a number") << "/steps/1/dedupe_id"
                                            << "5"
                                            << "s#/steps/1/dedupe_id";
        QTest::newRow("identity a string") << "/steps/0/identity"
                                           << R"("cust-1")"
                                           << "s#/steps/0/identity";
        QTest::newRow("identifier a number") << "/steps/0/identity"
                                             << R"({"id": 5})"
                                             << "s#/steps/0/identity/id";
        QTest::newRow("context an array") << "/steps/0/context"
                                          << "[]"
                                          << "s#/steps/0/context";
        QTest::newRow("unsigned offset") << "/steps/0/at"
                                         << R"("1h")"
                                         << "s#/steps/0/at";
        QTest::newRow("offset a number") << "/steps/0/at"
                                         << "60"
                                         << "s#/steps/0/at";
        QTest::newRow("unsigned run_until") << "/run_until"
                                            << R"("2d")"
                                            << "s#/run_until";
        QTest::newRow("out_of_order a string") << "/steps/1/fault"
                                               << R"({"out_of_order": "yes"})"
                                               << "s#/steps/1/fault/out_of_order";
        QTest::newRow("negative arrival delay") << "/steps/1/fault"
                                                << R"({"arrival_delay": "-45m"})"
                                                << "s#/steps/1/fault/arrival_delay";
        QTest::newRow("negative duplicate delay") << "/steps/1/fault"
                                                  << R"({"duplicate": "-5s"})"
                                                  << "s#/steps/1/fault/duplicate";
        QTest::newRow("sent a string") << "/expect/0"
                                       << R"({"message": "m", "sent": "no"})"
                                       << "s#/expect/0/sent";
        QTest::newRow("count negative") << "/expect/0"
                                        << R"({"message": "m", "count": -1})"
                                        << "s#/expect/0/count";
        QTest::newRow("count beyond int") << "/expect/0"
                                          << R"({"message": "m", "count": 5000000000})"
                                          << "s#/expect/0/count";
        QTest::newRow("count with sent false") << "/expect/0"
                                               << R"({"message": "m", "sent": false, "count": 1})"
                                               << "s#/expect/0/count";
        QTest::newRow("by a number") << "/expect/0"
                                     << R"({"message": "m", "by": 5})"
                                     << "s#/expect/0/by";
        QTest::newRow("entered a number") << "/expect/0"
                                          << R"({"journey": "j", "entered": 1})"
                                          << "s#/expect/0/entered";
        QTest::newRow("entered and exit") << "/expect/0"
                                          << R"({"journey": "j", "entered": true, "exit": "converted"})"
                                          << "s#/expect/0/entered";
        QTest::newRow("member a string") << "/expect/0"
                                         << R"({"segment": "vip", "member": "no", "at": "+1h"})"
                                         << "s#/expect/0/member";
        QTest::newRow("person a string") << "/expect/0"
                                         << R"({"message": "m", "person": "cust-1"})"
                                         << "s#/expect/0/person";
        QTest::newRow("person without identifier") << "/expect/0"
                                                   << R"({"message": "m", "person": {}})"
                                                   << "s#/expect/0/person";
        QTest::newRow("var a number") << "/vars/cart_id"
                                      << "5"
                                      << "s#/vars/cart_id";
    }

    void rejectsWrongTypesAndRanges()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, where);
        Json json = Json::parse(kFaulty);
        json[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
        Result<Scenario> scenario = Error{};
        try {
            scenario = scenarioFromJson(json, "s");
        } catch (const std::exception &error) {
            QFAIL(qPrintable(
                QStringLiteral("threw instead of answering: %1").arg(QString::fromUtf8(error.what()))));
        }
        QVERIFY(!scenario.ok());
        QCOMPARE(QString::fromStdString(scenario.error().where), where);
    }

    void unsignedOffsetSaysHowToWriteIt()
    {
        Json json = Json::parse(kFaulty);
        json["steps"][1]["at"] = "1m";
        auto scenario = scenarioFromJson(json, "s");
        QVERIFY(!scenario.ok());
        QCOMPARE(scenario.error().message,
                 std::string(R"(offset "1m" needs a sign: "+1m" after the start, "-1m" before it)"));
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
            std::vector<ScheduledCall> landed;
            for (const ScheduledCall &scheduled : calls) {
                if (scheduled.call.name != "order_completed") // the target lost the purchase
                    landed.push_back(scheduled);
            }
            return Result<std::vector<ScheduledCall>>(landed);
        };
        Json json = Json::parse(kFaulty);
        json["expect"].push_back({{"plan_validation", "clean"}});
        auto result =
            runScenario(*scenarioFromJson(json, "s"), shippedJourneys(), stages, {"t", std::nullopt});
        QVERIFY(result.ok());
        QCOMPARE(sent, 5);
        QCOMPARE(result->violations.size(), std::size_t(1)); // a duplicate copy is not validated twice
        QCOMPARE(result->violations.front().step, std::size_t(2));
        QCOMPARE(result->expectations.size(), std::size_t(3));
        QCOMPARE(result->expectations[1].description, std::string("every step passes plan validation"));
        QCOMPARE(result->expectations[1].status, ExpectationResult::Status::Failed);
        QVERIFY(result->validated);
        // The purchase the target lost is not replayed, and the scenario fails for it.
        const ExpectationResult &omitted = result->expectations[2];
        QCOMPARE(omitted.description, std::string("step 3 track order_completed is replayed"));
        QCOMPARE(omitted.status, ExpectationResult::Status::Failed);
        QCOMPARE(omitted.where, std::string("s#/steps/3"));
    }

    void vacuousExpectationsFailUnlessAllowed_data()
    {
        QTest::addColumn<QString>("expectation");
        QTest::addColumn<bool>("passes");
        QTest::addColumn<QString>("detail");
        QTest::newRow("not sent, journey never entered")
            << R"({"message": "cart_reminder_1", "sent": false})" << false
            << "vacuous: cart_recovery never entered for anyone — the scenario does not test the suppression";
        QTest::newRow("not sent for a person")
            << R"({"message": "cart_reminder_1", "sent": false, "person": {"id": "u1"}})" << false
            << "vacuous: cart_recovery never entered for this person";
        QTest::newRow("not sent, allowed")
            << R"({"message": "cart_reminder_1", "sent": false, "allow_vacuous": true})" << true
            << "vacuous, allowed by allow_vacuous: cart_recovery never entered";
        QTest::newRow("not sent, no journey sends it")
            << R"({"message": "cart_remindr_1", "sent": false})" << false
            << "vacuous: no journey sends \"cart_remindr_1\"";
        QTest::newRow("exit of a journey never entered")
            << R"({"journey": "cart_recovery", "exit": "converted"})" << false
            << "vacuous: cart_recovery never entered for anyone — no run could exit";
        QTest::newRow("not in segment before it was evaluated")
            << R"({"segment": "vip", "member": false, "at": "-1h"})" << false
            << "vacuous: segment vip was never evaluated for anyone by -1h";
        QTest::newRow("not in segment once evaluated")
            << R"({"segment": "vip", "member": false, "at": "+1m"})" << true << "not in segment at +1m";
        QTest::newRow("not in an unknown segment") << R"({"segment": "vips", "member": false, "at": "+1m"})"
                                                   << false << "vacuous: no segment named \"vips\"";
        QTest::newRow("not entered, unknown journey")
            << R"({"journey": "cart_recovry", "entered": false})" << false
            << "vacuous: no journey named \"cart_recovry\"";
    }

    void vacuousExpectationsFailUnlessAllowed()
    {
        QFETCH(QString, expectation);
        QFETCH(bool, passes);
        QFETCH(QString, detail);
        Json json = Json::parse(kNothingHappens);
        json["expect"].push_back(Json::parse(expectation.toStdString()));
        auto result = runScenario(*scenarioFromJson(json, "s"), shippedJourneys(), {}, {"t", std::nullopt});
        QVERIFY(result.ok());
        QCOMPARE(result->expectations.size(), std::size_t(1));
        const ExpectationResult &checked = result->expectations.front();
        QVERIFY2(checked.detail.find(detail.toStdString()) != std::string::npos, checked.detail.c_str());
        QCOMPARE(checked.status == ExpectationResult::Status::Passed, passes);
    }

    void allowVacuousIsReadAndWritten()
    {
        Json json = Json::parse(kNothingHappens);
        json["expect"].push_back({{"message", "cart_reminder_1"}, {"sent", false}, {"allow_vacuous", true}});
        const Scenario scenario = scenarioFrom(json.dump().c_str());
        QVERIFY(scenario.expectations.front().allowVacuous);
        QVERIFY(*scenarioFromJson(toJson(scenario), "s") == scenario);
        json["expect"][0]["allow_vacuous"] = "yes";
        auto bad = scenarioFromJson(json, "s");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().where, std::string("s#/expect/0/allow_vacuous"));
    }

    void aDuplicateEventIdIsShownAsIgnored()
    {
        // Two steps carry the same explicit id: Customer.io ignores the second, and the timeline says so.
        const char *text = R"({"format": "preflight.scenario/1", "name": "same id twice",
          "steps": [
            {"at": "+0m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}},
            {"at": "+1m", "kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "dedupe_id": "evt-1",
             "properties": {"cart_id": "c1", "cart_value": 80}},
            {"at": "+2m", "kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "dedupe_id": "evt-1",
             "properties": {"cart_id": "c2", "cart_value": 90}}],
          "expect": [{"journey": "cart_recovery", "entered": true}]})";
        auto result = runScenario(scenarioFrom(text), shippedJourneys(), {}, {"t", std::nullopt});
        QVERIFY(result.ok());
        int entered = 0;
        const TimelineEntry *duplicate = nullptr;
        for (const TimelineEntry &entry : result->timeline.entries) {
            entered += entry.kind == TimelineEntry::Kind::Entered ? 1 : 0;
            if (entry.kind == TimelineEntry::Kind::Duplicate)
                duplicate = &entry;
        }
        QCOMPARE(entered, 1);
        QVERIFY(duplicate);
        QCOMPARE(duplicate->at, result->origin + 120'000);
        QVERIFY2(duplicate->reason.find("added_to_cart ignored, same id as step 1 (evt-1)") !=
                     std::string::npos,
                 duplicate->reason.c_str());
        QVERIFY2(duplicate->reason.find("starts no campaign (cart_recovery)") != std::string::npos,
                 duplicate->reason.c_str());
        const std::string text2 = reportToText(*result);
        QVERIFY2(text2.find("DUPLICATE") != std::string::npos, text2.c_str());
    }

    // The run itself says who each step's person is, when it happened and when it arrived, so the
    // console need not replay the scenario a second time to learn it.
    void stepRecordsNameEachStepsPerson()
    {
        auto result = runScenario(scenarioFrom(kFaulty), shippedJourneys(), {}, {"t", std::nullopt});
        QVERIFY(result.ok());
        QCOMPARE(result->steps.size(), std::size_t(5));
        const StepRecord &identify = result->steps[0];
        QCOMPARE(identify.name, std::string("identify"));
        QVERIFY(!identify.personKey.empty());
        for (std::size_t step = 1; step < 4; ++step)
            QCOMPARE(result->steps[step].personKey, identify.personKey);
        QCOMPARE(result->steps[1].name, std::string("added_to_cart"));
        const StepRecord &late = result->steps[3];
        QCOMPARE(late.arrivedAt - late.occurredAt, std::int64_t(45 * 60'000));
        const StepRecord &dropped = result->steps[4];
        QVERIFY(dropped.dropped);
        QCOMPARE(dropped.arrivedAt, UnixMillis(0));
        QCOMPARE(dropped.occurredAt, result->origin + 4 * 60'000);
        // The timeline knows the person by the same key.
        QVERIFY(
            std::any_of(result->timeline.entries.begin(), result->timeline.entries.end(),
                        [&](const TimelineEntry &entry) { return entry.personKey == identify.personKey; }));
    }

    void deliveryStatesThatLand()
    {
        QVERIFY(landed(DeliveryState::Visible));
        QVERIFY(landed(DeliveryState::Acknowledged));
        QVERIFY(!landed(DeliveryState::Sent));
        QVERIFY(!landed(DeliveryState::Missing));
        QVERIFY(!landed(DeliveryState::Refused));
        QCOMPARE(toString(DeliveryState::Refused), std::string_view("refused"));
    }

    void findsTheOneFileBesideTheScenario()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const std::string scenario = folder.filePath(QStringLiteral("a.scenario.json")).toStdString();
        auto touch = [&](const char *name) {
            QFile file(folder.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
        };
        auto none = fileBesideScenario(scenario, "*.plan.json", "--plan");
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, std::string("no_file"));
        QCOMPARE(none.error().message, std::string("no *.plan.json beside the scenario; pass --plan"));
        touch("shop.plan.json");
        auto one = fileBesideScenario(scenario, "*.plan.json");
        QVERIFY(one.ok());
        QCOMPARE(QString::fromStdString(*one), folder.filePath(QStringLiteral("shop.plan.json")));
        touch("other.plan.json");
        auto several = fileBesideScenario(scenario, "*.plan.json");
        QVERIFY(!several.ok());
        QCOMPARE(several.error().code, std::string("ambiguous_file"));
        QCOMPARE(several.error().message, std::string("2 *.plan.json files beside the scenario"));
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
