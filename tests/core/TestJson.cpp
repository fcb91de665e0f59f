#include "common/Json.h"
#include "common/JsonLocation.h"

#include <QTest>

#include <span>

using namespace preflight;

namespace {

// Same value and the same nlohmann types throughout (unsigned vs signed integers, float vs integer).
bool sameTree(const Json &a, const Json &b)
{
    if (a.type() != b.type() || a != b)
        return false;
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!sameTree(*it, b.at(it.key())))
                return false;
        }
    } else if (a.is_array()) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!sameTree(a[i], b[i]))
                return false;
        }
    }
    return true;
}

struct Sample {
    const char *name;
    const char *text;
};

const Sample kParsed[] = {
    {"event", R"({"name":"cart_updated","id":"01H","timestamp":1767225600,"data":{"cart_value":129.5,)"
              R"("items":[{"sku":"SKU-1","qty":2}],"coupon":null,"gift":false}})"},
    {"duplicate keys: the last wins", R"({"a":1,"a":2,"b":{"c":true,"c":null}})"},
    {"integers", R"([0,5,-5,9223372036854775807,-9223372036854775808,18446744073709551615])"},
    {"floats", R"([1.0,1e2,-2.5E-3,0.1,1.7976931348623157e308,5e-324])"},
    {"strings", R"(["\u00e9\ud83d\ude00","tab\tnew\nline","\"quoted\"","\/",""])"},
    {"utf-8", "{\"name\":\"caf\xc3\xa9 \xe2\x82\xac\"}"},
    {"nesting", R"({"a":[[[]],{}],"b":[{"c":[1,{"d":[]}]}]})"},
    {"scalar", R"(  "text"  )"},
    {"zeros", "[0,-0.0,0.0]"},
};

const Sample kRefused[] = {
    {"syntax", R"({"a":})"},
    {"trailing comma", R"([1,2,])"},
    {"bad utf-8", "{\"a\":\"\xff\"}"},
    {"integer beyond 64 bits", "[18446744073709551616]"},
    {"empty", ""},
};

std::string nested(std::size_t levels)
{
    return std::string(levels, '[') + std::string(levels, ']');
}

void addTextRows(std::span<const Sample> samples)
{
    QTest::addColumn<QByteArray>("text");
    for (const Sample &sample : samples)
        QTest::newRow(sample.name) << QByteArray(sample.text);
}

} // namespace

class TestJson : public QObject
{
    Q_OBJECT

private slots:
    // Where a pointer's member (its key) or element is in the text, for line/column in annotations and
    // editors; a missing member gives the deepest part the text has.
    void pointersAreFoundInTheText()
    {
        const std::string text = "{\n  \"a\": [1, {\"b~c/d\": \"x\"}],\n  \"e\": {\"f\": true}\n}\n";
        const auto at = [&](const char *pointer) {
            return lineColumnAt(text, offsetOfPointer(text, pointer));
        };
        QCOMPARE(at(""), (std::pair<int, int>{1, 1}));
        QCOMPARE(at("/a"), (std::pair<int, int>{2, 3}));
        QCOMPARE(at("/a/1"), (std::pair<int, int>{2, 12}));
        QCOMPARE(at("/a/1/b~0c~1d"), (std::pair<int, int>{2, 13}));
        QCOMPARE(at("/e/f"), (std::pair<int, int>{3, 9}));
        QCOMPARE(at("/e/missing"), (std::pair<int, int>{3, 3}));
        QCOMPARE(at("/a/7"), (std::pair<int, int>{2, 3}));
        const std::string broken = "{\"a\" 1}"; // stops where the text stops being JSON
        QCOMPARE(lineColumnAt(broken, offsetOfPointer(broken, "/b")), (std::pair<int, int>{1, 1}));
    }

    void escapesJsonPointerTokens()
    {
        QCOMPARE(jsonPointerToken("a/b~c"), std::string("a~1b~0c"));
        QCOMPARE(jsonPointerToken("~1"), std::string("~01"));
        QCOMPARE(jsonPointerToken(""), std::string());
        const Json document = {{"a/b~c", 1}};
        QCOMPARE(document.at(Json::json_pointer("/" + jsonPointerToken("a/b~c"))).get<int>(), 1);
    }

    void quickParseGivesWhatNlohmannGives_data() { addTextRows(kParsed); }

