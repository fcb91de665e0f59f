#pragma once

#include "CliCommand.h"

#include <QCommandLineParser>

#include <optional>
#include <string>

// How many positional arguments a command takes.
struct Positionals {
    static constexpr int kUnbounded = -1;
    int min = 0;
    int max = 0; // kUnbounded: any number from min
};

// Parses a command's options after adding -h/--help and the description; prints help (exit 0) or the
// error (exit 2) itself and returns the exit code then, or nothing when the command should go on.
// `command` is what the user typed after preflight-cli ("run", "sandbox serve").
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const char *command, const QString &description, Positionals positionals);
// The same with exactly `positionalCount` positional arguments.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const char *command, const QString &description, int positionalCount);
