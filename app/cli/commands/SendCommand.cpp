#include "CallOptions.h"
#include "CsvCallReader.h"
#include "SendInput.h"
#include "SendSupport.h"
#include "commands/CommandSupport.h"

#include "api/Dialect.h"
#include "outbox/ReadBack.h"
#include "plan/PlanFile.h"
#include "validate/Validator.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QTemporaryDir>

#include <iostream>

using namespace preflight;

using namespace SendSupport;

int runSendCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("env"), QStringLiteral("Environment (default: sandbox)."),
                      QStringLiteral("NAME"), QStringLiteral("sandbox")});
    addCallOptions(parser); // the same flags as `request` (--api, --call, --id, --name, --data ...)
    parser.addOption(
        {QStringLiteral("calls"),
         QStringLiteral("JSONL file of calls, one per line ('-': stdin): the canonical Call form, or "
                        "Pipelines/Segment-style messages ({\"type\": \"track\", \"userId\"…}) as a CDP or "
                        "warehouse exports them."),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("call-json"), QStringLiteral("One call in the canonical Call form."),
                      QStringLiteral("JSON")});
    parser.addOption({QStringLiteral("outbox"),
                      QStringLiteral("Outbox file (default: %1).").arg(SendSupport::defaultOutboxPath()),
                      QStringLiteral("PATH"), SendSupport::defaultOutboxPath()});
    parser.addOption({QStringLiteral("allow-production"),
                      QStringLiteral("Confirm sending to an environment flagged production.")});
    parser.addOption(
        {QStringLiteral("csv-kind"),
         QStringLiteral("--calls is a CSV file with a header row, of people (identify: id, email… "
                        "and attributes) or events (track: id, name, timestamp, event_id and "
                        "properties)."),
         QStringLiteral("people|events")});
    parser.addOption({QStringLiteral("plan"),
                      QStringLiteral("Validate every call against this *.plan.json first; a call with errors "
                                     "stops the send with nothing queued."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Read, check and render every call and say what would be sent; queue "
                                     "and send nothing.")});
    parser.addOption({QStringLiteral("require-trigger"),
                      QStringLiteral("Refuse to send (queue nothing) when an event would arrive more than 72 "
                                     "hours after it happened: Customer.io never lets such an event trigger "
                                     "a campaign.")});
    parser.addOption({QStringLiteral("read-back"),
                      QStringLiteral("After sending, poll the App API until each call is visible.")});
    parser.addOption({QStringLiteral("read-back-timeout"),
                      QStringLiteral("Seconds to wait for read-back (default 30)."), QStringLiteral("S"),
                      QStringLiteral("30")});
    SendSupport::addDrainOptions(parser);
    if (const auto exit = parseCommandLine(
            parser, arguments, "send",
            QStringLiteral(
                "Send calls to an environment through the durable outbox.\n"
                "Every request is written to the outbox before it is sent and leaves it only when "
                "acknowledged;\n"
                "running the same command again after a crash resumes it without sending anything twice."),
            0))
        return *exit;
    const std::optional<Api> api = parser.isSet(QStringLiteral("api"))
                                       ? apiFromString(parser.value(QStringLiteral("api")).toStdString())
                                       : std::optional<Api>(Api::TrackV1);
    if (!api || *api == Api::App) {
        printError("--api: expected track-v1, track-v2 or pipelines");
        return ExitCode::BadInput;
    }
    Result<SendSupport::DrainOptions> drainOptions = SendSupport::drainOptionsFrom(parser);
    if (!drainOptions) {
        printError(drainOptions.error().toString());
        return ExitCode::BadInput;
    }

    std::optional<Plan> plan;
    std::optional<Validator> validator;
    if (parser.isSet(QStringLiteral("plan"))) {
        Result<Plan> loaded = loadPlan(parser.value(QStringLiteral("plan")).toStdString());
        if (!loaded) {
            printError(loaded.error().toString());
            return ExitCode::BadInput;
        }
        plan = std::move(*loaded);
        validator.emplace(*plan);
    }
    std::unique_ptr<CallReader> reader;
    std::unique_ptr<CsvCallReader> csv;
    SendInput::Source source;
    if (parser.isSet(QStringLiteral("calls"))) {
        const QString path = parser.value(QStringLiteral("calls"));
        Status opened = Ok{};
        if (parser.isSet(QStringLiteral("csv-kind"))) {
            const QString kind = parser.value(QStringLiteral("csv-kind"));
            if (kind != u"people" && kind != u"events") {
                printError("--csv-kind: expected people or events");
                return ExitCode::BadInput;
            }
            csv = std::make_unique<CsvCallReader>(
                path, kind == u"people" ? CsvCallReader::Kind::People : CsvCallReader::Kind::Events,
                plan ? &*plan : nullptr);
            opened = csv->open();
            source = [&] { return csv->next(); };
        } else {
            reader = std::make_unique<CallReader>(path);
            opened = reader->open();
            source = [&] { return reader->next(); };
        }
        if (!opened) {
            printError(opened.error().toString());
            return ExitCode::BadInput;
        }
    }
    std::vector<SourcedCall> extras; // --call and --call-json, after the file's
    if (parser.isSet(QStringLiteral("call"))) {
        Result<CallOptions> options = callOptionsFrom(parser);
        if (!options) {
            printError(options.error().toString());
            return ExitCode::BadInput;
        }
        extras.push_back(
            {std::move(options->call), "flags\n" + arguments.join(QLatin1Char(' ')).toStdString()});
    }
    if (parser.isSet(QStringLiteral("call-json"))) {
        const std::string text = parser.value(QStringLiteral("call-json")).toStdString();
        Result<Json> json = parseJson(text, "--call-json");
        Result<Call> call = json ? callFromJson(*json, "--call-json") : Result<Call>(json.error());
        if (!call) {
            printError(call.error().toString());
            return ExitCode::BadInput;
        }
        extras.push_back({std::move(*call), "--call-json\n" + text});
    }

    const std::string envName = parser.value(QStringLiteral("env")).toStdString();
    Result<SendSupport::Target> target =
        SendSupport::resolve(envName, parser.isSet(QStringLiteral("allow-production")));
    if (!target) {
        printError(target.error().toString());
        return ExitCode::BadInput;
    }
    if (!target->environment.uses(*api)) {
        printError("environment '" + envName + "' does not use " + std::string(toString(*api)));
        return ExitCode::BadInput;
    }

    const ApiTarget apiTarget = target->environment.target(target->credentials);
    const bool readBack = parser.isSet(QStringLiteral("read-back"));
    SendInput::Settings settings;
    settings.api = *api;
    settings.environment = envName;
    settings.workspace = target->environment.kind == EnvironmentKind::Workspace;
    settings.production = target->environment.production;
    settings.target = apiTarget;
    settings.validator = validator ? &*validator : nullptr;
    settings.keepWholeCalls = readBack;
    settings.requireTrigger = parser.isSet(QStringLiteral("require-trigger"));
    settings.arrivalMs = QDateTime::currentMSecsSinceEpoch();
    SendInput input(std::move(settings), std::move(source), std::move(extras));
    // Before anything is sent: the plan's findings and the events that can never trigger.
    auto reportChecks = [&] {
        for (const std::string &line : input.findings())
            std::cerr << line << "\n";
        if (validator)
            std::cerr << "checked against " << parser.value(QStringLiteral("plan")).toStdString() << ": "
                      << input.validationSummary() << "\n";
        if (csv && !csv->inferredColumns().empty())
            std::cerr << "typed by their values (the plan does not name them): " << csv->inferredColumns()
                      << "\n";
        if (const std::string tooOld = input.tooOldSummary(); !tooOld.empty())
            std::cerr << "warning: " << tooOld << " (--require-trigger refuses them)\n";
    };

    if (parser.isSet(QStringLiteral("dry-run"))) {
        while (true) {
            Result<std::optional<OutboxEntry>> entry = input.next();
            if (!entry) {
                reportChecks();
                printError(input.problem() ? *input.problem() : entry.error().toString());
                return ExitCode::BadInput;
            }
            if (!*entry)
                break;
        }
        reportChecks();
        std::cerr << "dry run: " << input.count() << " call(s) would be sent to " << toString(*api) << " at "
                  << apiTarget.origin(*api) << " (" << envName << "); nothing was queued or sent\n";
        return ExitCode::Ok;
    }

    // An in-process sandbox lives only as long as this command: its requests go through an outbox of
    // their own, since nothing pending could ever reach that sandbox again.
    QTemporaryDir scratch;
    const QString outboxPath = target->inProcess() ? scratch.filePath(QStringLiteral("outbox.sqlite"))
                                                   : parser.value(QStringLiteral("outbox"));
    if (target->environment.kind == EnvironmentKind::Sandbox && !drainOptions->quiet)
        std::cerr << (target->inProcess() ? "sandbox: started in this process at " : "sandbox: sending to ")
                  << target->environment.origin << "\n";
    Result<SendSupport::OpenOutbox> open = SendSupport::openOutbox(outboxPath, true);
    if (!open) {
        printError(open.error().toString());
        return ExitCode::BadInput;
    }
    Outbox &outbox = *open->outbox;

    // Each call is checked and rendered as it is read and queued in one transaction: a bad or refused call
    // anywhere stops the send before anything is queued, and only one call's request is held at a time.
    Result<Outbox::EnqueueReport> queued =
        outbox.enqueue([&] { return input.next(); }, QDateTime::currentMSecsSinceEpoch());
    reportChecks();
    if (!queued) {
        printError(input.problem() ? *input.problem() : queued.error().toString());
        return input.problem() ? ExitCode::BadInput : ExitCode::Failed;
    }
    if (!drainOptions->quiet)
        std::cerr << "queued " << queued->added << " new, " << queued->alreadyQueued
                  << " already in the outbox\n";
    Result<OutboxSender::Totals> totals = SendSupport::drain(outbox, *target, *drainOptions);
    if (!totals) {
        printError(totals.error().toString());
        return ExitCode::Failed;
    }

    // Per call: acknowledged, dead (refused) or still pending; then optionally visible or missing.
    bool allAcknowledged = true;
    auto itemFor = [&](std::size_t i, Call call) {
        Result<Outbox::Outcome> entry = outbox.outcome(queued->ids[i]);
        ReadBack::Item item;
        item.call = std::move(call);
        item.state = entry ? entry->state : OutboxState::Pending;
        item.status = entry ? entry->lastStatus : 0;
        if (entry && entry->state == OutboxState::Dead)
            item.detail = entry->lastResponse;
        allAcknowledged = allAcknowledged && item.state == OutboxState::Done;
        return item;
    };
    if (!readBack) {
        for (std::size_t i = 0; i < input.reported().size(); ++i)
            printOut(ReadBack::describe(itemFor(i, input.reported()[i].toCall())) + "\n");
        return allAcknowledged ? ExitCode::Ok : ExitCode::Failed;
    }
    std::vector<ReadBack::Item> items;
    for (std::size_t i = 0; i < input.wholeCalls().size(); ++i)
        items.push_back(itemFor(i, std::move(input.wholeCalls()[i])));
    const int seconds = parser.value(QStringLiteral("read-back-timeout")).toInt();
    ReadBack::poll(items, apiTarget, seconds > 0 ? seconds * 1000 : 30000);
    bool allVisible = true;
    for (const ReadBack::Item &item : items) {
        printOut(ReadBack::describe(item) + "\n");
        allVisible = allVisible && item.visibility != ReadBack::Visibility::Missing;
    }
    return allAcknowledged && allVisible ? ExitCode::Ok : ExitCode::Failed;
}
