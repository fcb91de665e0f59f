#include "CliCommand.h"
#include "SendSupport.h"

#include "env/TestCustomers.h"
#include "transport/RequestAuth.h"
#include "transport/Transport.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <algorithm>
#include <iostream>
#include <limits>

using namespace preflight;

namespace {

// Everyone the outbox delivered calls to in this environment since its last clean-up: people who only
// received events carry no preflight_test tag, so the search alone misses them.
Result<std::vector<std::string>> idsSentSinceLastCleanup(Outbox &outbox, const std::string &environment)
{
    Result<std::vector<OutboxEntry>> done = outbox.list(OutboxState::Done, environment);
    if (!done)
        return done.error();
    std::int64_t lastCleanup = std::numeric_limits<std::int64_t>::min();
    for (const OutboxEntry &entry : *done) {
        if (TestCustomers::isDeleteDedupeId(entry.dedupeId))
            lastCleanup = std::max(lastCleanup, entry.createdMs);
    }
    std::vector<std::string> ids;
    for (const OutboxEntry &entry : *done) {
        if (entry.createdMs > lastCleanup && !TestCustomers::isDeleteDedupeId(entry.dedupeId)) {
            const std::vector<std::string> about = TestCustomers::idsIn(entry.request, entry.api);
            ids.insert(ids.end(), about.begin(), about.end());
        }
    }
    return ids;
}

void appendNew(std::vector<std::string> &ids, const std::vector<std::string> &more)
{
    for (const std::string &id : more) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(id);
    }
}

} // namespace

int runCleanupCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Delete the test people Preflight sent to an environment: every person the App API finds with\n"
        "preflight_test = true, everyone the outbox delivered calls to since its last clean-up there, and\n"
        "any --id given; deleted through the outbox with Track's DELETE."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("env"), QStringLiteral("Environment."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Also delete this person id (repeatable)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Only list who would be deleted.")});
    parser.addOption({QStringLiteral("outbox"), QStringLiteral("Outbox file."), QStringLiteral("PATH"),
                      SendSupport::defaultOutboxPath()});
    parser.addOption(
        {QStringLiteral("allow-production"), QStringLiteral("Confirm a production environment.")});
    SendSupport::addDrainOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("cleanup")} + arguments)) {
        printError(parser.errorText().toStdString());
        return ExitCode::BadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printHelp(parser);
        return ExitCode::Ok;
    }
    if (!parser.isSet(QStringLiteral("env"))) {
        printError("cleanup: --env NAME is required");
        return ExitCode::BadInput;
    }
    const std::string name = parser.value(QStringLiteral("env")).toStdString();
    Result<SendSupport::Target> target =
        SendSupport::resolve(name, parser.isSet(QStringLiteral("allow-production")));
    if (!target) {
        printError(target.error().toString());
        return ExitCode::BadInput;
    }
    Result<SendSupport::DrainOptions> drainOptions = SendSupport::drainOptionsFrom(parser);
    if (!drainOptions) {
        printError(drainOptions.error().toString());
        return ExitCode::BadInput;
    }
    const ApiTarget apiTarget = target->environment.target(target->credentials);
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    Result<SendSupport::OpenOutbox> open =
        SendSupport::openOutbox(parser.value(QStringLiteral("outbox")), !dryRun);
    if (!open) {
        printError(open.error().toString());
        return ExitCode::BadInput;
    }
    std::vector<std::string> ids;
    for (const QString &id : parser.values(QStringLiteral("id")))
        appendNew(ids, {id.toStdString()});
    Result<std::vector<std::string>> sent = idsSentSinceLastCleanup(*open->outbox, name);
    if (!sent) {
        printError(sent.error().toString());
        return ExitCode::Failed;
    }
    appendNew(ids, *sent);
    if (!target->credentials.appApiKey.empty()) {
        HttpRequest search = TestCustomers::searchRequest(apiTarget);
        RequestAuth::applyCredentials(search, Api::App, target->credentials);
        Transport transport;
        const HttpResponse response = transport.sendAndWait(search, Api::App);
        if (response.status != 200) {
            printError(name + ": the search for test people answered " +
                       (response.status ? std::to_string(response.status) : response.networkError));
            return ExitCode::Failed;
        }
        Result<std::vector<std::string>> found = TestCustomers::idsFromSearch(response.body);
        if (!found) {
            printError(found.error().toString());
            return ExitCode::Failed;
        }
        appendNew(ids, *found);
    } else if (ids.empty()) {
        printError(name + ": without an App API key the test people cannot be searched, and this outbox " +
                   "delivered nothing there since the last clean-up; pass --id");
        return ExitCode::BadInput;
    } else {
        printError("note: " + name + " has no App API key, so tagged people sent from elsewhere are not " +
                   "searched; deleting the " + std::to_string(ids.size()) + " known here");
    }
    for (const std::string &id : ids) {
        if (target->environment.production && !id.starts_with(TestCustomers::kIdPrefix) &&
            !id.starts_with("cio_")) {
            printError("refusing to delete '" + id + "' from a production environment: not a test id");
            return ExitCode::BadInput;
        }
    }
    if (dryRun) {
        for (const std::string &id : ids)
            printOut("would delete " + id + "\n");
        return ExitCode::Ok;
    }
    std::vector<OutboxEntry> entries;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const std::string &id : ids) {
        OutboxEntry entry;
        entry.environment = name;
        entry.api = Api::TrackV1;
        entry.dedupeId = TestCustomers::deleteDedupeId(id, now);
        entry.request = TestCustomers::deleteRequest(apiTarget, id);
        entries.push_back(std::move(entry));
    }
    if (Result<Outbox::EnqueueReport> queued = open->outbox->enqueue(entries, now); !queued) {
        printError(queued.error().toString());
        return ExitCode::Failed;
    }
    Result<OutboxSender::Totals> totals = SendSupport::drain(*open->outbox, *target, *drainOptions);
    if (!totals) {
        printError(totals.error().toString());
        return ExitCode::Failed;
    }
    printOut("deleted " + std::to_string(totals->done) + " test people, " + std::to_string(totals->dead) +
             " refused\n");
    return totals->dead == 0 ? ExitCode::Ok : ExitCode::Failed;
}
