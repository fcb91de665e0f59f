#pragma once

#include <QStringList>

#include <functional>
#include <string>
#include <vector>

// Exit codes every command keeps: CI scripts depend on them.
namespace ExitCode {
inline constexpr int Ok = 0;
inline constexpr int Failed = 1;   // violations, failed expectations, lint errors
inline constexpr int BadInput = 2; // unreadable or malformed input, bad arguments
} // namespace ExitCode

struct CliCommand {
    const char *name;
    const char *summary;
    // arguments after the command name; returns the exit code
    std::function<int(const QStringList &arguments)> run;
};

// Every command, in the order `preflight-cli --help` lists them.
const std::vector<CliCommand> &cliCommands();

// Shared helpers for commands.
void printError(const std::string &message);
void printOut(const std::string &text);
// A command's --help: QCommandLineParser names the binary by its path; users type `preflight-cli <command>`.
class QCommandLineParser;
void printHelp(const QCommandLineParser &parser);
