#include "scenario/ScenarioResult.h"

#include <QXmlStreamWriter>

namespace preflight {

namespace {

const char *statusName(ExpectationResult::Status status)
{
    switch (status) {
    case ExpectationResult::Status::Passed: return "passed";
    case ExpectationResult::Status::Failed: return "failed";
    case ExpectationResult::Status::Skipped: return "skipped";
    }
    return "unknown";
}

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

std::string_view toString(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Sent: return "sent";
    case DeliveryState::Acknowledged: return "acknowledged";
    case DeliveryState::Visible: return "visible";
    case DeliveryState::Missing: return "missing";
    case DeliveryState::Refused: return "refused";
    }
    return "sent";
}

Json reportToJson(const std::vector<ScenarioResult> &results)
{
    Json scenarios = Json::array();
    int failed = 0;
    for (const ScenarioResult &result : results) {
        Json expectations = Json::array();
        for (const ExpectationResult &expectation : result.expectations)
            expectations.push_back({{"description", expectation.description},
                                    {"status", statusName(expectation.status)},
                                    {"detail", expectation.detail},
                                    {"where", expectation.where}});
        Json violations = Json::array();
        for (const StepViolation &violation : result.violations)
            violations.push_back({{"step", violation.step},
                                  {"code", violation.code},
                                  {"pointer", violation.pointer},
                                  {"message", violation.message}});
        Json deliveries = Json::array();
        for (const CallDelivery &delivery : result.deliveries)
            deliveries.push_back({{"step", delivery.step},
                                  {"kind", delivery.kind},
                                  {"name", delivery.name},
                                  {"dedupe_id", delivery.dedupeId},
                                  {"duplicate", delivery.duplicate},
                                  {"state", toString(delivery.state)},
                                  {"status", delivery.status},
                                  {"detail", delivery.detail},
                                  {"request", delivery.request}});
        failed += result.passed() ? 0 : 1;
        scenarios.push_back({{"name", result.name},
                             {"file", result.file},
                             {"passed", result.passed()},
                             {"target", result.target},
                             {"deliveries", deliveries},
                             {"start", toIso8601(result.origin)},
                             {"expectations", expectations},
                             {"validated", result.validated},
                             {"violations", violations},
                             {"notes", result.notes},
                             {"timeline", toJson(result.timeline, result.origin)}});
    }
    return {{"format", "preflight.run-report/1"},
            {"scenarios", scenarios},
            {"summary",
             {{"scenarios", results.size()},
              {"failed", failed},
              {"passed", static_cast<int>(results.size()) - failed}}}};
}

std::string reportToJUnitXml(const std::vector<ScenarioResult> &results)
{
    QString text;
    QXmlStreamWriter xml(&text);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("preflight run"));
    for (const ScenarioResult &result : results) {
        int failures = 0;
        int skipped = 0;
        for (const ExpectationResult &expectation : result.expectations) {
            failures += expectation.status == ExpectationResult::Status::Failed ? 1 : 0;
            skipped += expectation.status == ExpectationResult::Status::Skipped ? 1 : 0;
        }
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), q(result.name));
        xml.writeAttribute(QStringLiteral("file"), q(result.file));
        xml.writeAttribute(QStringLiteral("tests"), QString::number(result.expectations.size()));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
        xml.writeAttribute(QStringLiteral("time"), QString::number(result.seconds, 'f', 3));
        for (const ExpectationResult &expectation : result.expectations) {
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), q(result.name));
            xml.writeAttribute(QStringLiteral("name"), q(expectation.description));
            if (expectation.status == ExpectationResult::Status::Failed) {
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), q(expectation.description + " — failed"));
                xml.writeCharacters(q(expectation.detail));
                xml.writeEndElement();
            } else if (expectation.status == ExpectationResult::Status::Skipped) {
                xml.writeStartElement(QStringLiteral("skipped"));
                xml.writeAttribute(QStringLiteral("message"), q(expectation.detail));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeTextElement(QStringLiteral("system-out"),
                             q(deliveriesToText(result) + formatTimeline(result.timeline, result.origin)));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return text.toStdString();
}

std::string deliveriesToText(const ScenarioResult &result)
{
    if (result.target.empty())
        return {};
    std::string out = "Delivery to " + result.target + ":\n";
    for (const CallDelivery &delivery : result.deliveries) {
        out += "  step " + std::to_string(delivery.step) + " " + delivery.kind +
               (delivery.name.empty() ? "" : " " + delivery.name) +
               (delivery.duplicate ? " (duplicate)" : "") + " [" + delivery.dedupeId +
               "]: " + std::string(toString(delivery.state));
        if (delivery.status != 0)
            out += " (" + std::to_string(delivery.status) + ")";
        out += delivery.detail.empty() ? "\n" : " — " + delivery.detail + "\n";
    }
    return out;
}

std::string reportToText(const ScenarioResult &result)
{
    std::string out = "Scenario \"" + result.name + "\" (" + result.file + ")\n";
    out += deliveriesToText(result);
    out += "Timeline (start " + toIso8601(result.origin) + "):\n";
    const std::string timeline = formatTimeline(result.timeline, result.origin);
    out += timeline.empty() ? "  (nothing happened in any journey)\n" : "";
    std::size_t start = 0;
    while (start < timeline.size()) {
        const std::size_t end = timeline.find('\n', start);
        out += "  " + timeline.substr(start, end - start) + "\n";
        start = end + 1;
    }
    for (const std::string &note : result.notes)
        out += "Note: " + note + "\n";
    out += "Expectations:\n";
    for (const ExpectationResult &expectation : result.expectations) {
        const char *mark = expectation.status == ExpectationResult::Status::Passed   ? "PASS"
                           : expectation.status == ExpectationResult::Status::Failed ? "FAIL"
                                                                                     : "SKIP";
        out += std::string("  ") + mark + "  " + expectation.description + "\n";
        if (expectation.status != ExpectationResult::Status::Passed) {
            std::string detail = expectation.detail;
            std::size_t position = 0;
            while ((position = detail.find('\n', position)) != std::string::npos) {
                detail.replace(position, 1, "\n        ");
                position += 9;
            }
            out += "        " + detail + "\n";
        }
    }
    out += result.passed() ? "Result: PASSED\n" : "Result: FAILED\n";
    return out;
}

Result<std::vector<ReportedRequest>> requestsInRunReport(const Json &report)
{
    if (!report.is_object() || report.value("format", std::string()) != "preflight.run-report/1")
        return Error{"not_a_run_report", "not a Preflight run report (format preflight.run-report/1)",
                     "/format"};
    const Json scenarios = report.value("scenarios", Json::array());
    if (!scenarios.is_array())
        return Error{"not_a_run_report", "scenarios must be an array", "/scenarios"};
    std::vector<ReportedRequest> out;
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
        const Json deliveries = scenarios[s].value("deliveries", Json::array());
        for (std::size_t d = 0; d < deliveries.size(); ++d) {
            const Json &delivery = deliveries[d];
            if (!delivery.is_object() || !delivery.contains("request") || delivery["request"].is_null())
                continue;
            Result<HttpRequest> request = httpRequestFromJson(delivery["request"]);
            if (!request)
                return Error{request.error().code, request.error().message,
                             "/scenarios/" + std::to_string(s) + "/deliveries/" + std::to_string(d) +
                                 "/request" + request.error().where};
            out.push_back({scenarios[s].value("name", std::string()), delivery.value("step", std::size_t(0)),
                           delivery.value("kind", std::string()), delivery.value("name", std::string()),
                           delivery.value("state", std::string()), std::move(*request)});
        }
    }
    return out;
}

} // namespace preflight
