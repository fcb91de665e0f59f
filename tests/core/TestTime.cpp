#include "common/Time.h"

#include <QTest>

using namespace preflight;

class TestTime : public QObject
{
    Q_OBJECT

private slots:
    void parsesDurations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("millis");
        QTest::newRow("minutes") << "+30m" << qint64(30 * 60'000);
        QTest::newRow("days") << "2d" << qint64(2 * 86'400'000LL);
        QTest::newRow("compound") << "1h30m" << qint64(90 * 60'000);
        QTest::newRow("negative") << "-5m" << qint64(-5 * 60'000);
        QTest::newRow("millis") << "250ms" << qint64(250);
        QTest::newRow("weeks") << "1w" << qint64(7 * 86'400'000LL);
        QTest::newRow("a century") << "36500d" << qint64(36500 * 86'400'000LL);
    }
    void parsesDurations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, millis);
        const auto parsed = parseDurationMillis(text.toStdString());
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, millis);
    }

    void rejectsMalformedDurations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("sign only") << "+";
        QTest::newRow("no unit") << "30";
        QTest::newRow("unknown unit") << "3y";
        QTest::newRow("letters") << "abc";
        // Each part is in range but the sum would overflow 64 bits.
        QTest::newRow("overflowing sum") << QString(QStringLiteral("999999999w")).repeated(16);
        QTest::newRow("beyond a thousand years") << "60000w";
    }
    void rejectsMalformedDurations()
    {
        QFETCH(QString, text);
        QVERIFY(!parseDurationMillis(text.toStdString()).has_value());
    }

    void roundTripsIso8601()
    {
        QCOMPARE(toIso8601(0), std::string("1970-01-01T00:00:00Z"));
        QCOMPARE(toIso8601(1'700'000'000'123), std::string("2023-11-14T22:13:20.123Z"));
        QCOMPARE(parseIso8601("2023-11-14T22:13:20.123Z").value(), 1'700'000'000'123);
        QCOMPARE(parseIso8601("2023-11-14T23:13:20+01:00").value(), 1'700'000'000'000);
    }

    void rejectsZonelessOrDateOnlyIso8601()
    {
        QVERIFY(!parseIso8601("2023-11-14").has_value());
        QVERIFY(!parseIso8601("2023-11-14T22:13:20").has_value());
        QVERIFY(!parseIso8601("yesterday at noon, UTC").has_value());
    }
};

QTEST_GUILESS_MAIN(TestTime)
#include "TestTime.moc"
