#include "commands/CommandSupport.h"

#include "common/Json.h"
#include "plan/PlanFile.h"
#include "schema/JsonSchemaExport.h"
#include "schema/MarkdownExport.h"

using namespace preflight;

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("jsonschema or markdown."),
                                    QStringLiteral("format"), QStringLiteral("jsonschema"));
    const QCommandLineOption draft(QStringLiteral("draft"),
                                   QStringLiteral("JSON Schema draft: 2020-12 (default) or 07."),
                                   QStringLiteral("draft"), QStringLiteral("2020-12"));
    const QCommandLineOption out(
        QStringLiteral("out"),
        QStringLiteral("jsonschema: output directory; markdown: output file (default stdout)."),
        QStringLiteral("path"));
    parser.addOptions({format, draft, out});
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("The *.plan.json file."));
    if (const auto exit =
            parseCommandLine(parser, arguments, "export",
                             "Exports a plan as JSON Schema (one schema per event and a bundle for "
                             "whole payloads: Pipelines track/identify calls and Track v1 "
                             "bodies) or as a Markdown document.",
                             1))
        return *exit;
    const Result<Plan> plan = loadPlan(parser.positionalArguments().front().toStdString());
    if (!plan) {
        printError(plan.error().toString());
        return ExitCode::BadInput;
    }
    const QString formatName = parser.value(format);
    const std::string outPath = parser.value(out).toStdString();
    if (formatName == u"markdown") {
        const std::string text = toMarkdown(*plan);
        if (outPath.empty()) {
            printOut(text);
            return ExitCode::Ok;
        }
        const Status written = writeTextFile(outPath, text);
        if (!written)
            printError(written.error().toString());
        return written ? ExitCode::Ok : ExitCode::BadInput;
    }
    if (formatName != u"jsonschema") {
        printError("export: --format must be jsonschema or markdown");
        return ExitCode::BadInput;
    }
    const QString draftName = parser.value(draft);
    if (draftName != u"2020-12" && draftName != u"07") {
        printError("export: --draft must be 2020-12 or 07");
        return ExitCode::BadInput;
    }
    if (outPath.empty()) {
        printError("export: --out DIR is required for jsonschema");
        return ExitCode::BadInput;
    }
    const Status written = exportJsonSchemas(
        *plan, draftName == u"07" ? SchemaDraft::Draft07 : SchemaDraft::Draft2020_12, outPath);
    if (!written) {
        printError(written.error().toString());
        return ExitCode::BadInput;
    }
    const std::string objects =
        plan->objectTypes.empty() ? std::string()
                                  : ", " + std::to_string(plan->objectTypes.size()) + " object type schemas";
    printOut("wrote " + std::to_string(plan->events.size()) + " event schemas" + objects +
             " and bundle.schema.json to " + outPath + "\n");
    return ExitCode::Ok;
}
