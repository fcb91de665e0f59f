#include "CliCommand.h"

#include <cstdio>
#include <iostream>

int runVersionCommand(const QStringList &arguments);
int runRequestCommand(const QStringList &arguments);
int runLintCommand(const QStringList &arguments);
int runValidateCommand(const QStringList &arguments);
int runSandboxCommand(const QStringList &arguments);

const std::vector<CliCommand> &cliCommands()
{
    static const std::vector<CliCommand> commands = {
        {"version", "Print the version", runVersionCommand},
        {"request", "Print the HTTP request a call becomes (no sending)", runRequestCommand},
        {"lint", "Check a tracking plan for retention risks", runLintCommand},
        {"validate", "Validate a JSONL file of payloads against a tracking plan", runValidateCommand},
        {"sandbox", "Run the Customer.io-compatible sandbox (sandbox serve)", runSandboxCommand},
    };
    return commands;
}

void printError(const std::string &message)
{
    std::cerr << "preflight-cli: " << message << '\n';
}

void printOut(const std::string &text)
{
    std::cout << text;
}
