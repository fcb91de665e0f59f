#include "common/Json.h"
#include "lint/PlanLinter.h"
#include "plan/PlanFile.h"

#include <QTest>

using namespace preflight;

namespace {

Json starterPlanJson()
{
    Result<Json> json = readJsonFile(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
    if (!json)
        qFatal("%s", json.error().toString().c_str());
    return *json;
}

} // namespace

class TestLint : public QObject
{
    Q_OBJECT

private slots:
    void starterPlanIsClean()
    {
        const Result<Plan> plan = planFromJson(starterPlanJson());
        QVERIFY(plan.ok());
        const auto findings = lintPlan(*plan);
        QVERIFY2(findings.empty(), findings.empty() ? "" : findings.front().message.c_str());
    }

    // Each case breaks the starter plan with a JSON Patch (tests/data/lint/cases.json) and names the rules
    // that must fire: exactly those, nothing else.
    void brokenPlansRaiseTheirRule_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QStringList>("expected");
        const Result<Json> cases = readJsonFile(PREFLIGHT_TEST_DATA_DIR "/lint/cases.json");
        QVERIFY(cases.ok());
        for (const Json &item : *cases) {
            QStringList expected;
            for (const Json &code : item["expect"])
                expected << QString::fromStdString(code.get<std::string>());
            expected.sort();
            QTest::newRow(item["name"].get<std::string>().c_str())
                << QByteArray::fromStdString(item["patch"].dump()) << expected;
        }
    }
    void brokenPlansRaiseTheirRule()
    {
        QFETCH(QByteArray, patch);
        QFETCH(QStringList, expected);
        const Result<Plan> plan = planFromJson(starterPlanJson().patch(Json::parse(patch.toStdString())));
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().toString().c_str());
        QStringList codes;
        for (const LintFinding &finding : lintPlan(*plan)) {
            codes << QString::fromStdString(finding.code);
            QVERIFY(!finding.message.empty());
            QVERIFY(!finding.fix.empty());
            QVERIFY(finding.pointer.rfind('/', 0) == 0);
        }
        codes.removeDuplicates();
        codes.sort();
        QCOMPARE(codes, expected);
    }

    void errorsAreTheRisksThatBreakJourneys()
    {
        Result<Plan> plan = planFromJson(starterPlanJson());
        QVERIFY(plan.ok());
        plan->events[3].side = SendingSide::Client; // order_completed
        plan->identity.primary = "email";
        std::map<std::string, Severity> severities;
        for (const LintFinding &finding : lintPlan(*plan))
            severities[finding.code] = finding.severity;
        QVERIFY(severities.at(LintCode::PurchaseSentClientSide) == Severity::Error);
        QVERIFY(severities.at(LintCode::EmailPrimaryIdentifier) == Severity::Warning);
    }

    void everyRuleHasACase()
    {
        const Result<Json> cases = readJsonFile(PREFLIGHT_TEST_DATA_DIR "/lint/cases.json");
        QVERIFY(cases.ok());
        QSet<QString> covered;
        for (const Json &item : *cases)
            for (const Json &code : item["expect"])
                covered << QString::fromStdString(code.get<std::string>());
        for (const char *code : {LintCode::EmailPrimaryIdentifier, LintCode::AnonymousNotMerged,
                                 LintCode::CartEventWithoutCartId, LintCode::CartEventWithoutItems,
                                 LintCode::PurchaseWithoutOrderId, LintCode::PurchaseWithoutRevenue,
                                 LintCode::NoRefundOrCancelEvent, LintCode::PurchaseSentClientSide,
                                 LintCode::NearDuplicateEventNames, LintCode::PropertyTypeConflict,
                                 LintCode::TimestampWithoutFormat, LintCode::AttributeWithoutOwner,
                                 LintCode::EventNameConvention, LintCode::PropertyNameConvention})
            QVERIFY2(covered.contains(QString::fromUtf8(code)), code);
    }
};

QTEST_GUILESS_MAIN(TestLint)
#include "TestLint.moc"
