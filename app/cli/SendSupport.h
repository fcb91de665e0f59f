#pragma once

#include "env/Environment.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxSender.h"
#include "plan/Plan.h"
#include "runner/DeliveryTarget.h"

#include <QCommandLineParser>
#include <QLockFile>
#include <QString>

#include <memory>
#include <string>

// What `send`, `outbox retry` and `cleanup` share: the outbox file, the environment with its
// credentials, the production guard and a drain that reports progress on stderr.
namespace SendSupport {

// $PREFLIGHT_DATA_DIR/outbox.sqlite, else the user's data directory.
QString defaultOutboxPath();

using Target = preflight::DeliveryTarget;
// Resolves the environment and its secrets; refuses a production environment without allowProduction.
// The built-in sandbox with no origin configured starts in this process on a free port (with `plan`).
preflight::Result<Target> resolve(const std::string &name, bool allowProduction,
                                  const preflight::Plan *plan = nullptr);

// Opens the outbox and takes its lock so that two senders never drain the same file at once.
struct OpenOutbox {
    std::unique_ptr<QLockFile> lock;
    std::unique_ptr<preflight::Outbox> outbox;
};
preflight::Result<OpenOutbox> openOutbox(const QString &path, bool forSending);

struct DrainOptions {
    double rate = 0; // requests per second per API; 0: the transport's defaults
    int timeoutMs = 30000;
    int maxAttempts = 10;
    bool batching = true;
    bool quiet = false;
};
void addDrainOptions(QCommandLineParser &parser);
preflight::Result<DrainOptions> drainOptionsFrom(const QCommandLineParser &parser);
// Sends every pending entry of the environment; returns the totals (error if the outbox failed).
preflight::Result<preflight::OutboxSender::Totals> drain(preflight::Outbox &outbox, const Target &target,
                                                         const DrainOptions &options);

} // namespace SendSupport
