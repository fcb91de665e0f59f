#include "commands/CommandSupport.h"

#include "journeys/Journeys.h"
#include "lint/JourneysLinter.h"
#include "plan/PlanFile.h"
#include "runner/ScenarioRunner.h"
#include "sim/Simulator.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

using namespace preflight;

namespace {

UnixMillis arrivalOf(const Call &call)
{
    return call.arrivedAt.value_or(*call.occurredAt);
}

// Reads a JSONL stream of canonical calls in file order and hands each to `take`, which answers false to
// stop early (this still answers true). Prints what is wrong with the file or its first bad line and
// answers false.
bool readCalls(const std::string &path, const std::function<bool(Call &&)> &take)
{
    std::error_code status;
    if (std::filesystem::is_directory(path, status)) {
        printError(path + ": cannot read file: it is a directory");
        return false;
    }
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        printError(path + ": cannot read file: " + (errno ? std::strerror(errno) : "cannot open it"));
        return false;
    }
    int lineNumber = 0;
    std::string line; // one buffer for every line: a dump has millions
    while (std::getline(file, line)) {
        ++lineNumber;
        if (std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); }))
            continue;
        const std::string where = path + ":" + std::to_string(lineNumber);
        auto json = parseJsonLine(line, path, lineNumber);
        if (!json) {
            printError(json.error().toString());
            return false;
        }
        auto call = callFromJson(std::move(*json), where + "#");
        if (!call) {
            printError(call.error().toString());
            return false;
        }
        if (!call->arrivedAt && !call->occurredAt) {
            printError(where + ": a recorded call needs arrived_at (or occurred_at)");
            return false;
        }
        // Neither the workspace nor the simulator reads a call's context (library, ip, user agent...).
        call->context = Json();
        if (!take(std::move(*call)))
            return true;
    }
    if (file.bad()) { // not the end of the file: a read failed part-way
        printError(path + ": cannot read file after line " + std::to_string(lineNumber));
        return false;
    }
    return true;
}

// Calls, in the order they arrive, through a workspace into the simulator. The simulator takes the
// changes in batches: it fetches the people of the next few ahead of time.
class Replay
{
public:
    Replay(const Journeys &journeys, bool recordTimeline)
        : m_simulator(journeys), m_recordTimeline(recordTimeline)
    {
        m_simulator.setRecordTimeline(recordTimeline);
        m_batch.reserve(kBatch + 64); // most calls make a few changes: this seldom grows
    }

    void feed(Call call) // taken by value: its memory goes back as soon as its changes are made
    {
        const UnixMillis arrivedAt = arrivalOf(call);
        if (m_calls++ == 0)
            m_origin = m_last = arrivedAt;
        m_last = std::max(m_last, arrivedAt);
        ApplyResult applied = m_workspace.apply(call, arrivedAt);
        // With a timeline, an event ignored for its repeated id is shown as ignored.
        if (m_recordTimeline && applied.reason == IgnoreReason::DuplicateEventId) {
            std::string person = personKeyIn(m_workspace, call.identity);
            if (!person.empty())
                m_batch.push_back(
                    ignoredDuplicate(call, std::move(person), arrivedAt, "same id as an earlier event"));
        }
        for (WorkspaceChange &change : applied.changes)
            m_batch.push_back(std::move(change));
        if (m_batch.size() >= kBatch) {
            m_simulator.apply(m_batch);
            m_batch.clear();
        }
    }

    Simulator &finish()
    {
        m_simulator.apply(m_batch);
        m_batch.clear();
        return m_simulator;
    }

    std::size_t calls() const { return m_calls; }
    UnixMillis origin() const { return m_origin; }
    UnixMillis last() const { return m_last; }

private:
    static constexpr std::size_t kBatch = 4096;
    Workspace m_workspace;
    Simulator m_simulator;
    bool m_recordTimeline = true;
    std::vector<WorkspaceChange> m_batch;
    std::size_t m_calls = 0;
    UnixMillis m_origin = 0;
    UnixMillis m_last = 0;
};

} // namespace

int runSimulateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
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
    const QCommandLineOption planOption(
        QStringLiteral("plan"),
        QStringLiteral(
            "Check the journeys against this *.plan.json first (default: the one beside the journeys "
            "file, if there is exactly one)."),
        QStringLiteral("FILE"));
    parser.addOptions({journeysOption, eventsOption, formatOption, untilOption, planOption});
    if (const auto exit = parseCommandLine(parser, arguments, "simulate",
                                           QStringLiteral("Replay a recorded stream of calls (canonical Call "
                                                          "JSON, one per line, with arrived_at) through the "
                                                          "journeys and print the timeline: entries, waits, "
                                                          "sends, suppressions, exits, segment changes."),
                                           0))
        return *exit;
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
    // What the journeys refer to that the plan does not send: shown before the timeline.
    std::vector<LintFinding> findings;
    std::string planPath = parser.value(planOption).toStdString();
    if (planPath.empty()) {
        const QFileInfo journeysFile(parser.value(journeysOption));
        const QStringList beside =
            journeysFile.absoluteDir().entryList({QStringLiteral("*.plan.json")}, QDir::Files);
        if (beside.size() == 1)
            planPath = journeysFile.absoluteDir().filePath(beside.front()).toStdString();
    }
    if (!planPath.empty()) {
        const Result<Plan> plan = loadPlan(planPath);
        if (plan) {
            findings = lintJourneys(*plan, *journeys);
        } else if (parser.isSet(planOption)) {
            printError(plan.error().toString());
            return ExitCode::BadInput;
        } else {
            // A plan that merely lies beside the journeys does not stop the simulation.
            printError("warning: the journeys are not checked against " + planPath + ": " +
                       plan.error().toString());
            planPath.clear();
        }
    }
    const std::string journeysPath = parser.value(journeysOption).toStdString();
    std::optional<UnixMillis> untilOverride;
    if (parser.isSet(untilOption)) {
        untilOverride = parseIso8601(parser.value(untilOption).toStdString());
        if (!untilOverride) {
            printError("--until must be an ISO-8601 date-time with a zone");
            return ExitCode::BadInput;
        }
    }
    const std::string eventsPath = parser.value(eventsOption).toStdString();
    const bool recordTimeline = format != "summary";
    // A workspace sees calls in the order they arrive. A file recorded in that order replays as it is
    // read, holding no calls. Any other file is read again whole, sorted and replayed from the start (up
    // to twice the time when it turns out of order late); so is a pipe, which cannot be read twice.
    std::unique_ptr<Replay> replay;
    std::error_code status;
    bool replayedWhileReading = std::filesystem::is_regular_file(eventsPath, status);
    if (replayedWhileReading) {
        replay = std::make_unique<Replay>(*journeys, recordTimeline);
        UnixMillis previous = std::numeric_limits<UnixMillis>::min();
        const bool fileRead = readCalls(eventsPath, [&](Call &&call) {
            const UnixMillis arrivedAt = arrivalOf(call);
            if (arrivedAt < previous) {
                replayedWhileReading = false;
                return false;
            }
            previous = arrivedAt;
            replay->feed(std::move(call));
            return true;
        });
        if (!fileRead)
            return ExitCode::BadInput;
    }
    if (!replayedWhileReading) {
        replay.reset(); // what was replayed so far, and its memory, goes
        std::vector<Call> calls;
        if (!readCalls(eventsPath, [&](Call &&call) {
                calls.push_back(std::move(call));
                return true;
            }))
            return ExitCode::BadInput;
        std::stable_sort(calls.begin(), calls.end(),
                         [](const Call &a, const Call &b) { return arrivalOf(a) < arrivalOf(b); });
        replay = std::make_unique<Replay>(*journeys, recordTimeline);
        for (Call &call : calls)
            replay->feed(std::move(call));
    }
    Simulator &simulator = replay->finish();
    const UnixMillis origin = replay->origin();
    const UnixMillis until = untilOverride.value_or(replay->last() + 30 * 86'400'000LL);
    simulator.advanceTo(until);
    const Simulator::Stats stats = simulator.stats();
    if (format == "json") {
        Json out{{"origin", toIso8601(origin)}, {"timeline", toJson(simulator.timeline(), origin)}};
        if (!planPath.empty()) {
            out["plan"] = planPath;
            out["findings"] = Json::array();
            for (const LintFinding &finding : findings)
                out["findings"].push_back(toJson<Json>(finding, journeysPath));
        }
        printOut(toFileText(out));
    } else {
        std::string checked;
        for (const LintFinding &finding : findings)
            checked += toText(finding, journeysPath);
        if (!checked.empty())
            printOut("Journeys checked against " + planPath + ":\n" + checked + "\n");
        if (format == "text")
            printOut("Timeline (offsets from " + toIso8601(origin) + "):\n" +
                     formatTimeline(simulator.timeline(), origin));
    }
    if (format != "json")
        printOut(std::to_string(replay->calls()) + " calls, " + std::to_string(stats.people) + " people, " +
                 std::to_string(stats.runsStarted) + " journey runs, " + std::to_string(stats.messagesSent) +
                 " sent, " + std::to_string(stats.messagesSuppressed) + " suppressed, " +
                 std::to_string(stats.exits) + " exits\n");
    return ExitCode::Ok;
}
