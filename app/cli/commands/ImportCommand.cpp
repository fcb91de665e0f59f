#include "commands/CommandSupport.h"

#include "common/Json.h"
#include "plan/PlanFile.h"
#include "schema/JsonSchemaExport.h"

using namespace preflight;

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The *.plan.json file to write."),
                                 QStringLiteral("plan"));
    parser.addOption(out);
    parser.addPositionalArgument(QStringLiteral("BUNDLE"),
                                 QStringLiteral("A JSON Schema bundle (bundle.schema.json)."));
    if (const auto exit =
            parseCommandLine(parser, arguments, "import",
                             "Builds a tracking plan from a JSON Schema bundle: the one `export` "
                             "writes, or any bundle of event schemas under $defs/definitions.",
                             1))
        return *exit;
    if (!parser.isSet(out)) {
        printError("import: --out PLAN is required");
        return ExitCode::BadInput;
    }
    const std::string path = parser.positionalArguments().front().toStdString();
    const Result<std::string> text = readTextFile(path);
    const Result<OrderedJson> bundle =
        text ? parseOrderedJson(*text, path) : Result<OrderedJson>(text.error());
    if (!bundle) {
        printError(bundle.error().toString());
        return ExitCode::BadInput;
    }
    const Result<Plan> plan = planFromSchemaBundle(*bundle, path);
    if (!plan) {
        printError(plan.error().toString());
        return ExitCode::BadInput;
    }
    const Status written = savePlan(*plan, parser.value(out).toStdString());
    if (!written) {
        printError(written.error().toString());
        return ExitCode::BadInput;
    }
    printOut("wrote " + parser.value(out).toStdString() + " (" + std::to_string(plan->events.size()) +
             " events)\n");
    return ExitCode::Ok;
}
