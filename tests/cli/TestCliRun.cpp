#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

QString example(const char *name)
{
    return QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/") + QString::fromUtf8(name);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestCliRun : public QObject
{
    Q_OBJECT

private slots:
    void runExitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("passing scenario") << QStringList{example("cart-recovery.scenario.json")} << 0;
        QTest::newRow("failing scenario") << QStringList{example("late-purchase.scenario.json")} << 1;
        QTest::newRow("one failing of two")
            << QStringList{example("cart-recovery.scenario.json"), example("late-purchase.scenario.json")}
            << 1;
        QTest::newRow("missing file") << QStringList{u"/nonexistent/x.scenario.json"_s} << 2;
        QTest::newRow("no scenario") << QStringList{} << 2;
        QTest::newRow("unknown environment")
            << QStringList{example("cart-recovery.scenario.json"), u"--env"_s, u"production"_s} << 2;
        QTest::newRow("journeys given") << QStringList{example("cart-dedupe.scenario.json"), u"--journeys"_s,
                                                       example("d2c.journeys.json")}
                                        << 0;
    }

    void runExitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        const CliResult result = runCli(QStringList{u"run"_s, u"--run-id"_s, u"ci"_s} + arguments);
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
    }

    void runPrintsTheLeakedSendAndWhy()
    {
        const CliResult result =
            runCli({u"run"_s, u"--run-id"_s, u"ci"_s, example("late-purchase.scenario.json")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.contains(u"SENT"_s));
        QVERIFY(result.out.contains(u"LEAKED"_s));
        QVERIFY(result.out.contains(u"FAIL  message \"cart_reminder_1\" is not sent"_s));
        // The starter plan beside the scenario is picked up and every step passes it.
        QVERIFY(result.out.contains(u"d2c.plan.json: 0 violation(s)"_s));
    }

    void runWritesJUnitAndJsonReports()
    {
        QTemporaryDir dir;
        const QString junit = dir.filePath(u"report.xml"_s);
        const QString report = dir.filePath(u"report.json"_s);
        const CliResult result =
            runCli({u"run"_s, u"--run-id"_s, u"ci"_s, u"--junit"_s, junit, u"--report"_s, report,
                    example("cart-recovery.scenario.json"), example("late-purchase.scenario.json")});
        QCOMPARE(result.exitCode, 1);
        QFile xmlFile(junit);
        QVERIFY(xmlFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&xmlFile);
        int testcases = 0;
        int failures = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"testcase"_s)
                ++testcases;
            if (xml.isStartElement() && xml.name() == u"failure"_s)
                ++failures;
        }
        QVERIFY(!xml.hasError());
        QCOMPARE(testcases, 5);
        QCOMPARE(failures, 1);
        QFile jsonFile(report);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QVERIFY(jsonFile.readAll().contains("\"failed\": 1"));
    }

    void shippedExamplesGiveOneIntendedFailureAndNoVacuousPass()
    {
        const QStringList files =
            QDir(example("")).entryList({u"*.scenario.json"_s}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 8);
        QStringList arguments{u"run"_s, u"--run-id"_s, u"ci"_s};
        for (const QString &file : files)
            arguments << example(file.toUtf8().constData());
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(u"8 scenario(s), 1 failed"_s), qPrintable(result.out));
        QVERIFY2(!result.out.contains(u"vacuous:"_s), qPrintable(result.out));
        QVERIFY2(!result.out.contains(u"the replay leaves it out"_s), qPrintable(result.out));
        QVERIFY(result.out.contains(u"Scenario \"late purchase lets the reminder leak\""_s));
    }

    void aVacuousNotSentFailsAndSaysWhy()
    {
        // The shopper never consented, so cart recovery never starts: "no reminder" tests nothing.
        QTemporaryDir dir;
        const QString scenario = dir.filePath(u"vacuous.scenario.json"_s);
        QVERIFY(writeFile(scenario, R"({"format": "preflight.scenario/1", "name": "vacuous",
          "steps": [{"at": "+0m", "kind": "identify", "identity": {"id": "c-{{run_id}}"}, "properties": {"accepts_marketing": false}},
                    {"at": "+1m", "kind": "track", "identity": {"id": "c-{{run_id}}"}, "name": "added_to_cart",
                     "properties": {"cart_id": "k1", "cart_value": 80}}],
          "expect": [{"message": "cart_reminder_1", "sent": false, "person": {"id": "c-{{run_id}}"}}]})"));
        const QString report = dir.filePath(u"report.json"_s);
        const CliResult result = runCli({u"run"_s, u"--run-id"_s, u"ci"_s, u"--journeys"_s,
                                         example("d2c.journeys.json"), u"--report"_s, report, scenario});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(
            result.out.contains(u"vacuous: cart_recovery never entered for this person — the scenario does "
                                u"not test the suppression"_s),
            qPrintable(result.out));
        // People are labelled by their scenario identity in the text timeline and the JSON report.
        QVERIFY2(result.out.contains(u"[c-ci (cio "_s), qPrintable(result.out));
        QFile jsonFile(report);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QVERIFY(jsonFile.readAll().contains("\"person_label\": \"c-ci\""));
    }

    void runReportsAmbiguousJourneysAsBadInput()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(example("cart-recovery.scenario.json"), dir.filePath(u"a.scenario.json"_s)));
        QVERIFY(QFile::copy(example("d2c.journeys.json"), dir.filePath(u"one.journeys.json"_s)));
        QVERIFY(QFile::copy(example("d2c.journeys.json"), dir.filePath(u"two.journeys.json"_s)));
        const CliResult result = runCli({u"run"_s, dir.filePath(u"a.scenario.json"_s)});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"--journeys"_s));
    }

    // A wrongly typed or misspelt journeys file is bad input (exit 2) for both commands that read one,
    // with its pointer; before, "campaigns": {} loaded as no campaigns and `run` failed its expectations
    // (exit 1), and "name": [] aborted.
    void badJourneysFileIsBadInput_data()
    {
        QTest::addColumn<QByteArray>("journeys");
        QTest::addColumn<QString>("message");
        QTest::newRow("campaigns an object")
            << QByteArray(R"({"format": "preflight.journeys/1", "campaigns": {}})")
            << u"bad.journeys.json#/campaigns: \"campaigns\" must be an array, not object"_s;
        QTest::newRow("name an array")
            << QByteArray(
                   R"({"format": "preflight.journeys/1", "campaigns": [{"name": [], "trigger": {"event": "e"}}]})")
            << u"bad.journeys.json#/campaigns/0/name"_s;
        QTest::newRow("exitt")
            << QByteArray(
                   R"({"format": "preflight.journeys/1", "campaigns": [{"name": "c", "trigger": {"event": "e"},
                "exitt": {"goal": {"event": "order_completed", "within": "1d"}}}]})")
            << u"bad.journeys.json#/campaigns/0/exitt: unknown key \"exitt\" — did you mean \"exit\"?"_s;
    }

    void badJourneysFileIsBadInput()
    {
        QFETCH(QByteArray, journeys);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.journeys.json"_s);
        QVERIFY(writeFile(path, journeys));
        const CliResult run = runCli({u"run"_s, u"--run-id"_s, u"ci"_s,
                                      example("cart-recovery.scenario.json"), u"--journeys"_s, path});
        QVERIFY2(run.exitCode == 2, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY2(!run.err.contains(u"terminate"_s), qPrintable(run.err));
        const QString events = dir.filePath(u"events.jsonl"_s);
        QVERIFY(writeFile(events, "{\"kind\":\"identify\",\"identity\":{\"id\":\"u1\"},\"arrived_at\":\"2026-"
                                  "01-05T09:00:00Z\"}\n"));
        const CliResult simulate = runCli({u"simulate"_s, u"--journeys"_s, path, u"--events"_s, events});
        QVERIFY2(simulate.exitCode == 2, qPrintable(simulate.out + simulate.err));
        QVERIFY2(simulate.err.contains(message), qPrintable(simulate.err));
    }

    void badScenarioFileIsBadInput()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.scenario.json"_s);
        QVERIFY(writeFile(path, R"({"format": "preflight.scenario/1", "name": [], "steps": []})"));
        const CliResult result =
            runCli({u"run"_s, u"--run-id"_s, u"ci"_s, path, u"--journeys"_s, example("d2c.journeys.json")});
        QVERIFY2(result.exitCode == 2, qPrintable(result.out + result.err));
        QVERIFY2(result.err.contains(u"bad.scenario.json#/name"_s), qPrintable(result.err));
    }

    void simulatePrintsTimeline()
    {
        QTemporaryDir dir;
        const QString events = dir.filePath(u"events.jsonl"_s);
        QVERIFY(writeFile(
            events,
            R"({"kind":"identify","identity":{"id":"u1"},"properties":{"accepts_marketing":true},"arrived_at":"2026-01-05T09:00:00Z"}
{"kind":"track","identity":{"id":"u1"},"name":"order_completed","properties":{"cart_id":"c1"},"occurred_at":"2026-01-05T09:10:00Z","arrived_at":"2026-01-05T09:55:00Z"}
{"kind":"track","identity":{"id":"u1"},"name":"added_to_cart","properties":{"cart_id":"c1","cart_value":80},"occurred_at":"2026-01-05T09:01:00Z","arrived_at":"2026-01-05T09:01:00Z"}
)"));
        const CliResult result =
            runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"), u"--events"_s, events});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(u"LEAKED"_s));
        QVERIFY(result.out.contains(u"3 calls"_s));
    }

    void simulateShowsAnIgnoredDuplicateAndPeopleByName()
    {
        QTemporaryDir dir;
        const QString events = dir.filePath(u"events.jsonl"_s);
        QVERIFY(writeFile(
            events,
            R"({"kind":"identify","identity":{"id":"u1"},"properties":{"accepts_marketing":true},"arrived_at":"2026-01-05T09:00:00Z"}
{"kind":"track","identity":{"id":"u1"},"name":"added_to_cart","dedupe_id":"evt-1","properties":{"cart_id":"c1","cart_value":80},"arrived_at":"2026-01-05T09:01:00Z"}
{"kind":"track","identity":{"id":"u1"},"name":"added_to_cart","dedupe_id":"evt-1","properties":{"cart_id":"c2","cart_value":80},"arrived_at":"2026-01-05T09:02:00Z"}
)"));
        const CliResult result =
            runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"), u"--events"_s, events});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(u"DUPLICATE"_s) &&
                     result.out.contains(u"added_to_cart ignored, same id as an earlier event (evt-1)"_s),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains(u"[u1 (cio "_s), qPrintable(result.out));
        const CliResult json = runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"),
                                       u"--events"_s, events, u"--format"_s, u"json"_s});
        QVERIFY2(json.out.contains(u"\"person_label\": \"u1\""_s), qPrintable(json.out));
    }

    void simulateGivesTheSameTimelineWhateverTheFileOrder()
    {
        // In arrival order the stream replays as it is read; otherwise it is sorted first.
        const QByteArray identify =
            R"({"kind":"identify","identity":{"id":"u1"},"properties":{"accepts_marketing":true},"arrived_at":"2026-01-05T09:00:00Z"})";
        const QByteArray cart =
            R"({"kind":"track","identity":{"id":"u1"},"name":"added_to_cart","properties":{"cart_id":"c1","cart_value":80},"occurred_at":"2026-01-05T09:01:00Z","arrived_at":"2026-01-05T09:01:00Z"})";
        const QByteArray order =
            R"({"kind":"track","identity":{"id":"u1"},"name":"order_completed","properties":{"cart_id":"c1"},"occurred_at":"2026-01-05T09:10:00Z","arrived_at":"2026-01-05T09:55:00Z"})";
        QTemporaryDir dir;
        const QString ordered = dir.filePath(u"ordered.jsonl"_s);
        const QString shuffled = dir.filePath(u"shuffled.jsonl"_s);
        QVERIFY(writeFile(ordered, identify + "\n" + cart + "\n" + order + "\n"));
        QVERIFY(writeFile(shuffled, order + "\n" + identify + "\n" + cart + "\n"));
        QStringList outputs;
        const auto simulate = [&](const QString &events, const QByteArray &input = {}) {
            const CliResult result = runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"),
                                             u"--events"_s, events, u"--format"_s, u"json"_s},
                                            {}, input);
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            outputs.append(result.out);
        };
        simulate(ordered);
        simulate(shuffled);
        // A pipe cannot be read twice: it is read whole and sorted.
        simulate(u"/dev/stdin"_s, order + "\n" + identify + "\n" + cart + "\n");
        QCOMPARE(outputs.size(), 3);
        QVERIFY(outputs[0].contains(u"leaked"_s));
        QCOMPARE(outputs[1], outputs[0]);
        QCOMPARE(outputs[2], outputs[0]);
    }

    void simulateReadsCrlfBlankLinesAndNoFinalNewline()
    {
        QTemporaryDir dir;
        const QString events = dir.filePath(u"events.jsonl"_s);
        QVERIFY(writeFile(
            events,
            "{\"kind\":\"identify\",\"identity\":{\"id\":\"u1\"},\"arrived_at\":\"2026-01-05T09:00:00Z\"}\r\n"
            "\r\n"
            "   \n"
            "{\"kind\":\"track\",\"identity\":{\"id\":\"u1\"},\"name\":\"added_to_cart\",\"arrived_at\":"
            "\"2026-01-05T09:01:00Z\"}\r\n"
            "{\"kind\":\"track\",\"identity\":{\"id\":\"u1\"},\"name\":\"order_completed\",\"arrived_at\":"
            "\"2026-01-05T09:02:00Z\"}"));
        const CliResult result = runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"),
                                         u"--events"_s, events, u"--format"_s, u"summary"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(u"3 calls"_s), qPrintable(result.out));
    }

    void simulateRefusesADirectory()
    {
        QTemporaryDir dir;
        const CliResult result =
            runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"), u"--events"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(u"directory"_s), qPrintable(result.err));
    }

    void simulateExitCodes_data()
    {
        QTest::addColumn<QByteArray>("events");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax error")
            << QByteArray("{\"kind\":\"track\",\"arrived_at\":\"2026-01-05T09:00:00Z\"}\n{\"kind\": }\n")
            << u"events.jsonl:2:10"_s;
        QTest::newRow("bad kind") << QByteArray(
                                         "{\"kind\":\"shout\",\"arrived_at\":\"2026-01-05T09:00:00Z\"}\n")
                                  << u"events.jsonl:1#/kind"_s;
        QTest::newRow("no time") << QByteArray("{\"kind\":\"track\",\"name\":\"x\"}\n") << u"arrived_at"_s;
        QTest::newRow("name a number") << QByteArray("{\"kind\":\"identify\",\"identity\":{\"id\":\"u1\"},"
                                                     "\"arrived_at\":\"2026-01-05T09:00:00Z\"}\n"
                                                     "{\"kind\":\"track\",\"identity\":{\"id\":\"u1\"},"
                                                     "\"name\":5,\"arrived_at\":\"2026-01-05T09:01:00Z\"}\n")
                                       << u"events.jsonl:2#/name: name must be a string, not integer 5"_s;
        QTest::newRow("arrival in 1970")
            << QByteArray("{\"kind\":\"track\",\"name\":\"x\",\"arrived_at\":0}\n")
            << u"events.jsonl:1#/arrived_at: arrived_at 0 is not unix seconds"_s;
        QTest::newRow("arrival in milliseconds")
            << QByteArray("{\"kind\":\"track\",\"name\":\"x\",\"arrived_at\":1767603600000}\n")
            << u"events.jsonl:1#/arrived_at"_s;
        QTest::newRow("unknown member")
            << QByteArray("{\"kind\":\"track\",\"nmae\":\"x\",\"arrived_at\":\"2026-01-05T09:00:00Z\"}\n")
            << u"events.jsonl:1#/nmae: unknown key \"nmae\" — did you mean \"name\"?"_s;
    }

    void simulateExitCodes()
    {
        QFETCH(QByteArray, events);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"events.jsonl"_s);
        QVERIFY(writeFile(path, events));
        const CliResult result =
            runCli({u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"), u"--events"_s, path});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }

    void commandsHaveHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("run") << u"run"_s;
        QTest::newRow("simulate") << u"simulate"_s;
    }

    void commandsHaveHelp()
    {
        QFETCH(QString, command);
        const CliResult result = runCli({command, u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"--journeys"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "TestCliRun.moc"
