#include "commands/CommandSupport.h"

#include "SarifLog.h"

#include "common/Json.h"
#include "plan/PlanFile.h"
#include "validate/JsonlValidator.h"

#include <cstdio>

using namespace preflight;

namespace {

OrderedJson violationJson(const Violation &violation)
{
    OrderedJson json = OrderedJson::object();
    json["code"] = violation.code;
    json["severity"] = toString(violation.severity);
    json["pointer"] = violation.pointer;
    json["message"] = violation.message;
    if (!violation.expected.empty())
        json["expected"] = violation.expected;
    if (!violation.actual.empty())
        json["actual"] = violation.actual;
    if (!violation.suggestion.empty())
        json["suggestion"] = violation.suggestion;
    return json;
}

std::string violationText(const std::string &where, const Violation &violation)
{
    std::string text = where + ": " + std::string(toString(violation.severity)) + " " + violation.code + " " +
                       (violation.pointer.empty() ? "/" : violation.pointer) + ": " + violation.message;
    if (!violation.suggestion.empty())
        text += " — " + violation.suggestion;
    return text + "\n";
}

void writeOut(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

SarifLog::Result sarifResult(const std::string &file, int line, const Violation &violation)
{
    return {violation.code,
            violation.severity == Severity::Error ? SarifLog::Level::Error : SarifLog::Level::Warning,
            violation.message + (violation.suggestion.empty() ? "" : " — " + violation.suggestion) + " (at " +
                (violation.pointer.empty() ? std::string("/") : violation.pointer) + ")",
            file,
            line,
            0,
            violation.pointer};
}

std::optional<PayloadKind> kindFromName(const std::string &name)
{
    if (name == "auto")
        return PayloadKind::Auto;
    if (name == "track-v1")
        return PayloadKind::TrackV1Event;
    if (name == "pipelines")
        return PayloadKind::PipelinesCall;
    return std::nullopt;
}

} // namespace

int runValidateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: text (default), json, sarif or github."),
                                    QStringLiteral("text|json|sarif|github"), QStringLiteral("text"));
    const QCommandLineOption kind(
        QStringLiteral("kind"),
        QStringLiteral("Payload shape of each line: auto (default), track-v1, pipelines."),
        QStringLiteral("kind"), QStringLiteral("auto"));
    const QCommandLineOption summaryOnly(QStringLiteral("summary-only"),
                                         QStringLiteral("Print only the summary, not each violation."));
    parser.addOptions({format, kind, summaryOnly});
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("The *.plan.json file."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("JSONL payloads, one per line (- = stdin)."));
    if (const auto exit =
            parseCommandLine(parser, arguments, "validate",
                             "Validates every line of a JSONL file against a tracking plan, streaming "
                             "with flat memory. Exits 0 when every line is accepted, 1 when a line "
                             "has an error, 2 when the plan or file cannot be read or a line is not "
                             "JSON.",
                             2))
        return *exit;
    const std::string formatName = parser.value(format).toStdString();
    const std::optional<PayloadKind> payloadKind = kindFromName(parser.value(kind).toStdString());
    if ((formatName != "text" && formatName != "json" && formatName != "sarif" && formatName != "github") ||
        !payloadKind) {
        printError(
            "validate: --format must be text, json, sarif or github, --kind auto, track-v1 or pipelines");
        return ExitCode::BadInput;
    }
    const bool json = formatName == "json";
    // SARIF is one document: its results are kept until the end. GitHub annotations stream.
    const bool sarif = formatName == "sarif";
    const bool github = formatName == "github";
    SarifLog log;
    const bool perLine = !parser.isSet(summaryOnly);
    const std::string planPath = parser.positionalArguments().at(0).toStdString();
    const std::string filePath = parser.positionalArguments().at(1).toStdString();
    const Result<Plan> plan = loadPlan(planPath);
    if (!plan) {
        printError(plan.error().toString());
        return ExitCode::BadInput;
    }
    const Validator validator(*plan);
    const JsonlValidator bulk(validator, *payloadKind);

    bool firstLine = true;
    if (json)
        writeOut("{\n  \"file\": " + Json(validUtf8(filePath)).dump() + ",\n  \"lines\": [");
    const Result<JsonlSummary> summary = bulk.validateFile(filePath, [&](const JsonlLineReport &report) {
        if (report.syntaxError)
            printError(report.syntaxError->toString());
        if (!perLine)
            return;
        if (json) {
            OrderedJson line = OrderedJson::object();
            line["line"] = report.line;
            if (!report.event.empty())
                line["event"] = report.event;
            if (report.syntaxError)
                line["syntax_error"] = {{"where", report.syntaxError->where},
                                        {"message", report.syntaxError->message}};
            line["violations"] = OrderedJson::array();
            for (const Violation &violation : report.violations)
                line["violations"].push_back(violationJson(violation));
            writeOut((firstLine ? "\n    " : ",\n    ") +
                     line.dump(-1, ' ', false, Json::error_handler_t::replace));
            firstLine = false;
            return;
        }
        if (sarif || github) {
            for (const Violation &violation : report.violations) {
                SarifLog::Result result = sarifResult(filePath, int(report.line), violation);
                if (github)
                    writeOut(githubAnnotation(result));
                else
                    log.add(std::move(result));
            }
            return;
        }
        const std::string where = filePath + ":" + std::to_string(report.line);
        for (const Violation &violation : report.violations)
            writeOut(violationText(where, violation));
    });
    if (!summary) {
        if (json)
            writeOut("\n  ]\n}\n");
        printError(summary.error().toString());
        return ExitCode::BadInput;
    }
    if (sarif) {
        writeOut(toFileText(log.toJson()));
    } else if (github) {
        // The annotations are the output; the summary goes where people read it.
        std::fprintf(stderr, "%s: %zu lines, %zu accepted, %zu rejected\n", filePath.c_str(),
                     std::size_t(summary->lines), std::size_t(summary->acceptedLines),
                     std::size_t(summary->rejectedLines));
    } else if (json) {
        OrderedJson out = OrderedJson::object();
        out["lines"] = summary->lines;
        out["bytes"] = summary->bytes;
        out["accepted"] = summary->acceptedLines;
        out["rejected"] = summary->rejectedLines;
        out["syntax_errors"] = summary->syntaxErrors;
        out["by_code"] = OrderedJson::object();
        for (const auto &[code, count] : summary->byCode)
            out["by_code"][code] = count;
        out["by_event"] = OrderedJson::object();
        for (const auto &[event, count] : summary->byEvent)
            out["by_event"][event] = count;
        std::string text = out.dump(2, ' ', false, Json::error_handler_t::replace);
        // Indent the summary object to sit inside the outer document.
        for (std::size_t pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 1))
            text.insert(pos + 1, "  ");
        writeOut(std::string(firstLine ? "" : "\n  ") + "],\n  \"summary\": " + text + "\n}\n");
    } else {
        std::string text = filePath + ": " + std::to_string(summary->lines) + " lines, " +
                           std::to_string(summary->acceptedLines) + " accepted, " +
                           std::to_string(summary->rejectedLines) + " rejected, " +
                           std::to_string(summary->syntaxErrors) + " not JSON\n";
        if (!summary->byCode.empty()) {
            text += "by code:\n";
            for (const auto &[code, count] : summary->byCode)
                text += "  " + code + ": " + std::to_string(count) + "\n";
            text += "by event (lines with violations):\n";
            for (const auto &[event, count] : summary->byEvent)
                text += "  " + event + ": " + std::to_string(count) + "\n";
        }
        writeOut(text);
    }
    std::fflush(stdout);
    if (summary->syntaxErrors > 0)
        return ExitCode::BadInput;
    return summary->rejectedLines > 0 ? ExitCode::Failed : ExitCode::Ok;
}
