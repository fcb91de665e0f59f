#pragma once

#include "CliCommand.h"

#include <QCommandLineParser>

#include <optional>
#include <string>

// Parses a command's options; prints help (exit 0) or the error (exit 2) itself and returns the exit code
// then, or nothing when the command should go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const char *command, const char *description, int positionalCount);
