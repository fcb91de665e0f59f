#include "CallOptions.h"
#include "commands/CommandSupport.h"

#include "api/Dialect.h"

#include <QCommandLineParser>

using namespace preflight;

namespace {

constexpr const char *kDescription =
    "Prints the HTTP request a call becomes on a Customer.io API, without sending it.\n"
    "Credentials are placeholders and secrets are redacted. Exits 2 with the rule and the field when the\n"
    "call breaks a documented limit or lacks what the API requires.\n\n"
    "Examples:\n"
    "  preflight-cli request --api track-v1 --call identify --id 42 --email a@x.co --data "
    "'{\"plan\":\"pro\"}'\n"
    "  preflight-cli request --api track-v1 --call track --email a+b@x.co --name 'Order Completed' \\\n"
    "      --data @order.json --timestamp 2026-11-22T19:00:00Z --format curl\n"
    "  preflight-cli request --api track-v2 --call merge --id 42 --secondary-email old@x.co --region eu\n"
    "  preflight-cli request --api pipelines --call identify --id 42 --anonymous-id anon-1 --format http\n"
    "See docs/requests.md for every call and flag.";

} // namespace

int runRequestCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    addCallOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("format"),
                                        QStringLiteral("json (default), http or curl."),
                                        QStringLiteral("format"), QStringLiteral("json")));
    parser.addOption(QCommandLineOption(QStringLiteral("origin"),
                                        QStringLiteral("Send to this origin instead of Customer.io's "
                                                       "(e.g. the sandbox, http://127.0.0.1:8089)."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("strict"), QStringLiteral("Pipelines: add X-Strict-Mode: 1 (real 400/401 answers).")));
    if (const auto exit = parseCommandLine(parser, arguments, "request", QString::fromUtf8(kDescription), 0))
        return *exit;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != u"json" && format != u"http" && format != u"curl") {
        printError("request: --format: expected json, http or curl");
        return ExitCode::BadInput;
    }
    auto options = callOptionsFrom(parser);
    if (!options) {
        printError("request: " + options.error().toString());
        return ExitCode::BadInput;
    }
    ApiTarget target;
    target.region = options->region;
    target.originOverride = parser.value(QStringLiteral("origin")).toStdString();
    target.pipelinesStrictMode = parser.isSet(QStringLiteral("strict"));
    // Placeholders: the printed request is for reading; `send` supplies the environment's secrets.
    target.credentials = {"SITE_ID", "API_KEY", "WRITE_KEY", "APP_API_KEY"};
    auto request = dialectFor(options->api).render(options->call, target);
    if (!request) {
        const Error &error = request.error();
        printError("request: " + error.toString() + " [" + error.code + "]");
        return ExitCode::BadInput;
    }
    if (format == u"http")
        printOut(toRawHttp(*request) + "\n");
    else if (format == u"curl")
        printOut(toCurl(*request) + "\n");
    else
        printOut(toJson(*request).dump(2) + "\n");
    return ExitCode::Ok;
}
