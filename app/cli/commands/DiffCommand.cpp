#include "commands/CommandSupport.h"

#include "SarifLog.h"

#include "common/CommittedFile.h"
#include "common/Json.h"
#include "common/JsonLocation.h"
#include "journeys/Journeys.h"
#include "lint/JourneyImpact.h"
#include "plan/PlanDiff.h"
#include "plan/PlanFile.h"

#include <QDir>
#include <QFileInfo>

using namespace preflight;

namespace {

struct PlanInput {
    std::string label; // "d2c.plan.json", "origin/main:d2c.plan.json"
    std::string text;
    Plan plan;
};

Result<PlanInput> readPlanInput(const std::string &path, const QString &revision)
{
    PlanInput input;
    Result<std::string> text =
        revision.isEmpty() ? readTextFile(path) : committedFileText(QString::fromStdString(path), revision);
    if (!text)
        return text.error();
    input.label = revision.isEmpty() ? path : revision.toStdString() + ":" + path;
    input.text = std::move(*text);
    Result<Plan> plan = planFromText(input.text, input.label);
    if (!plan)
        return plan.error();
    input.plan = std::move(*plan);
    return input;
}

// A change with where it is in the new file and what in the journeys uses it.
struct Reported {
    PlanChange change;
    int line = 1;
    int column = 1;
    std::vector<JourneyUse> uses;
};

std::string message(const PlanChange &change)
{
    std::string text = change.where + ": " + change.what;
    if (!change.why.empty())
        text += " — " + change.why;
    return text;
}

} // namespace

int runDiffCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: text (default), json, sarif or github."),
                                    QStringLiteral("text|json|sarif|github"), QStringLiteral("text"));
    const QCommandLineOption git(QStringLiteral("git"),
                                 QStringLiteral("Compare PLAN with the same file at this git revision "
                                                "(origin/main, a tag, HEAD~1) instead of a second file."),
                                 QStringLiteral("REV"));
    const QCommandLineOption journeysOption(
        QStringLiteral("journeys"),
        QStringLiteral("Trace each breaking change to what uses it in this *.journeys.json (default: the "
                       "journeys file beside the new plan, when there is exactly one)."),
        QStringLiteral("FILE"));
    parser.addOptions({format, git, journeysOption});
    parser.addPositionalArgument(QStringLiteral("OLD"), QStringLiteral("The plan before (omit with --git)."));
    parser.addPositionalArgument(QStringLiteral("NEW"), QStringLiteral("The plan after."));
    if (const auto exit = parseCommandLine(
            parser, arguments, "diff",
            QStringLiteral(
                "Classifies every change between two plans as breaking, additive or cosmetic, checks "
                "that a breaking change bumps the plan's version, and lists the journeys each "
                "breaking change affects. Exits 0 when nothing breaks, 1 when something does, 2 "
                "on a file that cannot be read."),
            Positionals{1, 2}))
        return *exit;
    const std::string formatName = parser.value(format).toStdString();
    if (formatName != "text" && formatName != "json" && formatName != "sarif" && formatName != "github") {
        printError("diff: --format must be text, json, sarif or github");
        return ExitCode::BadInput;
    }
    const QStringList files = parser.positionalArguments();
    const QString revision = parser.value(git);
    if (revision.isEmpty() != (files.size() == 2)) {
        printError(revision.isEmpty() ? "diff: give OLD and NEW, or --git REV and one PLAN"
                                      : "diff: with --git give one PLAN, compared with itself at REV");
        return ExitCode::BadInput;
    }
    const std::string newPath = files.back().toStdString();
    Result<PlanInput> before =
        readPlanInput(revision.isEmpty() ? files.front().toStdString() : newPath, revision);
    if (!before) {
        printError("diff: " + before.error().toString());
        return ExitCode::BadInput;
    }
    Result<PlanInput> after = readPlanInput(newPath, {});
    if (!after) {
        printError("diff: " + after.error().toString());
        return ExitCode::BadInput;
    }

    std::string journeysPath = parser.value(journeysOption).toStdString();
    if (journeysPath.empty()) {
        const QFileInfoList beside = QFileInfo(QString::fromStdString(newPath))
                                         .absoluteDir()
                                         .entryInfoList({QStringLiteral("*.journeys.json")}, QDir::Files);
        if (beside.size() == 1)
            journeysPath = beside.front().filePath().toStdString();
    }
    std::optional<Journeys> journeys;
    if (!journeysPath.empty()) {
        Result<Journeys> loaded = loadJourneysFile(journeysPath);
        if (!loaded) {
            printError("diff: " + loaded.error().toString());
            return ExitCode::BadInput;
        }
        journeys = std::move(*loaded);
    }

    std::vector<PlanChange> changes = diffPlans(before->plan, after->plan);
    const std::vector<PlanChange> version = versionFindings(before->plan, after->plan, changes);
    std::vector<Reported> reported;
    int breaking = 0;
    int additive = 0;
    int cosmetic = 0;
    for (PlanChange &change : changes) {
        breaking += change.impact == ChangeImpact::Breaking;
        additive += change.impact == ChangeImpact::Additive;
        cosmetic += change.impact == ChangeImpact::Cosmetic;
    }
    changes.insert(changes.end(), version.begin(), version.end());
    for (PlanChange &change : changes) {
        Reported item;
        const auto [line, column] = lineColumnAt(after->text, offsetOfPointer(after->text, change.pointer));
        item.line = line;
        item.column = column;
        if (journeys && change.impact == ChangeImpact::Breaking)
            item.uses = journeyUses(*journeys, change);
        item.change = std::move(change);
        reported.push_back(std::move(item));
    }
    const bool fails = breaking > 0 || !version.empty();

    if (formatName == "json") {
        OrderedJson out = OrderedJson::object();
        out["old"] = before->label;
        out["new"] = after->label;
        out["old_version"] = before->plan.version;
        out["new_version"] = after->plan.version;
        if (journeys)
            out["journeys"] = journeysPath;
        OrderedJson items = OrderedJson::array();
        for (const Reported &item : reported) {
            const PlanChange &change = item.change;
            OrderedJson json = {{"impact", toString(change.impact)},
                                {"kind", toString(change.kind)},
                                {"code", change.code},
                                {"where", change.where},
                                {"what", change.what},
                                {"pointer", change.pointer},
                                {"line", item.line},
                                {"column", item.column}};
            if (!change.why.empty())
                json["why"] = change.why;
            if (!change.advice.empty())
                json["advice"] = change.advice;
            if (!item.uses.empty()) {
                json["journeys"] = OrderedJson::array();
                for (const JourneyUse &use : item.uses)
                    json["journeys"].push_back({{"pointer", use.pointer}, {"what", use.what}});
            }
            items.push_back(std::move(json));
        }
        out["changes"] = std::move(items);
        out["breaking"] = breaking;
        out["additive"] = additive;
        out["cosmetic"] = cosmetic;
        out["version_ok"] = version.empty();
        printOut(toFileText(out));
    } else if (formatName == "sarif") {
        SarifLog log;
        for (const Reported &item : reported) {
            const PlanChange &change = item.change;
            if (change.impact == ChangeImpact::Cosmetic)
                continue;
            std::string text = message(change);
            if (!change.advice.empty())
                text += " " + change.advice;
            for (const JourneyUse &use : item.uses)
                text += " Journey " + journeysPath + "#" + use.pointer + ": " + use.what + ".";
            log.add({change.code,
                     change.impact == ChangeImpact::Breaking ? SarifLog::Level::Error : SarifLog::Level::Note,
                     text, newPath, item.line, item.column, change.pointer});
        }
        printOut(toFileText(log.toJson()));
    } else if (formatName == "github") {
        std::string text;
        for (const Reported &item : reported) {
            const PlanChange &change = item.change;
            if (change.impact == ChangeImpact::Cosmetic)
                continue;
            std::string body = std::string(toString(change.impact)) + ": " + message(change);
            if (!change.advice.empty())
                body += "\n" + change.advice;
            for (const JourneyUse &use : item.uses)
                body += "\n" + journeysPath + "#" + use.pointer + ": " + use.what;
            text += githubAnnotation(
                {change.code,
                 change.impact == ChangeImpact::Breaking ? SarifLog::Level::Error : SarifLog::Level::Note,
                 body, newPath, item.line, item.column, change.pointer});
        }
        printOut(text);
    } else {
        std::string text =
            before->label + " → " + after->label + " (version " + std::to_string(before->plan.version) +
            " → " + std::to_string(after->plan.version) + "): " + std::to_string(breaking) + " breaking, " +
            std::to_string(additive) + " additive, " + std::to_string(cosmetic) + " cosmetic\n";
        for (const Reported &item : reported) {
            const PlanChange &change = item.change;
            std::string impact(toString(change.impact));
            for (char &c : impact)
                c = char(std::toupper(static_cast<unsigned char>(c)));
            impact.resize(9, ' ');
            text += impact + change.where + ": " + change.what + " [" + change.code + "]\n";
            text += "         " + newPath + ":" + std::to_string(item.line) + ":" +
                    std::to_string(item.column) + " (" +
                    (change.pointer.empty() ? std::string("/") : change.pointer) + ")\n";
            if (!change.why.empty())
                text += "         breaks: " + change.why + "\n";
            if (!change.advice.empty())
                text += "         advice: " + change.advice + "\n";
            for (const JourneyUse &use : item.uses)
                text += "         journey: " + journeysPath + "#" + use.pointer + ": " + use.what + "\n";
        }
        printOut(text);
    }
    return fails ? ExitCode::Failed : ExitCode::Ok;
}
