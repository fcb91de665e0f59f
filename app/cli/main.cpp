#include "BulkMemory.h"
#include "CliCommand.h"

#include <preflight/Version.h>

#include <QCoreApplication>

#include <cstring>
#include <iostream>
#include <string>

namespace {

void printUsage(std::ostream &out)
{
    out << "Usage: preflight-cli <command> [options]\n\n"
           "Preflight checks the behavioural data a team sends to Customer.io: tracking plans, requests,\n"
           "the embedded sandbox and journey simulation.\n\nCommands:\n";
    for (const CliCommand &command : cliCommands()) {
        std::string name = command.name;
        name.resize(std::max<std::size_t>(name.size() + 2, 12), ' ');
        out << "  " << name << command.summary << '\n';
    }
    out << "\nRun 'preflight-cli <command> --help' for a command's options.\n"
           "Exit codes: 0 success, 1 violations or failed expectations, 2 bad input or arguments.\n";
}

// True for `preflight-cli sandbox serve ...`.
bool servesSandbox(int argc, char *argv[])
{
    return argc >= 3 && std::strcmp(argv[1], "sandbox") == 0 && std::strcmp(argv[2], "serve") == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    preflight::useHugePagesForBulkMemory();
    // The standalone sandbox runs on Qt's own event dispatcher: GLib's main loop wakes itself (an extra
    // syscall) every time a socket notifier is switched on or off, which happens twice per request,
    // and costs the server about a tenth of its throughput. It uses no GLib-based service (no keychain).
    if (servesSandbox(argc, argv) && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("preflight"));
    QCoreApplication::setOrganizationName(QStringLiteral("Preflight"));
    QCoreApplication::setApplicationVersion(QString::fromUtf8(preflight::kVersion));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty()) {
        printUsage(std::cerr);
        return ExitCode::BadInput;
    }
    const QString first = arguments.takeFirst();
    if (first == u"--help" || first == u"-h" || first == u"help") {
        printUsage(std::cout);
        return ExitCode::Ok;
    }
    if (first == u"--version" || first == u"-v")
        return cliCommands().front().run({});
    for (const CliCommand &command : cliCommands()) {
        if (first == QLatin1String(command.name))
            return command.run(arguments);
    }
    std::cerr << "preflight-cli: unknown command '" << first.toStdString() << "'\n\n";
    printUsage(std::cerr);
    return ExitCode::BadInput;
}