    void quickParseGivesWhatNlohmannGives()
    {
        QFETCH(QByteArray, text);
        const std::string_view view(text.constData(), static_cast<std::size_t>(text.size()));
        const std::optional<Json> quick = parseJsonQuickly(view);
        QVERIFY(quick.has_value());
        const Json reference = Json::parse(view);
        QVERIFY2(sameTree(*quick, reference), (quick->dump() + " vs " + reference.dump()).c_str());
    }

    void negativeIntegerZeroKeepsItsValueAndText()
    {
        // The one token whose integer signedness differs: simdjson does not keep the sign of -0.
        const std::optional<Json> quick = parseJsonQuickly("[-0]");
        QVERIFY(quick.has_value());
        QVERIFY(*quick == Json::parse("[-0]"));
        QCOMPARE(quick->dump(), Json::parse("[-0]").dump());
    }

    void quickParseRefusesWhatItCannotRepresent_data() { addTextRows(kRefused); }

    void quickParseRefusesWhatItCannotRepresent()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!parseJsonQuickly(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))));
    }

    void acceptsNestingUpToTheLimit()
    {
        const std::string text = nested(kMaxJsonDepth);
        QVERIFY(!findExcessiveNesting(text));
        QVERIFY(parseJson(text, "t.json").ok());
        QVERIFY(parseJsonQuickly(text).has_value());
    }

    void refusesNestingBeyondTheLimitWithItsPosition_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        // The bracket that opens level 513 is the 513th byte.
        QTest::newRow("arrays") << QByteArray::fromStdString(nested(kMaxJsonDepth + 1)) << "t.json:1:513";
        QTest::newRow("objects") << QByteArray::fromStdString(std::string(600, '{')) << "t.json:1:513";
        QTest::newRow("100,000 levels, unclosed")
            << QByteArray::fromStdString(std::string(100'000, '[')) << "t.json:1:513";
        QTest::newRow("on line 2, after brackets in strings")
            << QByteArray::fromStdString("{\"a\": \"[[[[\\\"{{\",\n \"b\": " + nested(kMaxJsonDepth) + "}")
            << "t.json:2:518";
    }
    void refusesNestingBeyondTheLimitWithItsPosition()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        const std::string_view view(text.constData(), static_cast<std::size_t>(text.size()));
        const Result<Json> json = parseJson(view, "t.json");
        QVERIFY(!json);
        QCOMPARE(QString::fromStdString(json.error().code), QStringLiteral("json_too_deep"));
        QCOMPARE(QString::fromStdString(json.error().where), where);
        QVERIFY(!parseJsonQuickly(view));
        QVERIFY(!parseOrderedJson(view, "t.json"));
    }

    void bracketsInsideStringsDoNotCount()
    {
        const std::string text = "[\"" + std::string(2000, '[') + "\\\"" + std::string(2000, '{') + "\"]";
        QVERIFY(!findExcessiveNesting(text));
        QVERIFY(parseJson(text, "t.json").ok());
    }

    void numberBeyondDoubleRangeIsALocatedError_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("1e400") << QByteArray(R"({"price": 1e400})") << "t.json:1:11";
        QTest::newRow("-1e400 on line 3") << QByteArray("[\n1,\n  -1e400]") << "t.json:3:3";
    }
    void numberBeyondDoubleRangeIsALocatedError()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        const Result<Json> json = parseJson(text.toStdString(), "t.json");
        QVERIFY(!json);
        QCOMPARE(QString::fromStdString(json.error().code), QStringLiteral("json_number_out_of_range"));
        QCOMPARE(QString::fromStdString(json.error().where), where);
        QVERIFY(QString::fromStdString(json.error().message).contains(QStringLiteral("1e400")));
        QVERIFY(!parseOrderedJson(text.toStdString(), "t.json"));
    }

    void syntaxErrorMessageIsValidUtf8()
    {
        const Result<Json> json = parseJson("{\"a\":\"\xff\"}", "t.json");
        QVERIFY(!json);
        QCOMPARE(QString::fromStdString(json.error().where), QStringLiteral("t.json:1:7"));
        // The message quotes the bad byte; it must still go into a JSON report.
        QVERIFY(Json(json.error().message).dump().size() > 0);
    }

    void jsonLineErrorsNameTheFilesLine()
    {
        const Result<Json> json = parseJsonLine("{\"a\": tru}", "calls.jsonl", 7);
        QVERIFY(!json);
        QCOMPARE(QString::fromStdString(json.error().where), QStringLiteral("calls.jsonl:7:10"));
        QVERIFY(parseJsonLine("{\"a\": true}", "calls.jsonl", 7).ok());
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "TestJson.moc"
