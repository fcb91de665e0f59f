#include "common/Json.h"
#include "plan/PlanFile.h"
#include "validate/JsonlValidator.h"
#include "validate/Validator.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
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

Json corpus()
{
    Result<Json> json = readJsonFile(PREFLIGHT_TEST_DATA_DIR "/payloads/cases.json");
    if (!json)
        qFatal("%s", json.error().toString().c_str());
    return *json;
}

// The starter plan with the case's "plan_patch" (RFC 6902) applied: cases that need a stricter plan
// (a required attribute, no unknown attributes) carry the change with them.
Plan planFor(const Json &item)
{
    Result<Json> json = readJsonFile(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
    if (!json)
        qFatal("%s", json.error().toString().c_str());
    Result<Plan> plan = planFromJson(item.contains("plan_patch") ? json->patch(item["plan_patch"]) : *json);
    if (!plan)
        qFatal("%s", plan.error().toString().c_str());
    return *plan;
}

PayloadKind kindFromName(const std::string &name)
{
    if (name == "properties")
        return PayloadKind::Properties;
    if (name == "track-v1")
        return PayloadKind::TrackV1Event;
    if (name == "pipelines")
        return PayloadKind::PipelinesCall;
    return PayloadKind::Auto;
}

QStringList codesAt(const std::vector<Violation> &violations)
{
    QStringList result;
    for (const Violation &violation : violations)
        result << QString::fromStdString(violation.code + "@" + violation.pointer);
    result.sort();
    return result;
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private slots:
    void corpusPayloadsGiveExpectedViolations_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<QStringList>("expected");
        for (const Json &item : corpus()) {
            QStringList expected;
            for (const Json &code : item["expect"])
                expected << QString::fromStdString(code.get<std::string>());
            expected.sort();
            QTest::newRow(item["name"].get<std::string>().c_str())
                << QByteArray::fromStdString(item.dump()) << expected;
        }
    }
    void corpusPayloadsGiveExpectedViolations()
    {
        QFETCH(QByteArray, item);
        QFETCH(QStringList, expected);
        const Json json = Json::parse(item.toStdString());
        const Validator validator(planFor(json));
        const auto violations =
            validator.validatePayload(json["payload"], kindFromName(json["kind"].get<std::string>()),
                                      json.value("event", std::string()));
        QCOMPARE(codesAt(violations), expected);
    }

    void corpusCoversEveryPayloadViolationCode()
    {
        QSet<QString> seen;
        for (const Json &item : corpus())
            for (const Json &code : item["expect"])
                seen << QString::fromStdString(code.get<std::string>()).section('@', 0, 0);
        for (const std::string_view code :
             {ViolationCode::UnknownEvent, ViolationCode::EventAlias, ViolationCode::EventNameConvention,
              ViolationCode::MissingEventName, ViolationCode::MissingRequired,
              ViolationCode::MissingDedupeKey, ViolationCode::WrongType, ViolationCode::EnumMismatch,
              ViolationCode::OutOfRange, ViolationCode::TooFewItems, ViolationCode::PatternMismatch,
              ViolationCode::UnknownProperty, ViolationCode::UnknownAttribute, ViolationCode::BadTimestamp,
              ViolationCode::MissingIdentity, ViolationCode::UnsupportedPayload})
            QVERIFY2(seen.contains(QString::fromUtf8(code.data(), code.size())), code.data());
    }

    // One JSONL file per plan variant (the starter plan and each distinct "plan_patch").
    void bulkPathReportsExactlyWhatTheSinglePathReports_data()
    {
        QTest::addColumn<QByteArray>("patch");
        std::set<std::string> patches;
        for (const Json &item : corpus())
            patches.insert(item.contains("plan_patch") ? item["plan_patch"].dump() : std::string());
        for (const std::string &patch : patches)
            QTest::newRow(patch.empty() ? "starter plan" : patch.c_str()) << QByteArray::fromStdString(patch);
    }
    void bulkPathReportsExactlyWhatTheSinglePathReports()
    {
        QFETCH(QByteArray, patch);
        Json variant = Json::object();
        if (!patch.isEmpty())
            variant["plan_patch"] = Json::parse(patch.toStdString());
        const Validator validator(planFor(variant));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corpus.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::vector<std::vector<Violation>> single;
        for (const Json &item : corpus()) {
            if (item["kind"] != "auto" ||
                item.value("plan_patch", Json()) != variant.value("plan_patch", Json()))
                continue;
            file.write(QByteArray::fromStdString(item["payload"].dump() + "\n"));
            single.push_back(validator.validatePayload(item["payload"], PayloadKind::Auto));
        }
        file.close();
        std::vector<std::vector<Violation>> bulk(single.size());
        const JsonlValidator jsonl(validator);
        const auto summary = jsonl.validateFile(path.toStdString(), [&](const JsonlLineReport &report) {
            bulk[std::size_t(report.line - 1)] = report.violations;
        });
        QVERIFY(summary.ok());
        QCOMPARE(summary->lines, std::int64_t(single.size()));
        for (std::size_t i = 0; i < single.size(); ++i)
            QVERIFY2(bulk[i] == single[i], ("line " + std::to_string(i + 1)).c_str());
    }

    void messagesExplainAndSuggest()
    {
        const Validator validator(starterPlan());
        const auto unknown = validator.validatePayload(
            Json::parse(R"({"type":"track","userId":"u","event":"Order Completed","properties":{}})"),
            PayloadKind::Auto);
        QVERIFY(!unknown.empty());
        QCOMPARE(unknown[0].suggestion, std::string("`Order Completed` — did you mean `order_completed`?"));
        const auto wrongType = validator.validatePayload(
            Json::parse(
                R"({"cart_id":"c","cart_value":"59.00","currency":"USD","items":[{"sku":"s","product_id":"p","price":1,"quantity":1}]})"),
            PayloadKind::Properties, "added_to_cart");
        QCOMPARE(wrongType.size(), std::size_t(1));
        QCOMPARE(wrongType[0].message,
                 std::string("`cart_value` is the string \"59.00\"; the plan says number"));
        QCOMPARE(wrongType[0].pointer, std::string("/cart_value"));
        QCOMPARE(wrongType[0].expected, std::string("number"));
    }

    void validatesCalls_data()
    {
        QTest::addColumn<QByteArray>("call");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("valid track")
            << QByteArray(
                   R"({"kind":"track","identity":{"id":"u1"},"name":"subscription_canceled","properties":{"subscription_id":"s","canceled_at":1767225600}})")
            << QStringList();
        QTest::newRow("track by an identifier the plan does not accept")
            << QByteArray(
                   R"({"kind":"track","identity":{"phone":"+15550100"},"name":"subscription_canceled","properties":{"subscription_id":"s","canceled_at":1767225600}})")
            << QStringList{"identifier_not_accepted@/identity/phone"};
        QTest::newRow("anonymous track is fine")
            << QByteArray(
                   R"({"kind":"track","identity":{"anonymous_id":"a"},"name":"subscription_canceled","properties":{"subscription_id":"s","canceled_at":1767225600}})")
            << QStringList();
        QTest::newRow("track with no one")
            << QByteArray(
                   R"({"kind":"track","name":"subscription_canceled","properties":{"subscription_id":"s","canceled_at":1767225600}})")
            << QStringList{"missing_identity@/identity"};
        QTest::newRow("anonymous identify")
            << QByteArray(
                   R"({"kind":"identify","identity":{"anonymous_id":"a"},"properties":{"email":"a@b.co"}})")
            << QStringList{"missing_identity@/identity"};
        QTest::newRow("identify with a string count")
            << QByteArray(R"({"kind":"identify","identity":{"id":"u"},"properties":{"orders_count":"2"}})")
            << QStringList{"wrong_type@/properties/orders_count"};
    }
    void validatesCalls()
    {
        QFETCH(QByteArray, call);
        QFETCH(QStringList, expected);
        const Result<Call> parsed = callFromJson(Json::parse(call.toStdString()));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
        const Validator validator(starterPlan());
        QCOMPARE(codesAt(validator.validate(*parsed)), expected);
    }

    void bulkReportsSyntaxErrorsWithLineAndColumn()
    {
        const Validator validator(starterPlan());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\n{\"type\":\"track\",\"userId\":\"u\",\"event\":\"order_refunded\"\n{\"type\": "
                   "\"track\", \"userId\": tru}\n");
        file.close();
        std::vector<std::string> wheres;
        const auto summary =
            JsonlValidator(validator).validateFile(path.toStdString(), [&](const JsonlLineReport &r) {
                if (r.syntaxError)
                    wheres.push_back(r.syntaxError->where);
            });
        QVERIFY(summary.ok());
        QCOMPARE(summary->syntaxErrors, std::int64_t(2));
        QCOMPARE(wheres.size(), std::size_t(2));
        QVERIFY2(wheres[0].rfind(path.toStdString() + ":2:", 0) == 0, wheres[0].c_str());
        // nlohmann reports the column where it gave up reading the bad literal `tru`.
        QCOMPARE(wheres[1], path.toStdString() + ":3:32");
    }

    void bulkHandlesLinesLongerThanOneChunk()
    {
        const Validator validator(starterPlan());
        Json payload = Json::parse(
            R"({"type":"track","userId":"u","event":"added_to_cart","properties":{"cart_id":"c","cart_value":1,"currency":"USD","items":[]}})");
        for (int i = 0; i < 40000; ++i)
            payload["properties"]["items"].push_back(
                {{"sku", "SKU-" + std::to_string(i)}, {"product_id", "p"}, {"price", 1.5}, {"quantity", 1}});
        payload["properties"]["items"][39999]["quantity"] = 0;
        const std::string line = payload.dump();
        QVERIFY(line.size() > JsonlValidator::kChunkBytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(line + "\n" + line));
        file.close();
        std::vector<std::string> pointers;
        const auto summary =
            JsonlValidator(validator).validateFile(path.toStdString(), [&](const JsonlLineReport &r) {
                for (const Violation &v : r.violations)
                    pointers.push_back(std::to_string(r.line) + v.pointer);
            });
        QVERIFY(summary.ok());
        QCOMPARE(summary->rejectedLines, std::int64_t(2));
        QCOMPARE(pointers, (std::vector<std::string>{"1/properties/items/39999/quantity",
                                                     "2/properties/items/39999/quantity"}));
    }

    // On Demand unescapes strings into one buffer sized for the line: every rule that reads a string more
    // than once (describe, suggestions, a member found twice) once wrote past its end on a long string.
    void bulkPathReadsLongStringsOnceWhateverTheRule_data()
    {
        QTest::addColumn<QByteArray>("line");
        const std::string big(200'000, 'x');
        const std::string escaped = "\\\"" + big; // one escape: unescaped as long as the raw text
        auto add = [](const char *name, const std::string &line) {
            QTest::newRow(name) << QByteArray::fromStdString(line);
        };
        add("unix timestamp",
            R"({"name":"subscription_created","data":{"next_charge_at":")" + big + R"("}})");
        add("iso timestamp", R"({"name":"order_completed","data":{"completed_at":")" + big + R"("}})");
        add("pipelines timestamp",
            R"({"type":"track","userId":"u","event":"product_viewed","timestamp":")" + big + R"("})");
        add("number", R"({"name":"product_viewed","data":{"product_id":"p","price":")" + big + R"("}})");
        add("number, escaped",
            R"({"name":"product_viewed","data":{"product_id":"p","price":")" + escaped + R"("}})");
        add("numeric text",
            R"({"name":"product_viewed","data":{"price":")" + std::string(150'000, '7') + R"("}})");
        add("integer in items", R"({"type":"track","userId":"u","event":"added_to_cart","properties":)"
                                R"({"items":[{"quantity":")" +
                                    big + R"("}]}})");
        add("enum", R"({"name":"order_refunded","data":{"reason":")" + big + R"("}})");
        add("pattern", R"({"name":"product_viewed","data":{"url":")" + big + R"("}})");
        add("boolean", R"({"type":"identify","userId":"u","traits":{"email":")" + big + R"(", "x":true}})");
        add("key", R"({"name":"product_viewed","data":{")" + big + R"(":1}})");
        add("key, escaped", R"({"name":"product_viewed","data":{")" + escaped + R"(":1}})");
        add("event name", R"({"name":")" + big + R"(","data":{}})");
        add("type read twice", R"({"name":"product_viewed","timestamp":"soon","type":")" + escaped + R"("})");
        add("userId", R"({"type":"identify","userId":{"a":")" + big + R"("},"traits":{}})");
    }
    void bulkPathReadsLongStringsOnceWhateverTheRule()
    {
        QFETCH(QByteArray, line);
        const Validator validator(starterPlan());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(line + "\n");
        file.close();
        std::vector<Violation> bulk;
        const auto summary =
            JsonlValidator(validator).validateFile(path.toStdString(), [&](const JsonlLineReport &report) {
                QVERIFY(!report.syntaxError);
                bulk = report.violations;
            });
        QVERIFY(summary.ok());
        QCOMPARE(summary->syntaxErrors, std::int64_t(0));
        const std::vector<Violation> single =
            validator.validatePayload(Json::parse(line.toStdString()), PayloadKind::Auto);
        QVERIFY(!single.empty());
        QCOMPARE(codesAt(bulk), codesAt(single));
        QVERIFY(bulk == single);
    }

    // Bad input on a line is that line's error, located file:line:column; the other lines are checked.
    void bulkReportsNumbersOutOfRangeAndDeepNestingPerLine()
    {
        const Validator validator(starterPlan());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const std::string ok = R"({"name":"product_viewed","data":{"product_id":"p","price":1}})";
        file.write(QByteArray::fromStdString(
            ok + "\n" + R"({"name":"product_viewed","data":{"product_id":"p","price":1e400}})" + "\n" +
            R"({"name":"product_viewed","data":{"product_id":"p","price":1,"x":)" +
            std::string(100'000, '[') + std::string(100'000, ']') + "}}\n" + ok + "\n"));
        file.close();
        std::vector<Error> errors;
        const auto summary =
            JsonlValidator(validator).validateFile(path.toStdString(), [&](const JsonlLineReport &report) {
                if (report.syntaxError)
                    errors.push_back(*report.syntaxError);
            });
        QVERIFY(summary.ok());
        QCOMPARE(summary->lines, std::int64_t(4));
        QCOMPARE(summary->acceptedLines, std::int64_t(2));
        QCOMPARE(errors.size(), std::size_t(2));
        QCOMPARE(errors[0].code, std::string("json_number_out_of_range"));
        QCOMPARE(errors[0].where, path.toStdString() + ":2:59");
        QCOMPARE(errors[1].code, std::string("json_too_deep"));
        QCOMPARE(errors[1].where, path.toStdString() + ":3:" + std::to_string(63 + kMaxJsonDepth));
    }

    void unreadableFileIsAnError()
    {
        const Validator validator(starterPlan());
        const auto summary =
            JsonlValidator(validator).validateFile("/nonexistent/x.jsonl", [](const JsonlLineReport &) {});
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error().code, std::string("file_unreadable"));
    }
};

QTEST_GUILESS_MAIN(TestValidator)
#include "TestValidator.moc"
