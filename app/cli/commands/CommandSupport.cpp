#include "commands/CommandSupport.h"

#include <iostream>

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const char *command, const char *description, int positionalCount)
{
    parser.setApplicationDescription(QString::fromUtf8(description));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList all = arguments;
    all.prepend(QStringLiteral("preflight-cli ") + QString::fromUtf8(command));
    if (!parser.parse(all)) {
        printError(parser.errorText().toStdString());
        return ExitCode::BadInput;
    }
    if (parser.isSet(help)) {
        printHelp(parser);
        return ExitCode::Ok;
    }
    if (parser.positionalArguments().size() != positionalCount) {
        printError(std::string(command) + ": expected " + std::to_string(positionalCount) +
                   " argument(s); see 'preflight-cli " + command + " --help'");
        return ExitCode::BadInput;
    }
    return std::nullopt;
}
