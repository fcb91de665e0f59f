#include "CallOptions.h"
#include "SendSupport.h"
#include "commands/CommandSupport.h"

#include "api/AppApiRequests.h"
#include "api/Dialect.h"
#include "api/PipelinesRecord.h"
#include "call/DedupeId.h"
#include "env/TestCustomers.h"
#include "outbox/ReadBack.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <iostream>
#include <map>

using namespace preflight;

namespace {

// One call and where it came from ("calls.jsonl:12" and the line): a call without a dedupe id gets one
// derived from it, the same on every run.
struct SourcedCall {
    Call call;
    std::string source;
    std::string where() const { return source.substr(0, source.find('\n')); }
};

// Reads a calls file (or stdin) one line at a time, so a backfill of any size is held one call at a time.
class CallReader
{
public:
    explicit CallReader(QString path) : m_path(std::move(path)) {}

    Status open()
    {
        const bool isStdin = m_path == u"-";
        if (!isStdin)
            m_file.setFileName(m_path);
        if (!(isStdin ? m_file.open(stdin, QIODevice::ReadOnly) : m_file.open(QIODevice::ReadOnly)))
            return Error{"file_unreadable", "cannot read the calls file", m_path.toStdString()};
        return Ok{};
    }

    // The next call; nullopt at the end of the file.
    Result<std::optional<SourcedCall>> next()
    {
        while (!m_file.atEnd()) {
            const std::string line = m_file.readLine().trimmed().toStdString();
            ++m_lineNumber;
            if (line.empty())
                continue;
            const std::string where = m_path.toStdString() + ":" + std::to_string(m_lineNumber);
            Result<Json> json = parseJsonLine(line, m_path.toStdString(), m_lineNumber);
            if (!json)
                return json.error();
            // A Pipelines/Segment-style export line, or a call in the canonical form.
            Result<Call> call =
                isPipelinesRecord(*json) ? callFromPipelinesRecord(*json, where) : callFromJson(*json, where);
            if (!call)
                return call.error();
            return std::optional<SourcedCall>{SourcedCall{std::move(*call), where + "\n" + line}};
        }
        return std::optional<SourcedCall>{};
    }

private:
    QString m_path;
    QFile m_file;
    int m_lineNumber = 0;
};

// What the line about a call after sending needs (ReadBack::describe): a few bytes per call where the
// whole call would be kilobytes; whole calls are kept only to be read back.
struct ReportedCall {
    CallKind kind;
    std::string dedupeId;
    std::string name;

