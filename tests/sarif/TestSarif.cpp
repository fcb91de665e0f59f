// `--format sarif` of lint, validate, diff and run: each log is checked by Microsoft's SARIF Multitool
// (`sarif-multitool validate`, pinned in package-lock.json), and for what a code-scanning service reads:
// rule ids are the stable codes, and every result has a file with a line.

#include "cli/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kExamples = QStringLiteral(PREFLIGHT_EXAMPLES_DIR);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

} // namespace

class TestSarif : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Runs `sarif-multitool validate` on a log, writing its verdict (itself a SARIF log) beside it.
    static void runMultitool(QProcess &tool, const QString &log, const QString &verdict)
    {
        tool.start(QStringLiteral(PREFLIGHT_NODE_PATH),
                   {QStringLiteral(PREFLIGHT_SARIF_MULTITOOL), QStringLiteral("validate"), log,
                    QStringLiteral("--output"), verdict, QStringLiteral("--log"),
                    QStringLiteral("ForceOverwrite")});
        tool.waitForFinished(120'000);
    }

    // The Multitool's verdict on a log: its exit code and the rules it found broken at level error.
    void checkWithMultitool(const QString &log, QStringList *errors)
    {
        const QString verdict = log + QStringLiteral(".validation.sarif");
        QProcess tool;
        runMultitool(tool, log, verdict);
        QVERIFY(tool.state() == QProcess::NotRunning);
        QVERIFY2(tool.exitCode() == 0,
                 qPrintable(QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError())));
        const QJsonObject result = QJsonDocument::fromJson(readFile(verdict)).object();
        for (const QJsonValue &run : result[QStringLiteral("runs")].toArray())
            for (const QJsonValue &found : run[QStringLiteral("results")].toArray())
                if (found[QStringLiteral("level")].toString() == QLatin1String("error"))
                    *errors
                        << found[QStringLiteral("ruleId")].toString() + QStringLiteral(": ") +
                               found[QStringLiteral("message")].toObject()[QStringLiteral("text")].toString();
    }

    // What the log says: one run by preflight, its results' rule ids, each with a file and a line.
    static QStringList ruleIds(const QByteArray &text)
    {
        const QJsonObject log = QJsonDocument::fromJson(text).object();
        if (log[QStringLiteral("version")].toString() != QLatin1String("2.1.0"))
            return {QStringLiteral("(not a SARIF 2.1.0 log)")};
        const QJsonObject run = log[QStringLiteral("runs")].toArray().first().toObject();
        if (run[QStringLiteral("tool")][QStringLiteral("driver")][QStringLiteral("name")].toString() !=
            QLatin1String("preflight"))
            return {QStringLiteral("(not preflight's)")};
        QStringList ids;
        for (const QJsonValue &result : run[QStringLiteral("results")].toArray()) {
            const QJsonObject location = result[QStringLiteral("locations")]
                                             .toArray()
                                             .first()[QStringLiteral("physicalLocation")]
                                             .toObject();
            const bool located =
                !location[QStringLiteral("artifactLocation")][QStringLiteral("uri")].toString().isEmpty() &&
                location[QStringLiteral("region")][QStringLiteral("startLine")].toInt() >= 1;
            ids << result[QStringLiteral("ruleId")].toString() +
                       (located ? QString() : QStringLiteral(" (no line)"));
        }
        return ids;
    }

