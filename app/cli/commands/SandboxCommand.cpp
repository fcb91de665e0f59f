#include "commands/CommandSupport.h"

#include "env/Environment.h"
#include "plan/PlanFile.h"
#include "sandbox/SandboxServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <sys/socket.h>
#include <unistd.h>

using namespace preflight;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT/SIGTERM end the event loop from a socket notifier: only async-signal-safe work in the handler.
void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier =
        new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] {
        char byte = 0;
        [[maybe_unused]] auto read = ::read(g_signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

std::string activityLine(const ActivityEntry &entry)
{
    std::string line = QDateTime::fromMSecsSinceEpoch(entry.arrivedAt)
                           .toString(QStringLiteral("HH:mm:ss.zzz"))
                           .toStdString();
    line += ' ' + std::to_string(entry.status) + ' ' + entry.outcome + ' ' + entry.method + ' ' + entry.path;
    if (!entry.person.empty())
        line += " person=" + entry.person;
    if (!entry.eventName.empty())
        line += " event=" + entry.eventName;
    if (!entry.reason.empty())
        line += " (" + entry.reason + ")";
    if (!entry.verdicts.empty())
        line += " violations=" + std::to_string(entry.verdicts.size());
    line += '\n';
    return line;
}

std::string shown(const std::string &value, const std::string &wellKnown)
{
    return value == wellKnown ? value : std::string("(as given)");
}

int runServe(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption port(
        {QStringLiteral("p"), QStringLiteral("port")},
        QStringLiteral("Port to listen on (default %1, the port PREFLIGHT_SANDBOX_ORIGIN examples "
                       "use; 0: any free port).")
            .arg(Environment::kDefaultSandboxPort),
        QStringLiteral("PORT"), QString::number(Environment::kDefaultSandboxPort));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Keep everything in this SQLite file."),
                                QStringLiteral("FILE"));
    const QCommandLineOption plan(QStringLiteral("plan"),
                                  QStringLiteral("Check every request against this plan."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption faults(
        QStringLiteral("faults"),
        QStringLiteral("Inject faults, e.g. latency=50ms,429=10%,retry-after=2,500=5%,"
                       "503=5%,drop=2%,slow-body=200ms,seed=7."),
        QStringLiteral("SPEC"));
    const QCommandLineOption siteId(QStringLiteral("site-id"), QStringLiteral("Track API site id."),
                                    QStringLiteral("S"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"), QStringLiteral("Track API key."),
                                    QStringLiteral("K"));
    const QCommandLineOption writeKey(QStringLiteral("pipelines-key"), QStringLiteral("Pipelines write key."),
                                      QStringLiteral("W"));
    const QCommandLineOption appKey(QStringLiteral("app-key"), QStringLiteral("App API key (Bearer)."),
                                    QStringLiteral("T"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Do not print a line per request."));
    parser.addOptions({port, db, plan, faults, siteId, apiKey, writeKey, appKey, quiet});
    if (const auto exit =
            parseCommandLine(parser, arguments, "sandbox serve",
                             QStringLiteral("Runs a Customer.io-compatible sandbox on loopback: Track API "
                                            "v1/v2, Pipelines and App API read-back "
                                            "at "
                                            "their real paths on one origin, plus /preflight/ for activity "
                                            "queries. See docs/sandbox.md."),
                             0))
        return *exit;

    SandboxConfig config;
    bool portOk = false;
    const uint portValue = parser.value(port).toUInt(&portOk);
    if (!portOk || portValue > 65535) {
        printError("--port: expected a port number, got '" + parser.value(port).toStdString() + "'");
        return ExitCode::BadInput;
    }
    config.port = static_cast<quint16>(portValue);
    config.databasePath = parser.value(db);
    if (parser.isSet(faults)) {
        auto spec = FaultSpec::parse(parser.value(faults).toStdString());
        if (!spec) {
            printError(spec.error().toString());
            return ExitCode::BadInput;
        }
        config.faults = *spec;
    }
    if (parser.isSet(siteId))
        config.credentials.siteId = parser.value(siteId).toStdString();
    if (parser.isSet(apiKey))
        config.credentials.apiKey = parser.value(apiKey).toStdString();
    if (parser.isSet(writeKey))
        config.credentials.writeKey = parser.value(writeKey).toStdString();
    if (parser.isSet(appKey))
        config.credentials.appApiKey = parser.value(appKey).toStdString();

    SandboxServer server(config);
    if (parser.isSet(plan)) {
        auto loaded = loadPlan(parser.value(plan).toStdString());
        if (!loaded) {
            printError(loaded.error().toString());
            return ExitCode::BadInput;
        }
        server.processor().setPlan(*loaded);
    }
    if (auto started = server.start(); !started) {
        printError("sandbox: " + started.error().toString());
        return ExitCode::Failed;
    }
    const Credentials defaults = sandboxTestCredentials();
    const Credentials &c = config.credentials;
    const std::string origin = server.origin().toStdString();
    std::cout << "Preflight sandbox listening on " << origin << "\n"
              << "  Track API v1/v2  " << origin << "/api/v1, " << origin << "/api/v2  (Basic site id '"
              << shown(c.siteId, defaults.siteId) << "', API key '" << shown(c.apiKey, defaults.apiKey)
              << "')\n"
              << "  Pipelines API    " << origin << "/v1  (Basic write key '"
              << shown(c.writeKey, defaults.writeKey) << "', empty password)\n"
              << "  App API          " << origin << "/v1/customers  (Bearer '"
              << shown(c.appApiKey, defaults.appApiKey) << "')\n"
              << "  Activity         " << origin
              << "/preflight/activity  (stream: /preflight/activity/stream)\n"
              << "  Storage          "
              << (config.databasePath.isEmpty()
                      ? std::string("in memory")
                      : config.databasePath.toStdString() + " (" + std::to_string(server.replayedCount()) +
                            " stored requests replayed)")
              << "\n  Plan             "
              << (parser.isSet(plan) ? parser.value(plan).toStdString() : std::string("none"))
              << "\n  Faults           "
              << (config.faults.isEmpty() ? std::string("none") : config.faults.toString())
              << "\nPress Ctrl+C to stop.\n"
              << std::flush;

    if (!parser.isSet(quiet)) {
        QObject::connect(&server.activity(), &ActivityLog::entryAdded, &server,
                         [](const ActivityEntry &entry) { std::cout << activityLine(entry); });
        // Lines are flushed a few times a second rather than per request, which would cost throughput.
        auto *flusher = new QTimer(&server);
        QObject::connect(flusher, &QTimer::timeout, [] { std::cout.flush(); });
        flusher->start(200);
    }
    quitOnSignals();
    QCoreApplication::exec();
    std::cout << "Sandbox stopped.\n" << std::flush;
    return ExitCode::Ok;
}

} // namespace

int runSandboxCommand(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.front() == u"--help" || arguments.front() == u"-h") {
        const std::string usage =
            "Usage: preflight-cli sandbox serve [options]\n\n"
            "Subcommands:\n  serve   Run the Customer.io-compatible sandbox on loopback\n";
        if (arguments.isEmpty()) {
            std::cerr << usage;
            return ExitCode::BadInput;
        }
        printOut(usage);
        return ExitCode::Ok;
    }
    if (arguments.front() == u"serve")
        return runServe(arguments.mid(1));
    printError("sandbox: unknown subcommand '" + arguments.front().toStdString() + "'");
    return ExitCode::BadInput;
}
