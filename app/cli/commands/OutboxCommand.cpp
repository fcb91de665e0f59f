#include "SendSupport.h"
#include "commands/CommandSupport.h"

#include "common/Json.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <iostream>
#include <set>

using namespace preflight;

namespace {

Json entryJson(const OutboxEntry &entry)
{
    return Json{{"id", entry.id},
                {"environment", entry.environment},
                {"api", std::string(toString(entry.api))},
                {"dedupe_id", entry.dedupeId},
                {"state", std::string(toString(entry.state))},
                {"attempts", entry.attempts},
                {"next_attempt_ms", entry.nextAttemptMs},
                {"last_status", entry.lastStatus},
                {"last_response", entry.lastResponse},
                {"request", Json::parse(toJson(entry.request).dump())}};
}

} // namespace

int runOutboxCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, retry or purge"));
    parser.addOption({QStringLiteral("outbox"), QStringLiteral("Outbox file."), QStringLiteral("PATH"),
                      SendSupport::defaultOutboxPath()});
    parser.addOption(
        {QStringLiteral("state"), QStringLiteral("pending, done or dead."), QStringLiteral("STATE")});
    parser.addOption(
        {QStringLiteral("env"), QStringLiteral("Only this environment."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("list: one JSON object per line.")});
    parser.addOption({QStringLiteral("fixed-request"),
                      QStringLiteral("retry: replace the (single) dead letter's request with this JSON file "
                                     "(the JSON form `outbox list --json` shows under \"request\")."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("allow-production"), QStringLiteral("retry: confirm a production environment.")});
    SendSupport::addDrainOptions(parser);
    if (const auto exit = parseCommandLine(
            parser, arguments, "outbox",
            QStringLiteral(
                "Inspect and manage the outbox.\n"
                "  list   [--state pending|done|dead] [--env NAME] [--json]   entries (dead letters keep the "
                "answer)\n"
                "  retry  [--env NAME] [--fixed-request FILE] [ID...]        re-queue dead letters and send "
                "what is "
                "pending\n"
                "  purge  [--state done|dead|pending] [--env NAME]           delete entries (default: done)"),
            Positionals{0, Positionals::kUnbounded}))
        return *exit;
    QStringList positional = parser.positionalArguments();
    const QString action = positional.isEmpty() ? QString() : positional.takeFirst();
    if (action != u"list" && action != u"retry" && action != u"purge") {
        printError("outbox: expected list, retry or purge");
        return ExitCode::BadInput;
    }
    std::optional<OutboxState> state;
    if (parser.isSet(QStringLiteral("state"))) {
        state = outboxStateFromString(parser.value(QStringLiteral("state")).toStdString());
        if (!state) {
            printError("--state: expected pending, done or dead");
            return ExitCode::BadInput;
        }
    }
    const std::string environment = parser.value(QStringLiteral("env")).toStdString();
    Result<SendSupport::OpenOutbox> open =
        SendSupport::openOutbox(parser.value(QStringLiteral("outbox")), action != u"list");
    if (!open) {
        printError(open.error().toString());
        return ExitCode::BadInput;
    }
    Outbox &outbox = *open->outbox;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();

    if (action == u"list") {
        Result<std::vector<OutboxEntry>> entries = outbox.list(state, environment);
        if (!entries) {
            printError(entries.error().toString());
            return ExitCode::Failed;
        }
        for (const OutboxEntry &entry : *entries) {
            if (parser.isSet(QStringLiteral("json"))) {
                printOut(entryJson(entry).dump() + "\n");
                continue;
            }
            std::string line = std::to_string(entry.id) + "  " + entry.environment + "  " +
                               std::string(toString(entry.api)) + "  " + std::string(toString(entry.state)) +
                               "  attempts " + std::to_string(entry.attempts) + "  " + entry.request.method +
                               " " + entry.request.url;
            if (entry.lastStatus != 0 || !entry.lastResponse.empty())
                line += "  last " + std::to_string(entry.lastStatus) + " " + entry.lastResponse;
            printOut(line + "\n");
        }
        return ExitCode::Ok;
    }

    if (action == u"purge") {
        Result<int> removed = outbox.purge(state.value_or(OutboxState::Done), environment);
        if (!removed) {
            printError(removed.error().toString());
            return ExitCode::Failed;
        }
        printOut("purged " + std::to_string(*removed) + " entries\n");
        return ExitCode::Ok;
    }

    // retry: re-queue the chosen dead letters, then drain every environment that has pending entries.
    Result<std::vector<OutboxEntry>> dead = outbox.list(OutboxState::Dead, environment);
    if (!dead) {
        printError(dead.error().toString());
        return ExitCode::Failed;
    }
    std::set<std::int64_t> chosen;
    for (const QString &id : positional) {
        bool ok = false;
        chosen.insert(id.toLongLong(&ok));
        if (!ok) {
            printError("outbox retry: '" + id.toStdString() + "' is not an entry id");
            return ExitCode::BadInput;
        }
    }
    std::optional<HttpRequest> fixed;
    if (parser.isSet(QStringLiteral("fixed-request"))) {
        if (chosen.size() != 1) {
            printError("--fixed-request needs exactly one entry id");
            return ExitCode::BadInput;
        }
        const std::string path = parser.value(QStringLiteral("fixed-request")).toStdString();
        Result<Json> json = readJsonFile(path);
        Result<HttpRequest> request = json ? httpRequestFromJson(*json) : Result<HttpRequest>(json.error());
        if (!request) {
            printError(request.error().toString());
            return ExitCode::BadInput;
        }
        fixed = std::move(*request);
    }
    for (std::int64_t id : chosen) {
        Result<OutboxEntry> entry = outbox.entry(id);
        if (!entry || entry->state != OutboxState::Dead) {
            printError("outbox retry: entry " + std::to_string(id) + " is not a dead letter");
            return ExitCode::BadInput;
        }
    }
    std::vector<const OutboxEntry *> requeue;
    for (const OutboxEntry &entry : *dead)
        if (chosen.empty() || chosen.contains(entry.id))
            requeue.push_back(&entry);
    Result<SendSupport::DrainOptions> drainOptions = SendSupport::drainOptionsFrom(parser);
    if (!drainOptions) {
        printError(drainOptions.error().toString());
        return ExitCode::BadInput;
    }
    Result<std::vector<OutboxEntry>> pending = outbox.list(OutboxState::Pending, environment);
    if (!pending) {
        printError(pending.error().toString());
        return ExitCode::Failed;
    }
    std::set<std::string> environments;
    for (const OutboxEntry &entry : *pending)
        environments.insert(entry.environment);
    for (const OutboxEntry *entry : requeue)
        environments.insert(entry->environment);
    // Every target is resolved (and the production guard asked) before anything is re-queued, so a refused
    // retry leaves the dead letters exactly as they were.
    std::vector<SendSupport::Target> targets;
    for (const std::string &name : environments) {
        Result<SendSupport::Target> target =
            SendSupport::resolve(name, parser.isSet(QStringLiteral("allow-production")));
        if (!target) {
            printError(target.error().toString());
            printError("outbox retry: nothing was re-queued");
            return ExitCode::BadInput;
        }
        targets.push_back(std::move(*target));
    }
    for (const OutboxEntry *entry : requeue) {
        if (Status status = outbox.requeue(entry->id, fixed, now); !status) {
            printError(status.error().toString());
            return ExitCode::Failed;
        }
    }
    std::cerr << "re-queued " << requeue.size() << " dead letters\n";
    int exitCode = ExitCode::Ok;
    for (std::size_t i = 0; const std::string &name : environments) {
        SendSupport::Target &target = targets[i++];
        Result<OutboxSender::Totals> totals = SendSupport::drain(outbox, target, *drainOptions);
        if (!totals) {
            printError(totals.error().toString());
            return ExitCode::Failed;
        }
        printOut(name + ": acknowledged " + std::to_string(totals->done) + ", dead " +
                 std::to_string(totals->dead) + "\n");
        if (totals->dead > 0)
            exitCode = ExitCode::Failed;
    }
    return exitCode;
}