private slots:
    void eachCommandWritesAValidLog_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expectedRule");

        // A plan with a retention risk lint reports, a payload file with violations, a breaking change.
        QByteArray plan = readFile(kExamples + QStringLiteral("/d2c.plan.json"));
        plan.replace("\"merge_anonymous\": true", "\"merge_anonymous\": false");
        const QString risky = writeFile(m_dir, QStringLiteral("risky.plan.json"), plan);
        const QString payloads = writeFile(
            m_dir, QStringLiteral("calls.jsonl"),
            R"({"type":"track","userId":"u1","event":"added_to_cart","properties":{"cart_id":"c","cart_value":"59.00","currency":"USD","items":[{"sku":"s","product_id":"p","price":1,"quantity":1}]}})"
            "\n"
            R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"s1"},"attributes":{"status":"done"}})"
            "\n");
        QByteArray changed = readFile(kExamples + QStringLiteral("/d2c.plan.json"));
        changed.replace("\"name\": \"cart_value\"", "\"name\": \"basket_value\"");
        const QString after = writeFile(m_dir, QStringLiteral("after.plan.json"), changed);
        writeFile(m_dir, QStringLiteral("d2c.journeys.json"),
                  readFile(kExamples + QStringLiteral("/d2c.journeys.json")));
        QDir(m_dir.path()).mkdir(QStringLiteral("templates"));
        for (const QString &name : QDir(kExamples + QStringLiteral("/templates")).entryList(QDir::Files))
            writeFile(m_dir, QStringLiteral("templates/") + name,
                      readFile(kExamples + QStringLiteral("/templates/") + name));

        QTest::newRow("lint") << QStringList{QStringLiteral("lint"), risky} << 0
                              << QStringLiteral("anonymous_not_merged");
        QTest::newRow("lint --journeys")
            << QStringList{QStringLiteral("lint"), kExamples + QStringLiteral("/d2c.plan.json"),
                           QStringLiteral("--journeys"), kExamples + QStringLiteral("/d2c.journeys.json")}
            << 0 << QStringLiteral("optional_key_reference");
        QTest::newRow("validate") << QStringList{QStringLiteral("validate"),
                                                 kExamples + QStringLiteral("/d2c.plan.json"), payloads}
                                  << 1 << QStringLiteral("enum_mismatch");
        QTest::newRow("diff") << QStringList{QStringLiteral("diff"),
                                             kExamples + QStringLiteral("/d2c.plan.json"), after}
                              << 1 << QStringLiteral("property_removed");
        QTest::newRow("run") << QStringList{QStringLiteral("run"),
                                            kExamples + QStringLiteral("/late-purchase.scenario.json")}
                             << 1 << QStringLiteral("expectation_failed");
    }
    void eachCommandWritesAValidLog()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expectedRule);
        const CliResult result =
            runCli(arguments + QStringList{QStringLiteral("--format"), QStringLiteral("sarif")});
        QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
        const QStringList ids = ruleIds(result.out.toUtf8());
        QVERIFY2(ids.contains(expectedRule), qPrintable(ids.join(u',') + "\n" + result.out));
        for (const QString &id : ids)
            QVERIFY2(!id.contains(QLatin1String("(")), qPrintable(id));
        const QString log = writeFile(m_dir,
                                      QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_') +
                                          QStringLiteral(".sarif"),
                                      result.out.toUtf8());
        QStringList errors;
        checkWithMultitool(log, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    // A relative file name is a relative URI, its '#', '?' and spaces encoded rather than read as URL parts.
    void relativeFileNamesAreEncodedPaths()
    {
        QTemporaryDir dir;
        const QByteArray plan = readFile(kExamples + QStringLiteral("/d2c.plan.json"));
        writeFile(dir, QStringLiteral("old.plan.json"), plan);
        QByteArray changed = plan;
        changed.replace("\"name\": \"cart_value\"", "\"name\": \"basket_value\"");
        writeFile(dir, QStringLiteral("n#e w?.plan.json"), changed);
        const CliResult result =
            runCli({QStringLiteral("diff"), QStringLiteral("old.plan.json"),
                    QStringLiteral("n#e w?.plan.json"), QStringLiteral("--format"), QStringLiteral("sarif")},
                   dir.path());
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(QStringLiteral("\"uri\": \"n%23e%20w%3F.plan.json\"")),
                 qPrintable(result.out));
    }

    // The Multitool is a real check: a log missing what SARIF requires fails it.
    void theMultitoolRejectsABrokenLog()
    {
        const QString log = writeFile(m_dir, QStringLiteral("broken.sarif"),
                                      R"({"version": "2.1.0", "runs": [{"results": [{"message": {}}]}]})");
        const QString verdict = log + QStringLiteral(".validation.sarif");
        QProcess tool;
        runMultitool(tool, log, verdict);
        QVERIFY(tool.state() == QProcess::NotRunning);
        const QByteArray verdictText = readFile(verdict);
        QVERIFY2(tool.exitCode() != 0 || verdictText.contains("\"error\""),
                 qPrintable(QString::fromUtf8(tool.readAllStandardOutput())));
    }
};

QTEST_GUILESS_MAIN(TestSarif)
#include "TestSarif.moc"
