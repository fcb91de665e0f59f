#include "commands/CommandSupport.h"

#include "SarifLog.h"

#include "common/Json.h"
#include "journeys/Journeys.h"
#include "lint/JourneysLinter.h"
#include "lint/PlanLinter.h"
#include "plan/PlanFile.h"

#include <map>

using namespace preflight;

int runLintCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: text (default), json, sarif or github."),
                                    QStringLiteral("text|json|sarif|github"), QStringLiteral("text"));
    const QCommandLineOption journeysOption(
        QStringLiteral("journeys"),
        QStringLiteral("Also check this *.journeys.json against the plan: every event, property, attribute "
                       "and key it refers to."),
        QStringLiteral("FILE"));
    parser.addOptions({format, journeysOption});
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("The *.plan.json file to check."));
    if (const auto exit =
            parseCommandLine(parser, arguments, "lint",
                             "Checks a tracking plan for retention risks and, with --journeys, that "
                             "the journeys refer only to what the plan sends. Exits 1 when a rule of "
                             "severity error fires, 2 on a file that cannot be read.",
                             1))
        return *exit;
    const std::string formatName = parser.value(format).toStdString();
    if (formatName != "text" && formatName != "json" && formatName != "sarif" && formatName != "github") {
        printError("lint: --format must be text, json, sarif or github");
        return ExitCode::BadInput;
    }
    const std::string path = parser.positionalArguments().front().toStdString();
    const Result<Plan> plan = loadPlan(path);
    if (!plan) {
        printError(plan.error().toString());
        return ExitCode::BadInput;
    }
    struct Located {
        const std::string &file;
        LintFinding finding;
    };
    std::vector<Located> findings;
    for (LintFinding &finding : lintPlan(*plan))
        findings.push_back({path, std::move(finding)});
    const std::string journeysPath = parser.value(journeysOption).toStdString();
    if (!journeysPath.empty()) {
        const Result<Journeys> journeys = loadJourneysFile(journeysPath);
        if (!journeys) {
            printError(journeys.error().toString());
            return ExitCode::BadInput;
        }
        for (LintFinding &finding : lintJourneys(*plan, *journeys))
            findings.push_back({journeysPath, std::move(finding)});
    }
    int errors = 0;
    for (const Located &located : findings)
        errors += located.finding.severity == Severity::Error ? 1 : 0;
    if (formatName == "sarif" || formatName == "github") {
        // Locations need the files' text: pointers are mapped back to lines and columns.
        std::map<std::string, std::string> texts;
        SarifLog log;
        std::string annotations;
        for (const auto &[file, finding] : findings) {
            if (!texts.contains(file)) {
                Result<std::string> text = readTextFile(file);
                texts[file] = text ? std::move(*text) : std::string();
            }
            SarifLog::Result result{finding.code,
                                    finding.severity == Severity::Error ? SarifLog::Level::Error
                                                                        : SarifLog::Level::Warning,
                                    finding.message + (finding.fix.empty() ? "" : " Fix: " + finding.fix),
                                    file,
                                    0,
                                    0,
                                    finding.pointer};
            locateInText(result, texts[file]);
            annotations += githubAnnotation(result);
            log.add(std::move(result));
        }
        printOut(formatName == "sarif" ? toFileText(log.toJson()) : annotations);
    } else if (formatName == "json") {
        OrderedJson out = OrderedJson::object();
        out["plan"] = path;
        if (!journeysPath.empty())
            out["journeys"] = journeysPath;
        out["findings"] = OrderedJson::array();
        for (const auto &[file, finding] : findings)
            out["findings"].push_back(toJson<OrderedJson>(finding, file));
        out["errors"] = errors;
        out["warnings"] = static_cast<int>(findings.size()) - errors;
        printOut(toFileText(out));
    } else {
        std::string text;
        for (const auto &[file, finding] : findings)
            text += toText(finding, file);
        text += std::to_string(errors) + " error(s), " + std::to_string(findings.size() - errors) +
                " warning(s)\n";
        printOut(text);
    }
    return errors > 0 ? ExitCode::Failed : ExitCode::Ok;
}
