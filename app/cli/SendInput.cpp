#include "SendInput.h"

#include "api/Dialect.h"
#include "api/PipelinesRecord.h"
#include "call/DedupeId.h"
#include "common/Json.h"
#include "env/TestCustomers.h"
#include "validate/Validator.h"
#include "workspace/Workspace.h"

#include <cstdio>

using namespace preflight;

namespace SendSupport {

Status CallReader::open()
{
    const bool isStdin = m_path == u"-";
    if (!isStdin)
        m_file.setFileName(m_path);
    if (!(isStdin ? m_file.open(stdin, QIODevice::ReadOnly) : m_file.open(QIODevice::ReadOnly)))
        return Error{"file_unreadable", "cannot read the calls file", m_path.toStdString()};
    return Ok{};
}

Result<std::optional<SourcedCall>> CallReader::next()
{
    while (!m_file.atEnd()) {
        const std::string line = m_file.readLine().trimmed().toStdString();
        ++m_lineNumber;
        if (line.empty())
            continue;
        const std::string where = m_path.toStdString() + ":" + std::to_string(m_lineNumber);
        Result<Json> json = parseJsonLine(line, m_path.toStdString(), m_lineNumber);
        if (!json)
            return json.error();
        // A Pipelines/Segment-style export line, or a call in the canonical form.
        Result<Call> call =
            isPipelinesRecord(*json) ? callFromPipelinesRecord(*json, where) : callFromJson(*json, where);
        if (!call)
            return call.error();
        return std::optional<SourcedCall>{SourcedCall{std::move(*call), where + "\n" + line}};
    }
    return std::optional<SourcedCall>{};
}

Call ReportedCall::toCall() const
{
    Call call;
    call.kind = kind;
    call.dedupeId = dedupeId;
    call.name = name;
    return call;
}

SendInput::SendInput(Settings settings, Source source, std::vector<SourcedCall> extras)
    : m_settings(std::move(settings)), m_source(std::move(source)), m_extras(std::move(extras))
{
}

Error SendInput::refuse(Error error, std::string text)
{
    m_problem = std::move(text);
    return error;
}

Status SendInput::check(const SourcedCall &in)
{
    const Call &call = in.call;
    // An event that arrives more than 72 hours after it happened never triggers a campaign (Customer.io's
    // rule, as the sandbox applies it): counted per name before anything is sent.
    const bool event =
        call.kind == CallKind::Track || call.kind == CallKind::Page || call.kind == CallKind::Screen;
    if (event && call.occurredAt && m_settings.arrivalMs - *call.occurredAt > Workspace::kBackdateLimitMillis)
        ++m_tooOld[call.name.empty() ? std::string(toString(call.kind)) : call.name];
    if (m_settings.production && !TestCustomers::hasTestIdentity(call)) {
        const std::string text = in.where() +
                                 ": in a production environment a test person's id must start with '" +
                                 TestCustomers::kIdPrefix + "' (see docs/sending.md)";
        return refuse(Error{"production_test_identity", text, in.where()}, text);
    }
    if (!m_settings.validator)
        return Ok{};
    bool errors = false, warnings = false;
    for (const Violation &violation : m_settings.validator->validate(call)) {
        const bool error = violation.severity == Severity::Error;
        errors |= error;
        warnings |= !error;
        if (m_findings.size() < kMaxFindingLines)
            m_findings.push_back(in.where() + violation.pointer + ": [" +
                                 std::string(toString(violation.severity)) + "] " + violation.code + ": " +
                                 violation.message +
                                 (violation.suggestion.empty() ? "" : " (" + violation.suggestion + ")"));
        ++m_findingCount;
    }
    m_callsWithErrors += errors;
    m_callsWithWarnings += warnings && !errors;
    return Ok{};
}

Result<std::optional<OutboxEntry>> SendInput::next()
{
    std::optional<SourcedCall> in;
    if (m_source) {
        Result<std::optional<SourcedCall>> read = m_source();
        if (!read)
            return refuse(read.error(), read.error().toString());
        in = std::move(*read);
    }
    if (!in && m_nextExtra < m_extras.size())
        in = std::move(m_extras[m_nextExtra++]);
    if (!in) {
        // The checks that look at the whole input refuse it at its end, before anything is sent.
        if (m_callsWithErrors > 0)
            return refuse(Error{"plan_violations", validationSummary(), ""},
                          validationSummary() + "; nothing was queued");
        if (m_settings.requireTrigger && !m_tooOld.empty())
            return refuse(Error{"events_too_old", tooOldSummary(), ""},
                          "--require-trigger: " + tooOldSummary() + "; nothing was queued");
        return std::optional<OutboxEntry>{};
    }
    Call &call = in->call;
    if (call.dedupeId.empty())
        call.dedupeId = derivedDedupeId(std::string(toString(m_settings.api)) + "\n" + in->source);
    if (m_settings.workspace)
        TestCustomers::tag(call);
    if (Status checked = check(*in); !checked)
        return checked.error();
    Result<HttpRequest> request = dialectFor(m_settings.api).render(call, m_settings.target);
    if (!request)
        return refuse(request.error(), in->where() + ": " + request.error().toString());
    OutboxEntry entry;
    entry.environment = m_settings.environment;
    entry.api = m_settings.api;
    entry.dedupeId = call.dedupeId;
    entry.request = std::move(*request);
    if (m_settings.keepWholeCalls)
        m_wholeCalls.push_back(std::move(call));
    else
        m_reported.push_back({call.kind, call.dedupeId, call.name});
    ++m_count;
    return std::optional<OutboxEntry>{std::move(entry)};
}

std::string SendInput::tooOldSummary() const
{
    if (m_tooOld.empty())
        return {};
    int total = 0;
    std::string names;
    for (const auto &[name, count] : m_tooOld) {
        total += count;
        names += (names.empty() ? "" : ", ") + name + " " + std::to_string(count);
    }
    return std::to_string(total) + (total == 1 ? " event is" : " events are") +
           " older than 72 hours on arrival and can never trigger a campaign: " + names;
}

std::string SendInput::validationSummary() const
{
    return "the plan: " + std::to_string(m_callsWithErrors) + " call(s) with errors, " +
           std::to_string(m_callsWithWarnings) + " with warnings only, " + std::to_string(m_findingCount) +
           " finding(s)";
}

} // namespace SendSupport
