#include "CliRunner.h"
#include "support/EnvironmentOverride.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

QString example(const char *name)
{
    return QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/") + QString::fromLatin1(name);
}

QByteArray readExample(const char *name)
{
    QFile file(example(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

// Broken files and arguments that used to abort (exit 134, "terminate called…") or crash on a deep stack:
// each is now bad input, exit 2, with the file and the line/column or JSON pointer of the fault.
class TestCliBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_suiteEnv.set("PREFLIGHT_CONFIG_DIR", m_dir.filePath(u"config"_s).toUtf8());
        m_suiteEnv.set("PREFLIGHT_DATA_DIR", m_dir.filePath(u"data"_s).toUtf8());
        m_suiteEnv.set("PREFLIGHT_KEYCHAIN", "off");
    }

    // Each row writes `content` to `file` in a fresh folder (with the shipped plan and journeys and a calls
    // file beside it) and runs the command; in its arguments @FILE is that file and @DIR the folder.
    void badFilesAreExitTwoWithAPosition_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("where");

        QByteArray plan = readExample("d2c.plan.json");
        const QByteArray planOutOfRange = plan.replace(R"("version": 1)", R"("version": 1e400)");
        QVERIFY(planOutOfRange.contains("1e400"));
        QTest::newRow("lint: number out of range")
            << u"x.plan.json"_s << planOutOfRange << QStringList{u"lint"_s, u"@FILE"_s} << u"x.plan.json:"_s;
        QTest::newRow("export: number out of range")
            << u"x.plan.json"_s << planOutOfRange
            << QStringList{u"export"_s, u"@FILE"_s, u"--format"_s, u"json-schema"_s} << u"x.plan.json:"_s;
        QTest::newRow("lint: nested 100000 deep")
            << u"x.plan.json"_s << nested(100000) << QStringList{u"lint"_s, u"@FILE"_s}
            << u"x.plan.json:1:513: nested deeper than 512 levels"_s;
        QTest::newRow("import: nested 100000 deep")
            << u"x.schema.json"_s << nested(100000)
            << QStringList{u"import"_s, u"@FILE"_s, u"--out"_s, u"@DIR/out.plan.json"_s}
            << u"x.schema.json:1:513"_s;
        QTest::newRow("import: number out of range")
            << u"x.schema.json"_s << QByteArray(R"({"$defs": {"a": {"minimum": -1e400}}})")
            << QStringList{u"import"_s, u"@FILE"_s, u"--out"_s, u"@DIR/out.plan.json"_s}
            << u"x.schema.json:1:29: number out of range"_s;
        QTest::newRow("validate: line out of range")
            << u"events.jsonl"_s << QByteArray("{\"type\":\"track\",\"event\":\"x\",\"n\":1e400}\n")
            << QStringList{u"validate"_s, example("d2c.plan.json"), u"@FILE"_s}
            << u"events.jsonl:1:33: number out of range"_s;
        QTest::newRow("validate: typed field out of range")
            << u"events.jsonl"_s
            << QByteArray("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"added_to_cart\",\"properties\":"
                          "{\"cart_value\":-2e999}}\n")
            << QStringList{u"validate"_s, example("d2c.plan.json"), u"@FILE"_s}
            << u"events.jsonl:1:81: number out of range"_s;
        QTest::newRow("validate: line nested 100000 deep")
            << u"events.jsonl"_s << nested(100000) + "\n"
            << QStringList{u"validate"_s, example("d2c.plan.json"), u"@FILE"_s} << u"events.jsonl:1:513"_s;
        QTest::newRow("run: scenario out of range")
            << u"x.scenario.json"_s
            << QByteArray(
                   R"({"format": "preflight.scenario/1", "name": "x", "steps": [], "expect": [{"by": 1e400}]})")
            << QStringList{u"run"_s, u"--run-id"_s, u"ci"_s, u"@FILE"_s} << u"x.scenario.json:1:"_s;
        QTest::newRow("run: scenario nested 100000 deep")
            << u"x.scenario.json"_s << nested(100000)
            << QStringList{u"run"_s, u"--run-id"_s, u"ci"_s, u"@FILE"_s} << u"x.scenario.json:1:513"_s;
        QTest::newRow("simulate: journeys out of range")
            << u"x.journeys.json"_s
            << QByteArray(R"({"format": "preflight.journeys/1", "campaigns": [{"name": 1e400}]})")
            << QStringList{u"simulate"_s, u"--journeys"_s, u"@FILE"_s, u"--events"_s, u"@DIR/calls.jsonl"_s}
            << u"x.journeys.json:1:"_s;
        QTest::newRow("simulate: events line out of range")
            << u"calls.jsonl"_s << QByteArray("{\"kind\":\"track\",\"name\":\"x\",\"arrived_at\":1e400}\n")
            << QStringList{u"simulate"_s, u"--journeys"_s, example("d2c.journeys.json"), u"--events"_s,
                           u"@FILE"_s}
            << u"calls.jsonl:1:41: number out of range"_s;
        QTest::newRow("send: garbage line")
            << u"garbage.jsonl"_s << QByteArray("this is not json\n")
            << QStringList{u"send"_s,   u"--calls"_s, u"@FILE"_s, u"--outbox"_s, u"@DIR/outbox.sqlite"_s,
                           u"--quiet"_s}
            << u"garbage.jsonl:1:2: syntax error"_s;
        QTest::newRow("request: --data nested 100000 deep")
            << u"deep.json"_s << nested(100000)
            << QStringList{u"request"_s, u"--call"_s, u"track"_s,  u"--id"_s,  u"1"_s,
                           u"--name"_s,  u"x"_s,      u"--data"_s, u"@@FILE"_s}
            << u"deep.json:1:513: nested deeper than 512 levels"_s;
        QTest::newRow("request: --data out of range")
            << u"big.json"_s << QByteArray(R"({"total": 1e400})")
            << QStringList{u"request"_s, u"--call"_s, u"track"_s,  u"--id"_s,  u"1"_s,
                           u"--name"_s,  u"x"_s,      u"--data"_s, u"@@FILE"_s}
            << u"big.json:1:11: number out of range"_s;
    }

    void badFilesAreExitTwoWithAPosition()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, arguments);
        QFETCH(QString, where);
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &bytes) {
            QFile out(dir.filePath(name));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        };
        write(u"d2c.plan.json"_s, readExample("d2c.plan.json"));
        write(u"d2c.journeys.json"_s, readExample("d2c.journeys.json"));
        write(u"calls.jsonl"_s,
              "{\"kind\":\"identify\",\"identity\":{\"id\":\"u1\"},\"arrived_at\":1767603600}\n");
        write(file, content);
        const QString path = dir.filePath(file);
        for (QString &argument : arguments)
            argument.replace(u"@FILE"_s, path).replace(u"@DIR"_s, dir.path());
        const CliResult result = runCli(arguments, dir.path());
        const QString output = result.out + result.err;
        QVERIFY2(result.exitCode == 2, qPrintable(QString::number(result.exitCode) + u": "_s + output));
        QVERIFY2(result.err.contains(where), qPrintable(output));
        QVERIFY2(!output.contains(u"terminate"_s), qPrintable(output));
    }

    // Lines with bytes that are not UTF-8 are syntax errors with their position, and the JSON report stays
    // valid JSON.
    void invalidUtf8IsAViolationInTheJsonReport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"events.jsonl"_s);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"added_\xff\xfe\"}\n");
        out.write("{\"type\":\"track\",\"userId\":\"\xc3\x28\",\"event\":\"x\"}\n");
        out.close();
        const CliResult result =
            runCli({u"validate"_s, example("d2c.plan.json"), path, u"--format"_s, u"json"_s});
        QVERIFY2(result.exitCode == 2, qPrintable(QString::number(result.exitCode) + result.err));
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + result.out));
        QCOMPARE(report[u"summary"_s].toObject()[u"lines"_s].toInt(), 2);
        QCOMPARE(report[u"summary"_s].toObject()[u"syntax_errors"_s].toInt(), 2);
        QVERIFY2(result.err.contains(u"events.jsonl:1:"_s), qPrintable(result.err));
    }

private:
    preflight::test::EnvironmentOverride m_suiteEnv; // initTestCase's, put back at the end
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "TestCliBadInput.moc"
