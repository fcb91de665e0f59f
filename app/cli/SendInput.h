#pragma once

#include "api/Api.h"
#include "call/Call.h"
#include "common/Result.h"
#include "outbox/OutboxEntry.h"

#include <QFile>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace preflight {
class Validator;
}

namespace SendSupport {

// One call and where it came from ("calls.jsonl:12" and the line): a call without a dedupe id gets one
// derived from it, the same on every run.
struct SourcedCall {
    preflight::Call call;
    std::string source;
    std::string where() const { return source.substr(0, source.find('\n')); }
};

// Reads a calls file (or stdin) one line at a time, so a backfill of any size is held one call at a time:
// canonical Call lines, or Pipelines/Segment-style export lines.
class CallReader
{
public:
    explicit CallReader(QString path) : m_path(std::move(path)) {}
    preflight::Status open();
    // The next call; nullopt at the end of the file.
    preflight::Result<std::optional<SourcedCall>> next();

private:
    QString m_path;
    QFile m_file;
    int m_lineNumber = 0;
};

// What the line about a call after sending needs (ReadBack::describe): a few bytes per call where the
// whole call would be kilobytes.
struct ReportedCall {
    preflight::CallKind kind;
    std::string dedupeId;
    std::string name;
    preflight::Call toCall() const;
};

// The calls of one `send`, one at a time, each made into the outbox entry that sends it: a dedupe id
// derived from its source when it has none, the test tag in a workspace, the production guard, the plan's
// verdict (with a validator) and Customer.io's 72-hour trigger window. A call any check refuses stops the
// input; problem() is then what to print.
class SendInput
{
public:
    struct Settings {
        preflight::Api api = preflight::Api::TrackV1;
        std::string environment;
        bool workspace = false;  // tag test people
        bool production = false; // only test people
        preflight::ApiTarget target;
        const preflight::Validator *validator = nullptr; // --plan
        bool keepWholeCalls = false;                     // --read-back
        bool requireTrigger = false;
        std::int64_t arrivalMs = 0;
    };

    // Where the calls of a file come from (a CallReader's or CsvCallReader's next()); none without a file.
    using Source = std::function<preflight::Result<std::optional<SourcedCall>>()>;

    SendInput(Settings settings, Source source, std::vector<SourcedCall> extras);

    // The next entry; nullopt at the end; an error when a call was refused (see problem()).
    preflight::Result<std::optional<preflight::OutboxEntry>> next();
    const std::optional<std::string> &problem() const { return m_problem; }

    std::size_t count() const { return m_count; }
    std::vector<ReportedCall> &reported() { return m_reported; }
    std::vector<preflight::Call> &wholeCalls() { return m_wholeCalls; }
    // "2 events are older than 72 hours on arrival …: order_completed 2"; empty when there are none.
    std::string tooOldSummary() const;
    // The plan's findings, one line each ("calls.jsonl:3/properties/price: [warning] …"), and a summary.
    const std::vector<std::string> &findings() const { return m_findings; }
    std::string validationSummary() const;

    static constexpr std::size_t kMaxFindingLines = 20;

private:
    preflight::Error refuse(preflight::Error error, std::string text);
    preflight::Status check(const SourcedCall &in);

    Settings m_settings;
    Source m_source;
    std::vector<SourcedCall> m_extras;
    std::size_t m_nextExtra = 0;
    std::optional<std::string> m_problem;
    std::size_t m_count = 0;
    std::vector<ReportedCall> m_reported;
    std::vector<preflight::Call> m_wholeCalls;
    std::map<std::string, int> m_tooOld;
    std::vector<std::string> m_findings;
    std::size_t m_findingCount = 0, m_callsWithErrors = 0, m_callsWithWarnings = 0;
};

} // namespace SendSupport
