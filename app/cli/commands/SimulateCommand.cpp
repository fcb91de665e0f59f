#include "CliCommand.h"

#include "journeys/Journeys.h"
#include "sim/Simulator.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace preflight;

int runSimulateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Replay a recorded stream of calls (canonical Call JSON, one per line, with arrived_at) through the "
        "journeys and print the timeline: entries, waits, sends, suppressions, exits, segment changes."));
    parser.addHelpOption();
    const QCommandLineOption journeysOption(
        QStringLiteral("journeys"), QStringLiteral("The *.journeys.json file."), QStringLiteral("FILE"));
    const QCommandLineOption eventsOption(
        QStringLiteral("events"), QStringLiteral("The JSONL stream of calls."), QStringLiteral("FILE"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("text (default), json or summary."),
                                          QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption untilOption(
        QStringLiteral("until"),
        QStringLiteral("Run the clock to this ISO-8601 time (default: 30 days after the last arrival)."),
        QStringLiteral("TIME"));
    parser.addOptions({journeysOption, eventsOption, formatOption, untilOption});
    if (!parser.parse(QStringList{QStringLiteral("preflight-cli simulate")} + arguments)) {
        printError(parser.errorText().toStdString());
        return ExitCode::BadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printHelp(parser);
        return ExitCode::Ok;
    }
    if (!parser.isSet(journeysOption) || !parser.isSet(eventsOption)) {
        printError("simulate needs --journeys FILE and --events FILE.jsonl");
        return ExitCode::BadInput;
    }
    const std::string format = parser.value(formatOption).toStdString();
    if (format != "text" && format != "json" && format != "summary") {
        printError("--format must be text, json or summary");
        return ExitCode::BadInput;
    }
    auto journeys = loadJourneysFile(parser.value(journeysOption).toStdString());
    if (!journeys) {
        printError(journeys.error().toString());
        return ExitCode::BadInput;
    }
    const std::string eventsPath = parser.value(eventsOption).toStdString();
    std::error_code status;
    if (std::filesystem::is_directory(eventsPath, status)) {
        printError(eventsPath + ": cannot read file: it is a directory");
        return ExitCode::BadInput;
    }
    errno = 0;
    std::ifstream file(eventsPath, std::ios::binary);
    if (!file) {
        printError(eventsPath + ": cannot read file: " + (errno ? std::strerror(errno) : "cannot open it"));
        return ExitCode::BadInput;
    }
    std::vector<Call> calls;
    int lineNumber = 0;
    std::string line; // one buffer for every line: a dump has millions
    while (std::getline(file, line)) {
        ++lineNumber;
        if (std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); }))
            continue;
        const std::string origin = eventsPath + ":" + std::to_string(lineNumber);
        auto json = parseJson(line, "");
        if (!json) {
            // The line parses alone, so its "line 1" is this file's line; keep the column.
            Error error = json.error();
            error.where = origin + error.where.substr(error.where.rfind(':'));
            printError(error.toString());
            return ExitCode::BadInput;
        }
        auto call = callFromJson(std::move(*json), origin + "#");
        if (!call) {
            printError(call.error().toString());
            return ExitCode::BadInput;
        }
        if (!call->arrivedAt && !call->occurredAt) {
            printError(origin + ": a recorded call needs arrived_at (or occurred_at)");
            return ExitCode::BadInput;
        }
        // Neither the workspace nor the simulator reads a call's context (library, ip, user agent...):
        // a dump's calls are all held until sorted, so they keep only what is used.
        call->context = Json();
        calls.push_back(std::move(*call));
    }
    if (file.bad()) { // not the end of the file: a read failed part-way
        printError(eventsPath + ": cannot read file after line " + std::to_string(lineNumber));
        return ExitCode::BadInput;
    }
    // A workspace sees calls in the order they arrive, whatever order they were recorded in.
    std::stable_sort(calls.begin(), calls.end(), [](const Call &a, const Call &b) {
        return a.arrivedAt.value_or(*a.occurredAt) < b.arrivedAt.value_or(*b.occurredAt);
    });
    Workspace workspace;
    Simulator simulator(*journeys);
    simulator.setRecordTimeline(format != "summary");
    UnixMillis origin = calls.empty() ? 0 : calls.front().arrivedAt.value_or(*calls.front().occurredAt);
    UnixMillis last = origin;
    // The simulator takes changes in batches: it fetches the people of the next few ahead of time.
    constexpr std::size_t kBatch = 4096;
    std::vector<WorkspaceChange> batch;
    batch.reserve(kBatch + 64); // most calls make a few changes: this seldom grows
    for (Call &call : calls) {
        const UnixMillis arrivedAt = call.arrivedAt.value_or(*call.occurredAt);
        last = std::max(last, arrivedAt);
        for (WorkspaceChange &change : workspace.apply(call, arrivedAt).changes)
            batch.push_back(std::move(change));
        call = Call(); // its changes hold copies: free its memory now, for what comes next
        if (batch.size() >= kBatch) {
            simulator.apply(batch);
            batch.clear();
        }
    }
    simulator.apply(batch);
    UnixMillis until = last + 30 * 86'400'000LL;
    if (parser.isSet(untilOption)) {
        const auto parsed = parseIso8601(parser.value(untilOption).toStdString());
        if (!parsed) {
            printError("--until must be an ISO-8601 date-time with a zone");
            return ExitCode::BadInput;
        }
        until = *parsed;
    }
    simulator.advanceTo(until);
    const Simulator::Stats stats = simulator.stats();
    if (format == "json") {
        printOut(toFileText(
            Json{{"origin", toIso8601(origin)}, {"timeline", toJson(simulator.timeline(), origin)}}));
    } else if (format == "text") {
        printOut("Timeline (offsets from " + toIso8601(origin) + "):\n" +
                 formatTimeline(simulator.timeline(), origin));
    }
    if (format != "json")
        printOut(std::to_string(calls.size()) + " calls, " + std::to_string(stats.people) + " people, " +
                 std::to_string(stats.runsStarted) + " journey runs, " + std::to_string(stats.messagesSent) +
                 " sent, " + std::to_string(stats.messagesSuppressed) + " suppressed, " +
                 std::to_string(stats.exits) + " exits\n");
    return ExitCode::Ok;
}
