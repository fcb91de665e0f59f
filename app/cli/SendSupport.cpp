#include "SendSupport.h"

#include "CliCommand.h"
#include "env/EnvironmentStore.h"
#include "env/SecretStore.h"
#include "runner/OutboxDrain.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>

#include <QElapsedTimer>
#include <algorithm>

#include <iostream>

#include <unistd.h>

using namespace preflight;

namespace SendSupport {

QString defaultOutboxPath()
{
    return Outbox::defaultPath();
}

Result<Target> resolve(const std::string &name, bool allowProduction, const Plan *plan)
{
    Result<Environment> environment = EnvironmentStore().find(name);
    if (!environment)
        return environment.error();
    if (environment->production && !allowProduction)
        return Error{"production_guard",
                     "'" + name + "' is a production environment: pass --allow-production to send to it",
                     name};
    Result<Credentials> credentials = SecretStore().load(*environment);
    if (!credentials)
        return credentials.error();
    const std::vector<std::string> missing = SecretStore::missingFor(*environment, *credentials);
    if (!missing.empty()) {
        std::string list;
        for (const std::string &variable : missing)
            list += (list.empty() ? "" : ", ") + variable;
        return Error{"secrets_missing", "credentials for '" + name + "' are incomplete; missing: " + list,
                     name};
    }
    Target target{std::move(*environment), std::move(*credentials), nullptr};
    if (Status started = startInProcessSandboxIfNeeded(target, plan); !started)
        return started.error();
    return target;
}

Result<OpenOutbox> openOutbox(const QString &path, bool forSending)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    OpenOutbox open;
    if (forSending) {
        open.lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
        open.lock->setStaleLockTime(
            0); // only a live process holds it; a killed sender's lock is stale at once
        if (!open.lock->tryLock(2000))
            return Error{"outbox_busy", "another preflight-cli is sending from this outbox",
                         path.toStdString()};
    }
    open.outbox = std::make_unique<Outbox>();
    if (Status status = open.outbox->open(path); !status)
        return status.error();
    return open;
}

void addDrainOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("rate"),
                      QStringLiteral("Requests per second per API (default: Track 100, "
                                     "Pipelines 1000, App 10)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("timeout-ms"), QStringLiteral("Timeout of one request (default 30000)."),
                      QStringLiteral("MS")});
    parser.addOption({QStringLiteral("max-attempts"),
                      QStringLiteral("Attempts before an entry is dead-lettered (default 10)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("no-batch"), QStringLiteral("Send Track v2 and Pipelines calls one by one.")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")});
}

Result<DrainOptions> drainOptionsFrom(const QCommandLineParser &parser)
{
    DrainOptions options;
    bool ok = true;
    if (parser.isSet(QStringLiteral("rate"))) {
        options.rate = parser.value(QStringLiteral("rate")).toDouble(&ok);
        if (!ok || options.rate <= 0)
            return Error{"bad_argument", "--rate must be a positive number", "--rate"};
    }
    if (parser.isSet(QStringLiteral("timeout-ms"))) {
        options.timeoutMs = parser.value(QStringLiteral("timeout-ms")).toInt(&ok);
        if (!ok || options.timeoutMs <= 0)
            return Error{"bad_argument", "--timeout-ms must be a positive integer", "--timeout-ms"};
    }
    if (parser.isSet(QStringLiteral("max-attempts"))) {
        options.maxAttempts = parser.value(QStringLiteral("max-attempts")).toInt(&ok);
        if (!ok || options.maxAttempts <= 0)
            return Error{"bad_argument", "--max-attempts must be a positive integer", "--max-attempts"};
    }
    options.batching = !parser.isSet(QStringLiteral("no-batch"));
    options.quiet = parser.isSet(QStringLiteral("quiet"));
    return options;
}

Result<OutboxSender::Totals> drain(Outbox &outbox, const Target &target, const DrainOptions &options)
{
    DrainSettings settings;
    settings.rate = options.rate;
    settings.timeoutMs = options.timeoutMs;
    settings.maxAttempts = options.maxAttempts;
    settings.batching = options.batching;
    // On a terminal the line updates in place; in a log (CI) a plain line every 10 seconds.
    const bool live = !options.quiet && ::isatty(STDERR_FILENO);
    int lastPending = 0;
    QElapsedTimer clock;
    clock.start();
    std::int64_t lastLogged = 0;
    settings.progress = [&](int done, int dead, int pending) {
        lastPending = pending;
        if (options.quiet || (!live && clock.elapsed() - lastLogged < 10'000))
            return;
        lastLogged = clock.elapsed();
        const double seconds = std::max<double>(clock.elapsed(), 1) / 1000.0;
        const double rate = done / seconds;
        std::cerr << (live ? "\r" : "") << "acknowledged " << done << " of "
                  << done + dead + std::max(pending, 0) << " · " << static_cast<long long>(rate) << "/s";
        if (rate > 0 && pending > 0)
            std::cerr << " · ETA " << static_cast<long long>(pending / rate + 0.5) << " s";
        std::cerr << " · dead " << dead << (live ? "   " : "\n") << std::flush;
    };
    Result<OutboxSender::Totals> totals =
        drainOutbox(outbox, target.environment.name, target.credentials, settings);
    if (!options.quiet && totals)
        std::cerr << (live ? "\r" : "") << "acknowledged " << totals->done << ", dead " << totals->dead
                  << ", pending " << std::max(lastPending, 0) << (live ? "            \n" : "\n");
    return totals;
}

} // namespace SendSupport
