#include "commands/CommandSupport.h"

#include "SarifLog.h"

#include <cstdio>

#include "SendSupport.h"
#include "journeys/Journeys.h"
#include "lint/JourneysLinter.h"
#include "plan/PlanFile.h"
#include "runner/ScenarioDelivery.h"
#include "runner/ScenarioRunner.h"
#include "scenario/FilesBeside.h"
#include "validate/Validator.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QTemporaryDir>

#include <map>
#include <set>

using namespace preflight;

int runRunCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("SCENARIO"), QStringLiteral("*.scenario.json files."),
                                 QStringLiteral("SCENARIO..."));
    const QCommandLineOption planOption(
        QStringLiteral("plan"), QStringLiteral("The *.plan.json (default: the one beside each scenario)."),
        QStringLiteral("FILE"));
    const QCommandLineOption journeysOption(
        QStringLiteral("journeys"),
        QStringLiteral("The *.journeys.json (default: the one beside each scenario)."),
        QStringLiteral("FILE"));
    const QCommandLineOption envOption(
        QStringLiteral("env"), QStringLiteral("Where calls go: sandbox (default) or an environment name."),
        QStringLiteral("NAME"), QStringLiteral("sandbox"));
    const QCommandLineOption junitOption(QStringLiteral("junit"), QStringLiteral("Write a JUnit XML report."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption reportOption(QStringLiteral("report"), QStringLiteral("Write the JSON report."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption runIdOption(
        QStringLiteral("run-id"),
        QStringLiteral("The value of {{run_id}}; generated uuids derive from it (default: from the clock)."),
        QStringLiteral("ID"));
    const QCommandLineOption apiOption(
        QStringLiteral("api"),
        QStringLiteral(
            "Send with track-v1, track-v2 or pipelines (default: the first the environment uses)."),
        QStringLiteral("API"));
    const QCommandLineOption allowProductionOption(
        QStringLiteral("allow-production"),
        QStringLiteral("Confirm sending to an environment flagged production."));
    const QCommandLineOption outboxOption(QStringLiteral("outbox"),
                                          QStringLiteral("Outbox file for a named environment (default: %1).")
                                              .arg(SendSupport::defaultOutboxPath()),
                                          QStringLiteral("PATH"), SendSupport::defaultOutboxPath());
    const QCommandLineOption readBackTimeoutOption(
        QStringLiteral("read-back-timeout"),
        QStringLiteral("Seconds to wait until every call is visible (default 10)."), QStringLiteral("S"),
        QStringLiteral("10"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("Output: text (default); sarif or github print failed expectations and plan "
                       "violations as SARIF or GitHub annotations, and the report on stderr."),
        QStringLiteral("text|sarif|github"), QStringLiteral("text"));
    parser.addOptions({planOption, journeysOption, envOption, junitOption, reportOption, runIdOption,
                       apiOption, allowProductionOption, outboxOption, readBackTimeoutOption, formatOption});
    if (const auto exit = parseCommandLine(
            parser, arguments, "run",
            QStringLiteral(
                "Run scenarios: expand each step into calls, validate them against the plan, send them "
                "through the "
                "outbox "
                "to the environment (an in-process sandbox by default), read back what landed, replay what "
                "landed through the journeys on a virtual clock, check the expectations and print the "
                "timeline.\n"
                "Exit codes: 0 all expectations pass, 1 any fails, 2 bad input."),
            Positionals{1, Positionals::kUnbounded}))
        return *exit;
    const QStringList paths = parser.positionalArguments();
    const QString format = parser.value(formatOption);
    if (format != u"text" && format != u"sarif" && format != u"github") {
        printError("run: --format must be text, sarif or github");
        return ExitCode::BadInput;
    }
    // With a machine format on stdout, what people read goes to stderr.
    const auto say = [machine = format != u"text"](const std::string &text) {
        if (machine)
            std::fputs(text.c_str(), stderr);
        else
            printOut(text);
    };
    const std::string env = parser.value(envOption).toStdString();
    DeliverySettings delivery;
    delivery.drain.maxAttempts = 10;
    if (parser.isSet(apiOption)) {
        delivery.api = apiFromString(parser.value(apiOption).toStdString());
        if (!delivery.api) {
            printError("--api: expected track-v1, track-v2 or pipelines");
            return ExitCode::BadInput;
        }
    }
    bool timeoutOk = false;
    const int readBackSeconds = parser.value(readBackTimeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || readBackSeconds < 0) {
        printError("--read-back-timeout: expected a number of seconds");
        return ExitCode::BadInput;
    }
    delivery.readBackTimeoutMs = readBackSeconds * 1000;
    ExpandOptions options;
    options.runId =
        parser.isSet(runIdOption)
            ? parser.value(runIdOption).toStdString()
            : "run-" +
                  QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss")).toStdString();

    std::map<std::string, Journeys> journeysByPath;
    std::map<std::string, std::shared_ptr<Validator>> validatorsByPath;
    std::map<std::string, Plan> plansByPath;
    std::set<std::pair<std::string, std::string>> checkedPairs; // (plan, journeys) already linted
    std::vector<ScenarioResult> results;
    for (const QString &path : paths) {
        auto scenario = loadScenarioFile(path.toStdString());
        if (!scenario) {
            printError(scenario.error().toString());
            return ExitCode::BadInput;
        }
        auto journeysPath = parser.isSet(journeysOption)
                                ? Result<std::string>(parser.value(journeysOption).toStdString())
                                : fileBesideScenario(scenario->path, "*.journeys.json", "--journeys");
        if (!journeysPath) {
            printError(journeysPath.error().toString());
            return ExitCode::BadInput;
        }
        if (!journeysByPath.count(*journeysPath)) {
            auto journeys = loadJourneysFile(*journeysPath);
            if (!journeys) {
                printError(journeys.error().toString());
                return ExitCode::BadInput;
            }
            journeysByPath.emplace(*journeysPath, std::move(*journeys));
        }
        // The plan is optional: without one beside the scenario (or --plan), validation is skipped.
        const auto planPath = parser.isSet(planOption)
                                  ? Result<std::string>(parser.value(planOption).toStdString())
                                  : fileBesideScenario(scenario->path, "*.plan.json", "--plan");
        if (!planPath && (parser.isSet(planOption) || planPath.error().code == "ambiguous_file")) {
            printError(planPath.error().toString());
            return ExitCode::BadInput;
        }
        const Plan *plan = nullptr;
        if (planPath) {
            if (!validatorsByPath.count(*planPath)) {
                auto loaded = loadPlan(*planPath);
                if (!loaded) {
                    printError(loaded.error().toString());
                    return ExitCode::BadInput;
                }
                plansByPath.emplace(*planPath, *loaded);
                validatorsByPath.emplace(*planPath, std::make_shared<Validator>(*loaded));
            }
            plan = &plansByPath.at(*planPath);
        }
        // What the journeys refer to that the plan does not send, once per pair, before the first timeline.
        if (plan && checkedPairs.insert({*planPath, *journeysPath}).second) {
            std::string text;
            for (const LintFinding &finding : lintJourneys(*plan, journeysByPath.at(*journeysPath)))
                text += toText(finding, *journeysPath);
            if (!text.empty())
                say("Journeys checked against " + *planPath + ":\n" + text + "\n");
        }
        // One target (and for the built-in sandbox, one in-process sandbox with this scenario's plan) and
        // one outbox per scenario.
        auto target = SendSupport::resolve(env, parser.isSet(allowProductionOption), plan);
        if (!target) {
            printError(target.error().toString());
            return ExitCode::BadInput;
        }
        QTemporaryDir scratch; // an in-process sandbox's outbox lives and dies with it
        const QString outboxPath = target->inProcess() ? scratch.filePath(QStringLiteral("outbox.sqlite"))
                                                       : parser.value(outboxOption);
        auto outbox = SendSupport::openOutbox(outboxPath, true);
        if (!outbox) {
            printError(outbox.error().toString());
            return ExitCode::BadInput;
        }
        auto run = runScenarioDelivered(*scenario, journeysByPath.at(*journeysPath),
                                        planPath ? validatorsByPath.at(*planPath).get() : nullptr, *target,
                                        *outbox->outbox, delivery, options);
        if (!run) {
            printError(run.error().toString());
            return ExitCode::BadInput;
        }
        if (planPath)
            run->notes.push_back("validated against " + *planPath + ": " +
                                 std::to_string(run->violations.size()) + " violation(s)");
        for (const StepViolation &violation : run->violations)
            run->notes.push_back("step " + std::to_string(violation.step) + " " + violation.pointer + ": [" +
                                 violation.code + "] " + violation.message);
        say(reportToText(*run) + "\n");
        results.push_back(std::move(*run));
    }
    if (parser.isSet(reportOption)) {
        auto written =
            writeTextFile(parser.value(reportOption).toStdString(), toFileText(reportToJson(results)));
        if (!written) {
            printError(written.error().toString());
            return ExitCode::BadInput;
        }
    }
    if (parser.isSet(junitOption)) {
        auto written = writeTextFile(parser.value(junitOption).toStdString(), reportToJUnitXml(results));
        if (!written) {
            printError(written.error().toString());
            return ExitCode::BadInput;
        }
    }
    int failed = 0;
    for (const ScenarioResult &result : results)
        failed += result.passed() ? 0 : 1;
    if (format != u"text") {
        SarifLog log;
        std::string annotations;
        for (const ScenarioResult &result : results) {
            Result<std::string> text = readTextFile(result.file);
            const std::string source = text ? *text : std::string();
            const auto report = [&](SarifLog::Result finding) {
                locateInText(finding, source);
                annotations += githubAnnotation(finding);
                log.add(std::move(finding));
            };
            for (const ExpectationResult &expectation : result.expectations)
                if (expectation.status == ExpectationResult::Status::Failed)
                    report({"expectation_failed", SarifLog::Level::Error,
                            expectation.description +
                                (expectation.detail.empty() ? "" : ": " + expectation.detail),
                            result.file, 0, 0, expectation.where.substr(expectation.where.rfind('#') + 1)});
            for (const StepViolation &violation : result.violations)
                report({violation.code, SarifLog::Level::Error,
                        "step " + std::to_string(violation.step) + ": " + violation.message, result.file, 0,
                        0, "/steps/" + std::to_string(violation.step) + violation.pointer});
        }
        printOut(format == u"sarif" ? toFileText(log.toJson()) : annotations);
    }
    say(std::to_string(results.size()) + " scenario(s), " + std::to_string(failed) + " failed\n");
    return failed == 0 ? ExitCode::Ok : ExitCode::Failed;
}
