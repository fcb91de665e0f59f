#include "commands/CommandSupport.h"

#include "common/Json.h"
#include "lint/PlanLinter.h"
#include "plan/PlanFile.h"

using namespace preflight;

int runLintCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: text (default) or json."),
                                    QStringLiteral("text|json"), QStringLiteral("text"));
    parser.addOption(format);
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("The *.plan.json file to check."));
    if (const auto exit =
            parseCommandLine(parser, arguments, "lint",
                             "Checks a tracking plan for retention risks. Exits 1 when a rule of "
                             "severity error fires.",
                             1))
        return *exit;
    const std::string formatName = parser.value(format).toStdString();
    if (formatName != "text" && formatName != "json") {
        printError("lint: --format must be text or json");
        return ExitCode::BadInput;
    }
    const std::string path = parser.positionalArguments().front().toStdString();
    const Result<Plan> plan = loadPlan(path);
    if (!plan) {
        printError(plan.error().toString());
        return ExitCode::BadInput;
    }
    const std::vector<LintFinding> findings = lintPlan(*plan);
    int errors = 0;
    for (const LintFinding &finding : findings)
        errors += finding.severity == Severity::Error ? 1 : 0;
    if (formatName == "json") {
        OrderedJson out = OrderedJson::object();
        out["plan"] = path;
        out["findings"] = OrderedJson::array();
        for (const LintFinding &finding : findings)
            out["findings"].push_back({{"code", finding.code},
                                       {"severity", toString(finding.severity)},
                                       {"pointer", finding.pointer},
                                       {"message", finding.message},
                                       {"fix", finding.fix}});
        out["errors"] = errors;
        out["warnings"] = static_cast<int>(findings.size()) - errors;
        printOut(toFileText(out));
    } else {
        std::string text;
        for (const LintFinding &finding : findings)
            text += path + "#" + finding.pointer + ": " + std::string(toString(finding.severity)) + " " +
                    finding.code + ": " + finding.message + "\n  fix: " + finding.fix + "\n";
        text += std::to_string(errors) + " error(s), " + std::to_string(findings.size() - errors) +
                " warning(s)\n";
        printOut(text);
    }
    return errors > 0 ? ExitCode::Failed : ExitCode::Ok;
}
