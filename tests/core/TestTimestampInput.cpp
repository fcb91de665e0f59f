#include "api/TimestampInput.h"

#include <QTest>

using namespace preflight;

// User timestamps honour the declared format and refuse ambiguous input (CUSTOMERIO.md: the seeds mix
// ISO, epoch seconds and milliseconds).
class TestTimestampInput : public QObject
{
    Q_OBJECT

private slots:
    void converts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<qint64>("millis");
        QTest::newRow("seconds") << "1700000000"
                                 << "unix-seconds" << qint64(1700000000000);
        QTest::newRow("auto seconds") << "1700000000"
                                      << "auto" << qint64(1700000000000);
        QTest::newRow("millis declared") << "1700000000123"
                                         << "unix-millis" << qint64(1700000000123);
        QTest::newRow("iso") << "2026-11-22T19:00:00Z"
                             << "iso8601" << qint64(1795374000000);
        QTest::newRow("auto iso with offset") << "2026-11-22T20:00:00+01:00"
                                              << "auto" << qint64(1795374000000);
        QTest::newRow("iso millis") << "2026-11-22T19:00:00.250Z"
                                    << "iso8601" << qint64(1795374000250);
    }

    void converts()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(qint64, millis);
        const auto result =
            parseTimestampInput(text.toStdString(), *timestampInputFormatFromString(format.toStdString()));
        QVERIFY(result.ok());
        QCOMPARE(*result, millis);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("code");
        QTest::newRow("13 digits as seconds") << "1700000000000"
                                              << "unix-seconds"
                                              << "timestamp_in_milliseconds";
        QTest::newRow("13 digits auto") << "1700000000000"
                                        << "auto"
                                        << "timestamp_in_milliseconds";
        QTest::newRow("10 digits as millis") << "1700000000"
                                             << "unix-millis"
                                             << "timestamp_in_seconds";
        QTest::newRow("iso where seconds declared") << "2026-11-22T19:00:00Z"
                                                    << "unix-seconds"
                                                    << "timestamp_invalid";
        QTest::newRow("fractional seconds") << "1700000000.5"
                                            << "unix-seconds"
                                            << "timestamp_invalid";
        QTest::newRow("iso without zone") << "2026-11-22T19:00:00"
                                          << "iso8601"
                                          << "timestamp_not_iso8601";
        QTest::newRow("seconds where iso declared") << "1700000000"
                                                    << "iso8601"
                                                    << "timestamp_not_iso8601";
        QTest::newRow("16 digits") << "1700000000000000"
                                   << "unix-seconds"
                                   << "timestamp_invalid";
        QTest::newRow("words") << "yesterday"
                               << "auto"
                               << "timestamp_not_iso8601";
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(QString, code);
        const auto result = parseTimestampInput(
            text.toStdString(), *timestampInputFormatFromString(format.toStdString()), "/occurred_at");
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error().code), code);
        QCOMPARE(result.error().where, std::string("/occurred_at"));
    }
};

QTEST_GUILESS_MAIN(TestTimestampInput)
#include "TestTimestampInput.moc"
