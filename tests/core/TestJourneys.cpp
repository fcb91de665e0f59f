#include "journeys/Journeys.h"
#include "journeys/LiquidReferences.h"
#include "journeys/ValueMatch.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace preflight;

class TestJourneys : public QObject
{
    Q_OBJECT

private:
    static Json minimal()
    {
        return Json::parse(R"({"format": "preflight.journeys/1", "segments": [], "campaigns": [
            {"name": "c", "trigger": {"event": "added_to_cart"}, "steps": [{"delay": "30m"},
             {"message": {"channel": "email", "name": "m"}}]}]})");
    }

private slots:
    void loadsShippedJourneys()
    {
        auto journeys = loadJourneysFile(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json");
        QVERIFY2(journeys.ok(), journeys.ok() ? "" : journeys.error().toString().c_str());
        QVERIFY(journeys->campaign("cart_recovery"));
        QCOMPARE(journeys->campaign("cart_recovery")->dedupeKey, std::string("cart_id"));
        QVERIFY(journeys->segment("vip"));
    }

    void writesShippedFileByteForByte()
    {
        auto text = readTextFile(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json");
        QVERIFY(text.ok());
        auto journeys = loadJourneysFile(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json");
        QVERIFY(journeys.ok());
        QCOMPARE(toJourneysFileText(*journeys), *text);
    }

    void roundTripsEveryConstruct()
    {
        const Json json = Json::parse(R"({"format": "preflight.journeys/1",
          "settings": {"segment_update_latency": "5m"},
          "segments": [{"name": "vip", "manual_id": 7}, {"name": "s", "condition": {"any": [
              {"attribute": "email", "op": "exists"},
              {"related_object": "1", "where": [{"attribute": "plan", "op": "eq", "value": "pro"}]},
              {"in_segment": "vip"},
              {"attribute": "last_order_at", "op": "within_past", "value": "7d"},
              {"not_performed": "order_completed", "within": "30d"},
              {"performed": "added_to_cart", "where": [{"property": "cart_value", "op": "gt", "value": 60}],
               "at_least": 2, "at_most": 5, "within": "1d"}]}}],
          "campaigns": [{"name": "c", "trigger": {"segment": "s"}, "audience": {"not_in_segment": "s"},
             "frequency": {"at_most_once_per": "7d"}, "dedupe_key": "cart_id",
             "steps": [{"time_window": {"start": "09:00", "end": "17:30"}},
                       {"wait_until": {"event": "checkout_started", "match": "cart_id", "timeout": "1h", "on_event": "exit", "on_timeout": "continue"}},
                       {"branch": {"if": {"attribute": "sms_consent", "op": "eq", "value": true},
                                   "then": [{"message": {"channel": "sms", "name": "a"}}],
                                   "else": [{"message": {"channel": "push", "name": "b"}}]}}],
             "exit": {"goal": {"event": "order_completed", "match": "person", "within": "1d"}, "when_leaving_segment": "s"},
             "choices": {"concurrent_runs": "skip", "goal_before_first_message": "ignore", "delay_anchor": "occurred"}}]})");
        auto first = journeysFromJson(json, "x");
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().toString().c_str());
        auto second = journeysFromJson(toJson(*first), "x");
        QVERIFY2(second.ok(), second.ok() ? "" : second.error().toString().c_str());
        QVERIFY(*first == *second);
        QCOMPARE(first->campaigns[0].choices.concurrentRuns, false);
        QCOMPARE(first->segmentUpdateLatencyMillis, std::int64_t(300'000));
        QVERIFY(first->segments[0].isManual() && *first->segments[0].manualId == 7);
        QVERIFY(!first->segments[1].isManual());
    }

    // The values a Liquid template reads, the plan's way, with whether a default covers them.
    void liquidReferencesAreFound()
    {
        const auto found = liquidReferences(
            "Hi {{ customer.first_name | default: \"there\" }},\n"
            "{% comment %}{{ event.ignored }}{% endcomment %}{% raw %}{{ event.also_ignored }}{% endraw %}\n"
            "{%- for item in event.items -%}{{ item.sku }} {{ item.name | upcase }}{% endfor %}\n"
            "{% if event.coupon != blank %}{{ event.coupon }}{% endif %} {{ event.items[0].price }}\n"
            "{% assign total = event.cart_value | times: 1 %}{{ total }} {{ forloop.index }} {{ "
            "event.items.size }}");
        QVERIFY2(found, found ? "" : found.error().toString().c_str());
        std::vector<std::string> seen;
        for (const LiquidReference &reference : *found)
            seen.push_back(
                std::string(reference.root == LiquidReference::Root::Customer ? "customer." : "event.") +
                reference.path + (reference.hasDefault ? " (default)" : "") + " @" +
                std::to_string(reference.line) + ":" + std::to_string(reference.column));
        const std::vector<std::string> expected = {"customer.first_name (default) @1:7",
                                                   "event.items (default) @3:17",
                                                   "event.items[].sku @3:35",
                                                   "event.items[].name @3:50",
                                                   "event.coupon (default) @4:7",
                                                   "event.coupon @4:34",
                                                   "event.items[].price @4:64",
                                                   "event.cart_value (default) @5:19",
                                                   "event.items @5:84"};
        std::string text;
        for (const std::string &item : seen)
            text += item + "\n";
        QVERIFY2(seen == expected, text.c_str());
        // item.sku reads through the loop over event.items: only the element's own members decide.
        QCOMPARE((*found)[2].loopPrefix, std::size_t(7));
        QCOMPARE((*found)[1].loopPrefix, std::size_t(0));

        QCOMPARE(liquidReferences("ok\n  {{ event.x ").error().where, std::string("2:3"));
        QCOMPARE(liquidReferences("{% for a in event.items %}").error().code, std::string("liquid_syntax"));
        QVERIFY(!liquidReferences("{% endif %}"));
        QVERIFY(!liquidReferences("{{ \"unterminated }}"));
    }

    // A message names its template inline or as a file beside the journeys file, read when the file loads.
    void messageTemplatesAreReadAndWritten()
    {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        const std::string journeys = R"({"format": "preflight.journeys/1", "campaigns": [{"name": "c",
          "trigger": {"event": "e"}, "steps": [
            {"message": {"channel": "email", "name": "a", "template": "templates/a.liquid"}},
            {"message": {"channel": "sms", "name": "b", "template": {"body": "{{ event.x }}"}}}]}]})";
        QVERIFY(writeTextFile(folder + "/x.journeys.json", journeys).ok());
        auto missing = loadJourneysFile(folder + "/x.journeys.json");
        QVERIFY(!missing);
        QVERIFY2(missing.error().where.find("#/campaigns/0/steps/0/message/template") != std::string::npos,
                 missing.error().where.c_str());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("templates")));
        QVERIFY(writeTextFile(folder + "/templates/a.liquid", "Hi {{ customer.email }}").ok());
        auto loaded = loadJourneysFile(folder + "/x.journeys.json");
        QVERIFY2(loaded, loaded ? "" : loaded.error().toString().c_str());
        QCOMPARE(loaded->campaigns[0].steps[0].messageTemplate.body, std::string("Hi {{ customer.email }}"));
        QCOMPARE(loaded->campaigns[0].steps[1].messageTemplate.body, std::string("{{ event.x }}"));
        // Written back as it was: the file by its path, the inline one inline.
        const Json back = toJson(*loaded);
        QVERIFY(back["campaigns"][0]["steps"][0]["message"]["template"] == Json("templates/a.liquid"));
        QVERIFY(back["campaigns"][0]["steps"][1]["message"]["template"]["body"] == Json("{{ event.x }}"));
        QCOMPARE(
            journeysFromJson(Json::parse(R"({"format": "preflight.journeys/1", "campaigns": [{"name": "c",
          "trigger": {"event": "e"}, "steps": [{"message": {"channel": "email", "name": "a", "template": 7}}]}]})"),
                             "x")
                .error()
                .where,
            std::string("x#/campaigns/0/steps/0/message/template"));
    }

    void rejectsWithPointer_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::newRow("bad format") << "/format"
                                    << R"("v2")"
                                    << "x#/format";
        QTest::newRow("bad delay") << "/campaigns/0/steps/0"
                                   << R"({"delay": "soon"})"
                                   << "x#/campaigns/0/steps/0/delay";
        QTest::newRow("unknown step") << "/campaigns/0/steps/0"
                                      << R"({"sleep": "1h"})"
                                      << "x#/campaigns/0/steps/0/sleep";
        QTest::newRow("bad channel") << "/campaigns/0/steps/1"
                                     << R"({"message": {"channel": "fax", "name": "m"}})"
                                     << "x#/campaigns/0/steps/1/message/channel";
        QTest::newRow("unknown op")
            << "/campaigns/0/trigger"
            << R"({"event": "e", "where": [{"property": "p", "op": "like", "value": 1}]})"
            << "x#/campaigns/0/trigger/where/0/op";
        QTest::newRow("unknown segment") << "/campaigns/0/trigger"
                                         << R"({"segment": "nope"})"
                                         << "x#/campaigns/0/trigger/segment";
        QTest::newRow("bad frequency") << "/campaigns/0/frequency"
                                       << R"("twice")"
                                       << "x#/campaigns/0/frequency";
        QTest::newRow("bad choice") << "/campaigns/0/choices"
                                    << R"({"concurrent_runs": "maybe"})"
                                    << "x#/campaigns/0/choices/concurrent_runs";
        QTest::newRow("manual segment with a condition")
            << "/segments/0"
            << R"({"name": "m", "manual_id": 7, "condition": {"attribute": "a", "op": "exists"}})"
            << "x#/segments/0/condition";
        QTest::newRow("manual id not a number") << "/segments/0"
                                                << R"({"name": "m", "manual_id": "7"})"
                                                << "x#/segments/0/manual_id";
        QTest::newRow("manual id zero") << "/segments/0"
                                        << R"({"name": "m", "manual_id": 0})"
                                        << "x#/segments/0/manual_id";
        QTest::newRow("object type by name") << "/segments/0"
                                             << R"({"name": "m", "condition": {"related_object": "account"}})"
                                             << "x#/segments/0/condition/related_object";
        QTest::newRow("object filter on a property")
            << "/segments/0"
            << R"({"name": "m", "condition": {"related_object": "1", "where": [{"property": "plan", "value": "pro"}]}})"
            << "x#/segments/0/condition/where/0/property";
        QTest::newRow("missing goal window") << "/campaigns/0/exit"
                                             << R"({"goal": {"event": "order_completed"}})"
                                             << "x#/campaigns/0/exit/goal/within";
    }

    void rejectsWithPointer()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, where);
        Json json = minimal();
        json[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
        auto journeys = journeysFromJson(json, "x");
        QVERIFY(!journeys.ok());
        QCOMPARE(QString::fromStdString(journeys.error().where), where);
    }

    // A typo must not drop what it was meant to say (an "exitt" goal lets the reminder out after the
    // purchase): every level refuses keys it does not know, pointing at the key, with a suggestion.
    void rejectsUnknownKeysWithSuggestion_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        const QString goal = R"({"event": "order_completed", "match": "cart_id", "within": "1d"})";
        QTest::newRow("root") << "/campaign"
                              << "[]"
                              << "x#/campaign"
                              << R"(unknown key "campaign" — did you mean "campaigns"?)";
        QTest::newRow("settings")
            << "/settings"
            << R"({"segment_update_latecy": "5m"})"
            << "x#/settings/segment_update_latecy"
            << R"(unknown key "segment_update_latecy" — did you mean "segment_update_latency"?)";
        QTest::newRow("segment")
            << "/segments"
            << R"([{"name": "s", "condition": {"attribute": "a", "op": "exists"}, "conditions": {}}])"
            << "x#/segments/0/conditions"
            << R"(unknown key "conditions" — did you mean "condition"?)";
        QTest::newRow("campaign exitt")
            << "/campaigns/0/exitt" << QStringLiteral(R"({"goal": %1})").arg(goal) << "x#/campaigns/0/exitt"
            << R"(unknown key "exitt" — did you mean "exit"?)";
        QTest::newRow("trigger") << "/campaigns/0/trigger"
                                 << R"({"event": "added_to_cart", "were": []})"
                                 << "x#/campaigns/0/trigger/were"
                                 << R"(unknown key "were" — did you mean "where"?)";
        QTest::newRow("segment trigger with filters") << "/campaigns/0/trigger"
                                                      << R"({"segment": "s", "where": []})"
                                                      << "x#/campaigns/0/trigger/where"
                                                      << R"(unknown key "where")";
        QTest::newRow("exit")
            << "/campaigns/0/exit"
            << R"({"when_no_longer_maching": true})"
            << "x#/campaigns/0/exit/when_no_longer_maching"
            << R"(unknown key "when_no_longer_maching" — did you mean "when_no_longer_matching"?)";
        QTest::newRow("goal")
            << "/campaigns/0/exit"
            << R"({"goal": {"event": "order_completed", "mach": "cart_id", "within": "1d"}})"
            << "x#/campaigns/0/exit/goal/mach"
            << R"(unknown key "mach" — did you mean "match"?)";
        QTest::newRow("message condition")
            << "/campaigns/0/steps/1"
            << R"({"message": {"channel": "email", "name": "m", "condition": {"attribute": "a", "op": "exists"}}})"
            << "x#/campaigns/0/steps/1/message/condition"
            << R"(unknown key "condition" — did you mean "conditions"?)";
        QTest::newRow("time window days")
            << "/campaigns/0/steps/0"
            << R"({"time_window": {"start": "09:00", "end": "17:00", "day": ["mon"]}})"
            << "x#/campaigns/0/steps/0/time_window/day"
            << R"(unknown key "day" — did you mean "days"?)";
        QTest::newRow("wait until") << "/campaigns/0/steps/0"
                                    << R"({"wait_until": {"event": "e", "timout": "1h"}})"
                                    << "x#/campaigns/0/steps/0/wait_until/timout"
                                    << R"(unknown key "timout" — did you mean "timeout"?)";
        QTest::newRow("branch") << "/campaigns/0/steps/0"
                                << R"({"branch": {"if": {"attribute": "a", "op": "exists"}, "elze": []}})"
                                << "x#/campaigns/0/steps/0/branch/elze"
                                << R"(unknown key "elze" — did you mean "else"?)";
        QTest::newRow("step kind")
            << "/campaigns/0/steps/0"
            << R"({"dealy": "1h"})"
            << "x#/campaigns/0/steps/0/dealy"
            << R"(unknown key "dealy" — did you mean "delay"? (a step is one of delay, time_window, wait_until, message, branch))";
        QTest::newRow("filter") << "/campaigns/0/trigger"
                                << R"({"event": "e", "where": [{"property": "p", "op": "eq", "vaule": 1}]})"
                                << "x#/campaigns/0/trigger/where/0/vaule"
                                << R"(unknown key "vaule" — did you mean "value"?)";
        QTest::newRow("attribute condition")
            << "/campaigns/0/audience"
            << R"({"attribute": "a", "op": "eq", "value": 1, "within": "1d"})"
            << "x#/campaigns/0/audience/within"
            << R"(unknown key "within")";
        QTest::newRow("not performed counts") << "/campaigns/0/audience"
                                              << R"({"not_performed": "e", "at_least": 2})"
                                              << "x#/campaigns/0/audience/at_least"
                                              << R"(unknown key "at_least")";
        QTest::newRow("group") << "/campaigns/0/audience"
                               << R"({"all": [{"attribute": "a", "op": "exists"}], "any": []})"
                               << "x#/campaigns/0/audience/any"
                               << R"(unknown key "any")";
        QTest::newRow("no condition kind")
            << "/campaigns/0/audience"
            << R"({"atribute": "a"})"
            << "x#/campaigns/0/audience/atribute"
            << R"(unknown key "atribute" — did you mean "attribute"?: a condition has one of "all", "any", "attribute", "performed", "not_performed", "in_segment", "not_in_segment", "related_object")";
        QTest::newRow("frequency") << "/campaigns/0/frequency"
                                   << R"({"at_most_once_per": "7d", "per": "7d"})"
                                   << "x#/campaigns/0/frequency/per"
                                   << R"(unknown key "per")";
        QTest::newRow("choices") << "/campaigns/0/choices"
                                 << R"({"concurent_runs": "skip"})"
                                 << "x#/campaigns/0/choices/concurent_runs"
                                 << R"(unknown key "concurent_runs" — did you mean "concurrent_runs"?)";
    }

    void rejectsUnknownKeysWithSuggestion()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, where);
        QFETCH(QString, message);
        Json json = minimal();
        json["segments"] = Json::parse(R"([{"name": "s", "condition": {"attribute": "a", "op": "exists"}}])");
        json[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
        auto journeys = journeysFromJson(json, "x");
        QVERIFY(!journeys.ok());
        QCOMPARE(QString::fromStdString(journeys.error().where), where);
        QCOMPARE(QString::fromStdString(journeys.error().message), message);
        QCOMPARE(journeys.error().code, std::string("bad_journeys"));
    }

    // Wrong JSON types and impossible numbers are errors at their pointer, never an exception (which
    // ended the program with "terminate called") and never a value silently read as something else.
    void rejectsWrongTypesAndRanges_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("where");
        QTest::newRow("format not a string") << "/format"
                                             << "1"
                                             << "x#/format";
        QTest::newRow("campaigns an object") << "/campaigns"
                                             << "{}"
                                             << "x#/campaigns";
        QTest::newRow("segments an object") << "/segments"
                                            << R"({"a": 1})"
                                            << "x#/segments";
        QTest::newRow("segment a string") << "/segments"
                                          << R"(["vip"])"
                                          << "x#/segments/0";
        QTest::newRow("settings an array") << "/settings"
                                           << "[]"
                                           << "x#/settings";
        QTest::newRow("campaign name an array") << "/campaigns/0/name"
                                                << "[]"
                                                << "x#/campaigns/0/name";
        QTest::newRow("trigger event a number") << "/campaigns/0/trigger"
                                                << R"({"event": 5})"
                                                << "x#/campaigns/0/trigger/event";
        QTest::newRow("steps an object") << "/campaigns/0/steps"
                                         << "{}"
                                         << "x#/campaigns/0/steps";
        QTest::newRow("delay a number") << "/campaigns/0/steps/0"
                                        << R"({"delay": 30})"
                                        << "x#/campaigns/0/steps/0/delay";
        QTest::newRow("when_no_longer_matching a string") << "/campaigns/0/exit"
                                                          << R"({"when_no_longer_matching": "yes"})"
                                                          << "x#/campaigns/0/exit/when_no_longer_matching";
        QTest::newRow("op a number") << "/campaigns/0/trigger"
                                     << R"({"event": "e", "where": [{"property": "p", "op": 5, "value": 1}]})"
                                     << "x#/campaigns/0/trigger/where/0/op";
        QTest::newRow("ordering on text")
            << "/campaigns/0/trigger"
            << R"({"event": "e", "where": [{"property": "p", "op": "gt", "value": "lots"}]})"
            << "x#/campaigns/0/trigger/where/0/value";
        QTest::newRow("exists with a value") << "/campaigns/0/audience"
                                             << R"({"attribute": "a", "op": "exists", "value": true})"
                                             << "x#/campaigns/0/audience/value";
        QTest::newRow("at_least beyond int") << "/campaigns/0/audience"
                                             << R"({"performed": "e", "at_least": 5000000000})"
                                             << "x#/campaigns/0/audience/at_least";
        QTest::newRow("at_least fraction") << "/campaigns/0/audience"
                                           << R"({"performed": "e", "at_least": 1.5})"
                                           << "x#/campaigns/0/audience/at_least";
        QTest::newRow("at_most below at_least") << "/campaigns/0/audience"
                                                << R"({"performed": "e", "at_least": 3, "at_most": 2})"
                                                << "x#/campaigns/0/audience/at_most";
        QTest::newRow("time not digits") << "/campaigns/0/steps/0"
                                         << R"({"time_window": {"start": "2x:00", "end": "17:00"}})"
                                         << "x#/campaigns/0/steps/0/time_window/start";
        QTest::newRow("time past midnight") << "/campaigns/0/steps/0"
                                            << R"({"time_window": {"start": "09:00", "end": "24:30"}})"
                                            << "x#/campaigns/0/steps/0/time_window/end";
        QTest::newRow("duration overflows")
            << "/campaigns/0/steps/0"
            << R"({"delay": "999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w999999999w"})"
            << "x#/campaigns/0/steps/0/delay";
        QTest::newRow("on_event a number") << "/campaigns/0/steps/0"
                                           << R"({"wait_until": {"event": "e", "on_event": 1}})"
                                           << "x#/campaigns/0/steps/0/wait_until/on_event";
        QTest::newRow("choice a number") << "/campaigns/0/choices"
                                         << R"({"concurrent_runs": 1})"
                                         << "x#/campaigns/0/choices/concurrent_runs";
    }

    void rejectsWrongTypesAndRanges()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, where);
        Json json = minimal();
        json[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
        Result<Journeys> journeys = Error{};
        try {
            journeys = journeysFromJson(json, "x");
        } catch (const std::exception &error) {
            QFAIL(qPrintable(
                QStringLiteral("threw instead of answering: %1").arg(QString::fromUtf8(error.what()))));
        }
        QVERIFY(!journeys.ok());
        QCOMPARE(QString::fromStdString(journeys.error().where), where);
    }

    void reportsSyntaxErrorsWithLineAndColumn()
    {
        const QString path = QDir::temp().filePath(QStringLiteral("broken.journeys.json"));
        QVERIFY(writeTextFile(path.toStdString(),
                              "{\n  \"format\": \"preflight.journeys/1\",\n  \"campaigns\": [,]\n}\n")
                    .ok());
        auto journeys = loadJourneysFile(path.toStdString());
        QVERIFY(!journeys.ok());
        QCOMPARE(QString::fromStdString(journeys.error().where), path + QStringLiteral(":3:17"));
    }

    void comparesKeyValuesWithoutCopying()
    {
        const Json data = Json::parse(R"({"cart_id": "c1", "order_id": 42, "gone": null})");
        for (const char *key : {"cart_id", "order_id", "gone", "absent"}) {
            const std::optional<std::string> value = keyValue(data, key);
            QVERIFY(keyValueEquals(data, key, value)); // always agrees with keyValue
        }
        QVERIFY(keyValueEquals(data, "order_id", std::string("42")));
        QVERIFY(!keyValueEquals(data, "cart_id", std::string("c2")));
        QVERIFY(!keyValueEquals(data, "cart_id", std::nullopt));
        QVERIFY(!keyValueEquals(data, "absent", std::string("c1")));
        QVERIFY(keyValueEquals(data, "gone", std::nullopt));
        QVERIFY(keyValueEquals(Json::array(), "cart_id", std::nullopt));
    }

    void matchesFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("object");
        QTest::addColumn<bool>("matches");
        QTest::newRow("gt number") << R"({"property": "cart_value", "op": "gt", "value": 60})"
                                   << R"({"cart_value": 80})" << true;
        QTest::newRow("gt numeric string") << R"({"property": "cart_value", "op": "gt", "value": 60})"
                                           << R"({"cart_value": "80.00"})" << true;
        QTest::newRow("gt text") << R"({"property": "cart_value", "op": "gt", "value": 60})"
                                 << R"({"cart_value": "lots"})" << false;
        QTest::newRow("lte numeric operand text")
            << R"({"property": "cart_value", "op": "lte", "value": "60"})"
            << R"({"cart_value": 60})" << true;
        QTest::newRow("eq number and numeric string") << R"({"property": "qty", "op": "eq", "value": 2})"
                                                      << R"({"qty": "2"})" << true;
        // Each ordering against a number in the data (the prepared filter's quick path), at its edge.
        QTest::newRow("lt float") << R"({"property": "price", "op": "lt", "value": 9.5})"
                                  << R"({"price": 9.49})" << true;
        QTest::newRow("lt equal") << R"({"property": "price", "op": "lt", "value": 10})"
                                  << R"({"price": 10})" << false;
        QTest::newRow("lte equal") << R"({"property": "price", "op": "lte", "value": 10})"
                                   << R"({"price": 10.0})" << true;
        QTest::newRow("gte negative") << R"({"property": "delta", "op": "gte", "value": -3})"
                                      << R"({"delta": -4})" << false;
        QTest::newRow("gt equal") << R"({"property": "cart_value", "op": "gt", "value": 60})"
                                  << R"({"cart_value": 60})" << false;
        QTest::newRow("gt null") << R"({"property": "cart_value", "op": "gt", "value": 60})"
                                 << R"({"cart_value": null})" << false;
        QTest::newRow("gt missing") << R"({"property": "cart_value", "op": "gt", "value": 60})"
                                    << R"({})" << false;
        QTest::newRow("ne missing") << R"({"property": "plan", "op": "ne", "value": "vip"})"
                                    << R"({})" << true;
        QTest::newRow("eq bool") << R"({"property": "accepts_marketing", "op": "eq", "value": true})"
                                 << R"({"accepts_marketing": true})" << true;
        QTest::newRow("exists null") << R"({"property": "email", "op": "exists"})"
                                     << R"({"email": null})" << false;
        QTest::newRow("contains text") << R"({"property": "email", "op": "contains", "value": "@shop"})"
                                       << R"({"email": "a@shop.co"})" << true;
        QTest::newRow("array items") << R"({"property": "items[].sku", "op": "contains", "value": "REFILL"})"
                                     << R"({"items": [{"sku": "TEE"}, {"sku": "COFFEE-REFILL"}]})" << true;
        QTest::newRow("within past seconds") << R"({"property": "t", "op": "within_past", "value": "7d"})"
                                             << R"({"t": 1767000000})" << true;
        QTest::newRow("within past too old") << R"({"property": "t", "op": "within_past", "value": "1d"})"
                                             << R"({"t": "2025-12-01T00:00:00Z"})" << false;
        QTest::newRow("within past millis") << R"({"property": "t", "op": "within_past", "value": "7d"})"
                                            << R"({"t": 1767000000000})" << true;
    }

    void matchesFilters()
    {
        QFETCH(QString, filter);
        QFETCH(QString, object);
        QFETCH(bool, matches);
        auto parsed = valueFilterFromJson(Json::parse(filter.toStdString()), "", "property");
        QVERIFY(parsed.ok());
        const UnixMillis now = 1'767'225'600'000; // 2026-01-01
        QCOMPARE(matchesFilter(*parsed, Json::parse(object.toStdString()), now), matches);
        // Prepared once, matched many times: the same answers.
        const PreparedFilter prepared(*parsed);
        QCOMPARE(prepared.matches(Json::parse(object.toStdString()), now), matches);
    }
};

QTEST_GUILESS_MAIN(TestJourneys)
#include "TestJourneys.moc"