    Call toCall() const
    {
        Call call;
        call.kind = kind;
        call.dedupeId = dedupeId;
        call.name = name;
        return call;
    }
};

} // namespace

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

    std::optional<CallReader> reader;
    if (parser.isSet(QStringLiteral("calls"))) {
        reader.emplace(parser.value(QStringLiteral("calls")));
        if (Status opened = reader->open(); !opened) {
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

    // Each call is rendered as it is read and queued in one transaction: a bad or refused call anywhere
    // stops the send before anything is queued, and only one call's request is held at a time.
    const ApiTarget apiTarget = target->environment.target(target->credentials);
    const bool readBack = parser.isSet(QStringLiteral("read-back"));
    std::vector<ReportedCall> reported; // without --read-back
    std::vector<Call> toReadBack;       // with it
    std::size_t nextExtra = 0;
    std::optional<std::string> badInput; // what to print when the input stopped the send
    // Events that arrive more than 72 hours after they happened never trigger a campaign (Customer.io's
    // rule, as the sandbox applies it): counted per name before anything is sent.
    const std::int64_t arrival = QDateTime::currentMSecsSinceEpoch();
    const bool requireTrigger = parser.isSet(QStringLiteral("require-trigger"));
    std::map<std::string, int> tooOld;
    auto tooOldText = [&] {
        int total = 0;
        std::string names;
        for (const auto &[name, count] : tooOld) {
            total += count;
            names += (names.empty() ? "" : ", ") + name + " " + std::to_string(count);
        }
        return std::to_string(total) + (total == 1 ? " event is" : " events are") +
               " older than 72 hours on arrival and can never trigger a campaign: " + names;
    };
    auto refuse = [&](Error error, const std::string &text) {
        badInput = text;
        return error;
    };
    auto nextEntry = [&]() -> Result<std::optional<OutboxEntry>> {
        std::optional<SourcedCall> in;
        if (reader) {
            Result<std::optional<SourcedCall>> read = reader->next();
            if (!read)
                return refuse(read.error(), read.error().toString());
            in = std::move(*read);
        }
        if (!in && nextExtra < extras.size())
            in = std::move(extras[nextExtra++]);
        if (!in) {
            if (requireTrigger && !tooOld.empty())
                return refuse(Error{"events_too_old", tooOldText(), ""},
                              "--require-trigger: " + tooOldText() + "; nothing was queued");
            return std::optional<OutboxEntry>{};
        }
        Call &call = in->call;
        const bool event =
            call.kind == CallKind::Track || call.kind == CallKind::Page || call.kind == CallKind::Screen;
        if (event && call.occurredAt && arrival - *call.occurredAt > Workspace::kBackdateLimitMillis)
            ++tooOld[call.name.empty() ? std::string(toString(call.kind)) : call.name];
        if (call.dedupeId.empty())
            call.dedupeId = derivedDedupeId(std::string(toString(*api)) + "\n" + in->source);
        if (target->environment.kind == EnvironmentKind::Workspace)
            TestCustomers::tag(call);
        if (target->environment.production && !TestCustomers::hasTestIdentity(call)) {
            const std::string text = in->where() +
                                     ": in a production environment a test person's id must start with '" +
                                     TestCustomers::kIdPrefix + "' (see docs/sending.md)";
            return refuse(Error{"production_test_identity", text, in->where()}, text);
        }
        Result<HttpRequest> request = dialectFor(*api).render(call, apiTarget);
        if (!request)
            return refuse(request.error(), in->where() + ": " + request.error().toString());
        OutboxEntry entry;
        entry.environment = envName;
        entry.api = *api;
        entry.dedupeId = call.dedupeId;
        entry.request = std::move(*request);
        if (readBack)
            toReadBack.push_back(std::move(call));
        else
            reported.push_back({call.kind, call.dedupeId, call.name});
        return std::optional<OutboxEntry>{std::move(entry)};
    };
    Result<Outbox::EnqueueReport> queued = outbox.enqueue(nextEntry, QDateTime::currentMSecsSinceEpoch());
    if (!queued) {
        printError(badInput ? *badInput : queued.error().toString());
        return badInput ? ExitCode::BadInput : ExitCode::Failed;
    }
    if (!tooOld.empty())
        std::cerr << "warning: " << tooOldText() << " (--require-trigger refuses them)\n";
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
        for (std::size_t i = 0; i < reported.size(); ++i)
            printOut(ReadBack::describe(itemFor(i, reported[i].toCall())) + "\n");
        return allAcknowledged ? ExitCode::Ok : ExitCode::Failed;
    }
    std::vector<ReadBack::Item> items;
    for (std::size_t i = 0; i < toReadBack.size(); ++i)
        items.push_back(itemFor(i, std::move(toReadBack[i])));
    const int seconds = parser.value(QStringLiteral("read-back-timeout")).toInt();
    ReadBack::poll(items, apiTarget, seconds > 0 ? seconds * 1000 : 30000);
    bool allVisible = true;
    for (const ReadBack::Item &item : items) {
        printOut(ReadBack::describe(item) + "\n");
        allVisible = allVisible && item.visibility != ReadBack::Visibility::Missing;
    }
    return allAcknowledged && allVisible ? ExitCode::Ok : ExitCode::Failed;
}
