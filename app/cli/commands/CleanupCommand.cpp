#include "CliCommand.h"
#include "SendSupport.h"

#include "env/TestCustomers.h"
#include "transport/RequestAuth.h"
#include "transport/Transport.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <iostream>

using namespace preflight;

int runCleanupCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Delete the test people Preflight sent to an environment: every person the App API finds with\n"
        "preflight_test = true (and any --id given), deleted through the outbox with Track's DELETE."));
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
    std::vector<std::string> ids;
    for (const QString &id : parser.values(QStringLiteral("id")))
        ids.push_back(id.toStdString());
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
        ids.insert(ids.end(), found->begin(), found->end());
    } else if (ids.empty()) {
        printError(name + ": without an App API key the test people cannot be searched; pass --id");
        return ExitCode::BadInput;
    }
    for (const std::string &id : ids) {
        if (target->environment.production && !id.starts_with(TestCustomers::kIdPrefix) &&
            !id.starts_with("cio_")) {
            printError("refusing to delete '" + id + "' from a production environment: not a test id");
            return ExitCode::BadInput;
        }
    }
    if (parser.isSet(QStringLiteral("dry-run"))) {
        for (const std::string &id : ids)
            printOut("would delete " + id + "\n");
        return ExitCode::Ok;
    }
    Result<SendSupport::OpenOutbox> open =
        SendSupport::openOutbox(parser.value(QStringLiteral("outbox")), true);
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
        entry.dedupeId = "cleanup:" + id + ":" + std::to_string(now); // a delete is idempotent; one per run
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
