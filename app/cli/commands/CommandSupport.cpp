#include "commands/CommandSupport.h"

#include <iostream>

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const char *command, const QString &description, Positionals positionals)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("?"), QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList all = arguments;
    all.prepend(QStringLiteral("preflight-cli ") + QString::fromUtf8(command));
    if (!parser.parse(all)) {
        printError(std::string(command) + ": " + parser.errorText().toStdString());
        return ExitCode::BadInput;
    }
    if (parser.isSet(help)) {
        printHelp(parser);
        return ExitCode::Ok;
    }
    const QStringList given = parser.positionalArguments();
    const int count = int(given.size());
    const bool tooMany = positionals.max != Positionals::kUnbounded && count > positionals.max;
    if (count >= positionals.min && !tooMany)
        return std::nullopt;
    std::string expected;
    if (tooMany && positionals.max == 0)
        expected = "unexpected argument '" + given.front().toStdString() + "'";
    else if (positionals.max == Positionals::kUnbounded)
        expected = "expected at least " + std::to_string(positionals.min) + " argument(s)";
    else if (positionals.min == positionals.max)
        expected = "expected " + std::to_string(positionals.min) + " argument(s)";
    else
        expected = "expected " + std::to_string(positionals.min) + " to " + std::to_string(positionals.max) +
                   " arguments";
    printError(std::string(command) + ": " + expected + "; see 'preflight-cli " + command + " --help'");
    return ExitCode::BadInput;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const char *command, const QString &description, int positionalCount)
{
    return parseCommandLine(parser, arguments, command, description,
                            Positionals{positionalCount, positionalCount});
}
