#include "CliCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <iostream>

int runVersionCommand(const QStringList &arguments);
int runSimulateCommand(const QStringList &arguments);
int runRunCommand(const QStringList &arguments);
int runRequestCommand(const QStringList &arguments);
int runLintCommand(const QStringList &arguments);
int runDiffCommand(const QStringList &arguments);
int runValidateCommand(const QStringList &arguments);
int runExportCommand(const QStringList &arguments);
int runImportCommand(const QStringList &arguments);
int runSendCommand(const QStringList &arguments);
int runOutboxCommand(const QStringList &arguments);
int runEnvCommand(const QStringList &arguments);
int runCleanupCommand(const QStringList &arguments);
int runSandboxCommand(const QStringList &arguments);

const std::vector<CliCommand> &cliCommands()
{
    static const std::vector<CliCommand> commands = {
        {"version", "Print the version", runVersionCommand},
        {"simulate", "Replay a recorded call stream through the journeys and print the timeline",
         runSimulateCommand},
        {"run", "Run scenarios through the journeys and check their expectations", runRunCommand},
        {"request", "Print the HTTP request a call becomes (no sending)", runRequestCommand},
        {"lint", "Check a tracking plan for retention risks", runLintCommand},
        {"diff", "Classify the changes between two plans and the journeys they break", runDiffCommand},
        {"validate", "Validate a JSONL file of payloads against a tracking plan", runValidateCommand},
        {"export", "Export a plan as JSON Schema or Markdown", runExportCommand},
        {"import", "Build a plan from a JSON Schema bundle", runImportCommand},
        {"send", "Send calls to an environment through the durable outbox", runSendCommand},
        {"outbox", "List, retry or purge outbox entries and dead letters", runOutboxCommand},
        {"env", "List, add, remove or test environments", runEnvCommand},
        {"cleanup", "Delete the test people sent to an environment", runCleanupCommand},
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

void printHelp(const QCommandLineParser &parser)
{
    // The words the user typed before the options: "run", "sandbox serve", ...
    QStringList invoked{QStringLiteral("preflight-cli")};
    const QStringList typed = QCoreApplication::arguments();
    for (qsizetype i = 1; i < typed.size() && !typed[i].startsWith(u'-'); ++i)
        invoked << typed[i];
    QString text = parser.helpText();
    const QString program = typed.isEmpty() ? QString() : typed.constFirst();
    if (text.startsWith(QStringLiteral("Usage: ") + program))
        text.replace(7, program.size(), invoked.join(u' '));
    printOut(text.toStdString());
}
