#include "CliCommand.h"

#include <cstdio>
#include <iostream>

int runVersionCommand(const QStringList &arguments);
int runSimulateCommand(const QStringList &arguments);
int runRunCommand(const QStringList &arguments);

const std::vector<CliCommand> &cliCommands()
{
    static const std::vector<CliCommand> commands = {
        {"version", "Print the version", runVersionCommand},
        {"simulate", "Replay a recorded call stream through the journeys and print the timeline", runSimulateCommand},
        {"run", "Run scenarios through the journeys and check their expectations", runRunCommand},
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
