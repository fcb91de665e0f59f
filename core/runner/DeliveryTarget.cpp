#include "runner/DeliveryTarget.h"

#include "plan/Plan.h"
#include "sandbox/SandboxServer.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace preflight {

std::string DeliveryTarget::describe() const
{
    if (inProcess())
        return environment.name + " (in-process, " + environment.origin + ")";
    return environment.name + " (" +
           (environment.origin.empty()
                ? std::string("customer.io, ") + std::string(toString(environment.region))
                : environment.origin) +
           ")";
}

bool sandboxAnswersAt(const std::string &origin, int timeoutMs)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QString::fromStdString(origin) + QStringLiteral("/preflight/health")));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const bool answered = reply->error() == QNetworkReply::NoError &&
                          reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 &&
                          reply->readAll().contains("\"status\"");
    reply->deleteLater();
    return answered;
}

Status startInProcessSandboxIfNeeded(DeliveryTarget &target, const Plan *plan)
{
    if (!target.environment.needsInProcessSandbox())
        return Ok{};
    // A sandbox already serving the default origin (`sandbox serve`, the console's) takes the calls, so
    // what this command sends stays visible there after it exits.
    const bool forcedInProcess = qgetenv("PREFLIGHT_SANDBOX_ORIGIN") == Environment::kInProcessOrigin;
    if (!forcedInProcess && sandboxAnswersAt(Environment::kDefaultSandboxOrigin, 1500)) {
        target.environment.origin = Environment::kDefaultSandboxOrigin;
        target.credentials = sandboxTestCredentials();
        return Ok{};
    }
    SandboxConfig config; // port 0: any free port; in memory
    auto server = std::make_shared<SandboxServer>(config);
    if (plan)
        server->processor().setPlan(*plan);
    if (Status started = server->start(); !started)
        return Error{"sandbox_start", "cannot start the in-process sandbox: " + started.error().message,
                     started.error().where};
    target.environment.origin = server->origin().toStdString();
    target.credentials = sandboxTestCredentials();
    target.inProcessSandbox = std::move(server);
    return Ok{};
}

} // namespace preflight
