#include "runner/OutboxDrain.h"

#include "outbox/Outbox.h"
#include "transport/Transport.h"

#include <QEventLoop>

namespace preflight {

Result<OutboxSender::Totals> drainOutbox(Outbox &outbox, const std::string &environment, const Credentials &credentials,
                                         const DrainSettings &settings)
{
    Transport transport;
    transport.setTimeoutMs(settings.timeoutMs);
    if (settings.rate > 0) {
        for (Api api : {Api::TrackV1, Api::TrackV2, Api::Pipelines, Api::App})
            transport.setRateLimit(api, settings.rate);
    }
    OutboxSender sender(outbox, transport, environment, credentials);
    sender.batching = settings.batching;
    sender.policy.maxAttempts = settings.maxAttempts;
    QEventLoop loop;
    std::string failure;
    QObject::connect(&sender, &OutboxSender::finished, &loop, &QEventLoop::quit);
    QObject::connect(&sender, &OutboxSender::failed, &loop, [&](const QString &message) {
        failure = message.toStdString();
        loop.quit();
    });
    if (settings.progress)
        QObject::connect(&sender, &OutboxSender::progress, &loop, settings.progress);
    sender.start();
    if (sender.isRunning())
        loop.exec();
    if (!failure.empty())
        return Error{"outbox_failed", failure, outbox.path().toStdString()};
    return sender.totals();
}

} // namespace preflight
