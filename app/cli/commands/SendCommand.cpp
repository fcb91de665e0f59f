#include "CallOptions.h"
#include "SendSupport.h"
#include "commands/CommandSupport.h"

#include "api/AppApiRequests.h"
#include "api/Dialect.h"
#include "call/DedupeId.h"
#include "env/TestCustomers.h"
#include "outbox/ReadBack.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <iostream>

using namespace preflight;

namespace {

struct Input {
    std::vector<Call> calls;
    std::vector<std::string> sources;
};

Result<Input> readCalls(const QString &path)
{
    QFile file(path);
    const bool isStdin = path == u"-";
    if (!(isStdin ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly)))
        return Error{"file_unreadable", "cannot read the calls file", path.toStdString()};
    Input input;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const std::string line = file.readLine().trimmed().toStdString();
        ++lineNumber;
        if (line.empty())
            continue;
        const std::string where = path.toStdString() + ":" + std::to_string(lineNumber);
        Result<Json> json = parseJsonLine(line, path.toStdString(), lineNumber);
        if (!json)
            return json.error();
        Result<Call> call = callFromJson(*json, where);
        if (!call)
            return call.error();
        input.calls.push_back(std::move(*call));
        input.sources.push_back(where + "\n" + line);
    }
    return input;
}

} // namespace

int runSendCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("env"), QStringLiteral("Environment (default: sandbox)."),
                      QStringLiteral("NAME"), QStringLiteral("sandbox")});
    addCallOptions(parser); // the same flags as `request` (--api, --call, --id, --name, --data ...)
    parser.addOption(
        {QStringLiteral("calls"),
         QStringLiteral("JSONL file of calls in the canonical Call form, one per line ('-': stdin)."),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("call-json"), QStringLiteral("One call in the canonical Call form."),
                      QStringLiteral("JSON")});
    parser.addOption({QStringLiteral("outbox"),
                      QStringLiteral("Outbox file (default: %1).").arg(SendSupport::defaultOutboxPath()),
                      QStringLiteral("PATH"), SendSupport::defaultOutboxPath()});
    parser.addOption({QStringLiteral("allow-production"),
                      QStringLiteral("Confirm sending to an environment flagged production.")});
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

    Input input;
    if (parser.isSet(QStringLiteral("calls"))) {
        Result<Input> read = readCalls(parser.value(QStringLiteral("calls")));
        if (!read) {
            printError(read.error().toString());
            return ExitCode::BadInput;
        }
        input = std::move(*read);
    }
    if (parser.isSet(QStringLiteral("call"))) {
        Result<CallOptions> options = callOptionsFrom(parser);
        if (!options) {
            printError(options.error().toString());
            return ExitCode::BadInput;
        }
        input.calls.push_back(std::move(options->call));
        input.sources.push_back("flags\n" + arguments.join(QLatin1Char(' ')).toStdString());
    }
    if (parser.isSet(QStringLiteral("call-json"))) {
        const std::string text = parser.value(QStringLiteral("call-json")).toStdString();
        Result<Json> json = parseJson(text, "--call-json");
        Result<Call> call = json ? callFromJson(*json, "--call-json") : Result<Call>(json.error());
        if (!call) {
            printError(call.error().toString());
            return ExitCode::BadInput;
        }
        input.calls.push_back(std::move(*call));
        input.sources.push_back("--call-json\n" + text);
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

    // Render everything first: a refused call stops the send before anything is queued.
    const ApiTarget apiTarget = target->environment.target(target->credentials);
    std::vector<OutboxEntry> entries;
    for (std::size_t i = 0; i < input.calls.size(); ++i) {
        Call &call = input.calls[i];
        if (call.dedupeId.empty())
            call.dedupeId = derivedDedupeId(std::string(toString(*api)) + "\n" + input.sources[i]);
        if (target->environment.kind == EnvironmentKind::Workspace)
            TestCustomers::tag(call);
        if (target->environment.production && !TestCustomers::hasTestIdentity(call)) {
            printError(input.sources[i].substr(0, input.sources[i].find('\n')) +
                       ": in a production environment a test "
                       "person's id must start with '" +
                       TestCustomers::kIdPrefix + "' (see docs/sending.md)");
            return ExitCode::BadInput;
        }
        Result<HttpRequest> request = dialectFor(*api).render(call, apiTarget);
        if (!request) {
            printError(input.sources[i].substr(0, input.sources[i].find('\n')) + ": " +
                       request.error().toString());
            return ExitCode::BadInput;
        }
        OutboxEntry entry;
        entry.environment = envName;
        entry.api = *api;
        entry.dedupeId = call.dedupeId;
        entry.request = std::move(*request);
        entries.push_back(std::move(entry));
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
    Result<Outbox::EnqueueReport> queued = outbox.enqueue(entries, QDateTime::currentMSecsSinceEpoch());
    if (!queued) {
        printError(queued.error().toString());
        return ExitCode::Failed;
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
    std::vector<ReadBack::Item> items;
    bool allAcknowledged = true;
    for (std::size_t i = 0; i < input.calls.size(); ++i) {
        Result<OutboxEntry> entry = outbox.entry(queued->ids[i]);
        ReadBack::Item item;
        item.call = input.calls[i];
        item.state = entry ? entry->state : OutboxState::Pending;
        item.status = entry ? entry->lastStatus : 0;
        if (entry && entry->state == OutboxState::Dead)
            item.detail = entry->lastResponse;
        allAcknowledged = allAcknowledged && item.state == OutboxState::Done;
        items.push_back(std::move(item));
    }
    if (parser.isSet(QStringLiteral("read-back"))) {
        const int seconds = parser.value(QStringLiteral("read-back-timeout")).toInt();
        ReadBack::poll(items, apiTarget, seconds > 0 ? seconds * 1000 : 30000);
    }
    for (const ReadBack::Item &item : items)
        printOut(ReadBack::describe(item) + "\n");
    bool allVisible = true;
    for (const ReadBack::Item &item : items)
        allVisible = allVisible && item.visibility != ReadBack::Visibility::Missing;
    return allAcknowledged && allVisible ? ExitCode::Ok : ExitCode::Failed;
}
