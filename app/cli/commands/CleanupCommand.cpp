#include "SendSupport.h"
#include "commands/CommandSupport.h"

#include "env/TestCustomers.h"
#include "transport/RequestAuth.h"
#include "transport/Transport.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <iostream>
#include <unordered_map>
#include <unordered_set>

using namespace preflight;

namespace {

// Only an identify carries the preflight_test tag, so the search misses people who only ever received
// events. The outbox knows whom this machine delivered calls to: each person whose last delivery (a call
// that creates or updates them) is later than their last acknowledged clean-up delete. A delete that died
// does not count, so the next clean-up tries again. Only requests to the environment's current origins
// count: a name reused for another workspace does not inherit the old one's people.
Result<std::vector<std::string>> sentAndNotDeleted(const QString &outboxPath, const std::string &environment,
                                                   const ApiTarget &target)
{
    if (!QFileInfo::exists(outboxPath))
        return std::vector<std::string>{}; // nothing was sent from here (and a dry run creates nothing)
    Outbox outbox;
    if (Status status = outbox.open(outboxPath); !status)
        return status.error();
    Result<std::vector<OutboxEntry>> done = outbox.list(OutboxState::Done, environment);
    if (!done)
        return done.error();
    std::vector<std::string> order;
    std::unordered_map<std::string, std::int64_t> lastSent;
    std::unordered_map<std::string, std::int64_t> lastDeleted;
    for (const OutboxEntry &entry : *done) {
        if (const std::optional<std::string> deleted = TestCustomers::deletedId(entry.dedupeId)) {
            lastDeleted[*deleted] = std::max(lastDeleted[*deleted], entry.updatedMs);
            continue;
        }
        if (!entry.request.url.starts_with(target.origin(entry.api) + "/"))
            continue;
        for (const std::string &id : TestCustomers::idsIn(entry.request, entry.api)) {
            const auto [it, added] = lastSent.try_emplace(id, entry.updatedMs);
            if (added)
                order.push_back(id);
            it->second = std::max(it->second, entry.updatedMs);
        }
    }
    std::vector<std::string> ids;
    for (const std::string &id : order) {
        const auto deleted = lastDeleted.find(id);
        if (deleted == lastDeleted.end() || lastSent[id] > deleted->second)
            ids.push_back(id);
    }
    return ids;
}

// Ids in the order first given, each once.
class IdList
{
public:
    void add(const std::string &id)
    {
        if (m_seen.insert(id).second)
            m_ids.push_back(id);
    }
    const std::vector<std::string> &ids() const { return m_ids; }

private:
    std::vector<std::string> m_ids;
    std::unordered_set<std::string> m_seen;
};

} // namespace

int runCleanupCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("env"), QStringLiteral("Environment."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Also delete this person id (repeatable)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Only list who would be deleted.")});
    parser.addOption({QStringLiteral("outbox"), QStringLiteral("Outbox file."), QStringLiteral("PATH"),
                      SendSupport::defaultOutboxPath()});
    parser.addOption(
        {QStringLiteral("allow-production"), QStringLiteral("Confirm a production environment.")});
    SendSupport::addDrainOptions(parser);
    if (const auto exit = parseCommandLine(
            parser, arguments, "cleanup",
            QStringLiteral("Delete the test people Preflight sent to an environment: every person the App "
                           "API finds with\n"
                           "preflight_test = true, everyone this outbox delivered calls to there and has not "
                           "deleted since,\n"
                           "and any --id given; deleted through the outbox with Track's DELETE."),
            0))
        return *exit;
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
    const QString outboxPath = parser.value(QStringLiteral("outbox"));
    IdList list;
    for (const QString &id : parser.values(QStringLiteral("id")))
        list.add(id.toStdString());
    Result<std::vector<std::string>> sent = sentAndNotDeleted(outboxPath, name, apiTarget);
    if (!sent) {
        printError(sent.error().toString());
        return ExitCode::BadInput;
    }
    for (const std::string &id : *sent) {
        // Production sends need test ids, so another id here was sent when the name meant another workspace.
        if (target->environment.production && !TestCustomers::isDeletableFromProduction(id)) {
            printError("note: skipping '" + id +
                       "' from the outbox: not a test id, so not deleted from production");
            continue;
        }
        list.add(id);
    }
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
        for (const std::string &id : *found)
            list.add(id);
    } else if (list.ids().empty()) {
        printError(name + ": without an App API key the test people cannot be searched, and this outbox " +
                   "has delivered no one there who is not deleted; pass --id");
        return ExitCode::BadInput;
    } else {
        printError("note: " + name + " has no App API key, so tagged people sent from elsewhere are not " +
                   "searched; only the " + std::to_string(list.ids().size()) + " known here are deleted");
    }
    const std::vector<std::string> &ids = list.ids();
    for (const std::string &id : ids) {
        if (target->environment.production && !TestCustomers::isDeletableFromProduction(id)) {
            printError("refusing to delete '" + id + "' from a production environment: not a test id");
            return ExitCode::BadInput;
        }
    }
    if (dryRun) {
        for (const std::string &id : ids)
            printOut("would delete " + id + "\n");
        return ExitCode::Ok;
    }
    Result<SendSupport::OpenOutbox> open = SendSupport::openOutbox(outboxPath, true);
    if (!open) {
        printError(open.error().toString());
        return ExitCode::BadInput;
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
