#include "cli/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kPlan = QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

const QByteArray kValidLine =
    R"({"type":"track","userId":"u1","event":"subscription_canceled","properties":{"subscription_id":"s","canceled_at":1767225600}})";
const QByteArray kStringCartValue =
    R"({"type":"track","userId":"u1","event":"added_to_cart","properties":{"cart_id":"c","cart_value":"59.00","currency":"USD","items":[{"sku":"s","product_id":"p","price":1,"quantity":1}]}})";

} // namespace

class TestCliPlan : public QObject
{
    Q_OBJECT

private slots:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("jsonl");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expectedOutput");
        QTest::newRow("lint clean plan") << QStringList{"lint", kPlan} << QByteArray() << 0 << "0 error(s)";
        QTest::newRow("lint missing plan")
            << QStringList{"lint", "/nonexistent.plan.json"} << QByteArray() << 2 << "";
        QTest::newRow("lint help") << QStringList{"lint", "--help"} << QByteArray() << 0 << "retention risks";
        QTest::newRow("validate all valid")
            << QStringList{"validate", kPlan, "@FILE"} << kValidLine + "\n" + kValidLine << 0
            << "2 lines, 2 accepted, 0 rejected";
        QTest::newRow("validate reports line and pointer")
            << QStringList{"validate", kPlan, "@FILE"} << kValidLine + "\n" + kStringCartValue << 1
            << "events.jsonl:2: error wrong_type /properties/cart_value: `cart_value` is the string "
               "\"59.00\"; the plan says number";
        QTest::newRow("validate summary by code") << QStringList{"validate", kPlan, "@FILE", "--summary-only"}
                                                  << kStringCartValue << 1 << "by code:\n  wrong_type: 1";
        QTest::newRow("validate syntax error is bad input")
            << QStringList{"validate", kPlan, "@FILE"} << kValidLine + "\n\n{\"type\": \"track\"," << 2 << "";
        QTest::newRow("validate missing file")
            << QStringList{"validate", kPlan, "/nonexistent.jsonl"} << QByteArray() << 2 << "";
        QTest::newRow("validate missing argument")
            << QStringList{"validate", kPlan} << QByteArray() << 2 << "";
        QTest::newRow("validate bad format")
            << QStringList{"validate", kPlan, "@FILE", "--format", "xml"} << kValidLine << 2 << "";
        QTest::newRow("export bad draft")
            << QStringList{"export", kPlan, "--draft", "04", "--out", "@DIR"} << QByteArray() << 2 << "";
        QTest::newRow("lint journeys: clean but for a warning")
            << QStringList{"lint", kPlan, "--journeys",
                           QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json")}
            << QByteArray() << 0
            << "d2c.journeys.json#/campaigns/0/exit/goal/match: warning optional_key_reference";
        QTest::newRow("lint journeys: an unknown event is an error")
            << QStringList{"lint", kPlan, "--journeys", "@FILE"}
            << QByteArray(
                   R"({"format": "preflight.journeys/1", "campaigns": [{"name": "c", "trigger": {"event": "cart_updatd"}}]})")
            << 1
            << "events.jsonl#/campaigns/0/trigger/event: error unknown_event_reference: the plan has no "
               "event "
               "\"cart_updatd\"";
        QTest::newRow("lint journeys: a broken journeys file is bad input")
            << QStringList{"lint", kPlan, "--journeys", "@FILE"}
            << QByteArray(R"({"format": "preflight.journeys/1", "campaigns": {}})") << 2 << "";
        QTest::newRow("export markdown to stdout") << QStringList{"export", kPlan, "--format", "markdown"}
                                                   << QByteArray() << 0 << "### order_completed";
    }
    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, jsonl);
        QFETCH(int, exitCode);
        QFETCH(QString, expectedOutput);
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("events.jsonl"), jsonl);
        arguments.replaceInStrings(QStringLiteral("@FILE"), file);
        arguments.replaceInStrings(QStringLiteral("@DIR"), dir.path());
        const CliResult result = runCli(arguments, dir.path());
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
        if (!expectedOutput.isEmpty())
            QVERIFY2(result.out.contains(expectedOutput), qPrintable(result.out));
        if (exitCode == 2)
            QVERIFY(!result.err.isEmpty());
    }

    void syntaxErrorNamesLineAndColumn()
    {
        QTemporaryDir dir;
        const QString file =
            writeFile(dir, QStringLiteral("e.jsonl"), kValidLine + "\n" + R"({"type":"track","userId":tru})");
        const CliResult result = runCli({QStringLiteral("validate"), kPlan, file});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(file + QStringLiteral(":2:")), qPrintable(result.err));
    }

    void brokenPlanNamesThePointer()
    {
        QTemporaryDir dir;
        const QString plan =
            writeFile(dir, QStringLiteral("p.plan.json"),
                      R"({"format": "preflight.plan/1", "events": [{"name": "a", "side": "browser"}]})");
        const CliResult result = runCli({QStringLiteral("validate"), plan, plan});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(plan + QStringLiteral("#/events/0/side")), qPrintable(result.err));
    }

    void lintFailsOnErrorsAndExplains()
    {
        QTemporaryDir dir;
        QByteArray text = readFile(kPlan);
        text.replace("\"name\": \"cart_id\",", "\"name\": \"cartId\",");
        const QString plan = writeFile(dir, QStringLiteral("p.plan.json"), text);
        const CliResult result =
            runCli({QStringLiteral("lint"), plan, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(result.exitCode, 1);
        const QJsonObject out = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QVERIFY(out.value(QStringLiteral("errors")).toInt() >= 1);
        QVERIFY(result.out.contains(QStringLiteral("\"code\": \"cart_event_without_cart_id\"")));
        QVERIFY(result.out.contains(QStringLiteral("\"code\": \"property_name_convention\"")));
    }

    void jsonOutputIsOneDocumentWithSummary()
    {
        QTemporaryDir dir;
        const QString file =
            writeFile(dir, QStringLiteral("e.jsonl"), kValidLine + "\n" + kStringCartValue + "\n");
        const CliResult result = runCli(
            {QStringLiteral("validate"), kPlan, file, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(result.exitCode, 1);
        QJsonParseError error{};
        const QJsonObject out = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(result.out));
        const QJsonObject summary = out.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("rejected")).toInt(), 1);
        QCOMPARE(
            summary.value(QStringLiteral("by_code")).toObject().value(QStringLiteral("wrong_type")).toInt(),
            1);
        QCOMPARE(summary.value(QStringLiteral("by_event"))
                     .toObject()
                     .value(QStringLiteral("added_to_cart"))
                     .toInt(),
                 1);
        QCOMPARE(out.value(QStringLiteral("lines")).toArray().size(), 1);
    }

    void exportThenImportGivesTheSamePlanFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("schemas"));
        CliResult result =
            runCli({QStringLiteral("export"), kPlan, QStringLiteral("--format"), QStringLiteral("jsonschema"),
                    QStringLiteral("--draft"), QStringLiteral("07"), QStringLiteral("--out"), out});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(QFile::exists(out + QStringLiteral("/order_completed.schema.json")));
        const QString plan = dir.filePath(QStringLiteral("back.plan.json"));
        result = runCli({QStringLiteral("import"), out + QStringLiteral("/bundle.schema.json"),
                         QStringLiteral("--out"), plan});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(readFile(plan), readFile(kPlan));
    }

    // diff: exit 0 when nothing breaks, 1 when something does (or the version rule is broken), 2 on bad
    // input; text, json and GitHub annotations; --git compares with a revision of the same file.
    void diffClassifiesAndExits()
    {
        QTemporaryDir dir;
        QByteArray plan = readFile(kPlan);
        const QString before = writeFile(dir, QStringLiteral("before.plan.json"), plan);
        const QString same = writeFile(dir, QStringLiteral("same.plan.json"), plan);
        CliResult result = runCli({QStringLiteral("diff"), before, same});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY(result.out.contains(QStringLiteral("0 breaking, 0 additive, 0 cosmetic")));

        // cart_value removed from added_to_cart, the version kept: breaking, and cart_recovery's trigger is
        // hit.
        QByteArray removed = plan;
        const QByteArray cartValue = "\"name\": \"cart_value\"";
        const qsizetype at = removed.indexOf(cartValue);
        QVERIFY(at > 0);
        removed.replace(at, cartValue.size(), "\"name\": \"basket_total_value\"");
        const QString after = writeFile(dir, QStringLiteral("after.plan.json"), removed);
        // The journeys and the templates they name, as a project holds them.
        writeFile(dir, QStringLiteral("d2c.journeys.json"),
                  readFile(QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.journeys.json")));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("templates")));
        for (const QString &name :
             QDir(QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/templates")).entryList(QDir::Files))
            writeFile(dir, QStringLiteral("templates/") + name,
                      readFile(QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/templates/") + name));
        result = runCli({QStringLiteral("diff"), before, after});
        QVERIFY2(result.exitCode == 1, qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(
                     QStringLiteral("BREAKING event added_to_cart › property cart_value: removed")),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("version_not_bumped")));
        QVERIFY2(result.out.contains(QStringLiteral("cart_recovery trigger filter cart_value")),
                 qPrintable(result.out));

        result = runCli(
            {QStringLiteral("diff"), before, after, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(result.exitCode, 1);
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QVERIFY(json[QStringLiteral("breaking")].toInt() >= 1);
        QCOMPARE(json[QStringLiteral("version_ok")].toBool(), false);
        const QJsonObject first = json[QStringLiteral("changes")].toArray().first().toObject();
        QVERIFY(first[QStringLiteral("line")].toInt() > 1);
        QVERIFY(!first[QStringLiteral("journeys")].toArray().isEmpty());

        result = runCli(
            {QStringLiteral("diff"), before, after, QStringLiteral("--format"), QStringLiteral("github")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.startsWith(QStringLiteral("::error file=")) &&
                     result.out.contains(QStringLiteral(",line=")) &&
                     result.out.contains(QStringLiteral("title=property_removed::breaking: ")),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("title=property_added_required::breaking: ")));

        // --git: the working file against its committed version.
        auto git = [&](const QStringList &arguments) {
            QProcess process;
            process.setWorkingDirectory(dir.path());
            process.start(QStringLiteral("git"),
                          QStringList{QStringLiteral("-c"), QStringLiteral("user.name=QA"),
                                      QStringLiteral("-c"), QStringLiteral("user.email=qa@example.com")} +
                              arguments);
            return process.waitForFinished(10000) && process.exitCode() == 0;
        };
        QVERIFY(git({"init", "-q"}));
        QVERIFY(git({"add", "same.plan.json"}));
        QVERIFY(git({"commit", "-q", "-m", "plan"}));
        result = runCli({QStringLiteral("diff"), QStringLiteral("--git"), QStringLiteral("HEAD"), same});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        writeFile(dir, QStringLiteral("same.plan.json"), removed);
        result = runCli({QStringLiteral("diff"), QStringLiteral("--git"), QStringLiteral("HEAD"), same});
        QVERIFY2(result.exitCode == 1 && result.out.startsWith(QStringLiteral("HEAD:")),
                 qPrintable(result.out + result.err));

        // Bad input: 2, with what and where.
        result = runCli({QStringLiteral("diff"), before, dir.filePath(QStringLiteral("missing.plan.json"))});
        QCOMPARE(result.exitCode, 2);
        result =
            runCli({QStringLiteral("diff"), QStringLiteral("--git"), QStringLiteral("no-such-rev"), same});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("no-such-rev")));
        result = runCli({QStringLiteral("diff"), before});
        QCOMPARE(result.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliPlan)
#include "TestCliPlan.moc"
