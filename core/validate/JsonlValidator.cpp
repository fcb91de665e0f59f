#include "validate/JsonlValidator.h"

#include "validate/EnvelopeRules.h"
#include "validate/SimdValueView.h"

#include <cstdio>
#include <cstring>

namespace preflight {

namespace {

struct FileCloser {
    void operator()(std::FILE *file) const
    {
        if (file && file != stdin)
            std::fclose(file);
    }
};

bool isBlank(const char *data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i)
        if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r')
            return false;
    return true;
}

// Whether the line may hold a number no double can hold (1e400, or more than 300 digits): a cheap scan that
// errs towards yes, since a yes only costs the slower exact parse.
bool mayOverflowDouble(const char *data, std::size_t size)
{
    std::size_t digits = 0; // length of the current run of digits
    for (std::size_t i = 0; i < size; ++i) {
        const char c = data[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 300)
                return true;
            continue;
        }
        if ((c == 'e' || c == 'E') && digits > 0) {
            std::size_t at = i + 1;
            if (at < size && (data[at] == '+' || data[at] == '-'))
                ++at;
            std::size_t exponent = 0;
            while (at < size && data[at] >= '0' && data[at] <= '9' && exponent < 3) {
                ++exponent;
                ++at;
            }
            if (exponent >= 3)
                return true;
        }
        digits = 0;
    }
    return false;
}

template <typename V>
void checkTop(const CompiledPlan &plan, PayloadKind kind, const V &top, std::vector<Violation> &out,
              std::string &eventName)
{
    switch (kind) {
    case PayloadKind::Auto:
    case PayloadKind::Properties: // a bare properties object names no event: treat lines as self-describing
        return rules::checkAuto(plan, top, out, eventName);
    case PayloadKind::TrackV1Event: return rules::checkTrackV1(plan, top, out, eventName);
    case PayloadKind::PipelinesCall:
        if (const std::optional<V> type = top.find("type");
            type && type->kind() == ValueKind::String && type->getString() == "identify")
            return rules::checkPipelinesIdentify(plan, top, out, eventName);
        return rules::checkPipelinesTrack(plan, top, out, eventName);
    }
}

} // namespace

JsonlValidator::JsonlValidator(const Validator &validator, PayloadKind kind)
    : m_validator(validator), m_kind(kind)
{
}
JsonlValidator::~JsonlValidator() = default;

Result<JsonlSummary>
JsonlValidator::validateFile(const std::string &path,
                             const std::function<void(const JsonlLineReport &)> &onLine) const
{
    std::unique_ptr<std::FILE, FileCloser> file(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
    if (!file)
        return Error{"file_unreadable", std::string("cannot read file: ") + std::strerror(errno), path};

    const CompiledPlan &plan = m_validator.compiled();
    simdjson::ondemand::parser parser;
    SimdDocumentStrings strings;
    JsonlSummary summary;
    JsonlLineReport report;
    std::vector<char> buffer(kChunkBytes + simdjson::SIMDJSON_PADDING);
    std::size_t filled = 0;
    std::int64_t lineNumber = 0;
    bool atEnd = false;

    auto processLine = [&](const char *data, std::size_t size) {
        ++lineNumber;
        if (isBlank(data, size))
            return;
        ++summary.lines;
        report.line = lineNumber;
        report.event.clear();
        report.violations.clear();
        report.syntaxError.reset();
        const std::size_t capacity = static_cast<std::size_t>(buffer.data() + buffer.size() - data);
        try {
            // On Demand has no depth limit of its own and reads only the numbers a rule asks for: a line that
            // nests too deep or may hold a number beyond double range takes the exact path below.
            if (findExcessiveNesting(std::string_view(data, size)) || mayOverflowDouble(data, size))
                throw simdjson::simdjson_error(simdjson::NUMBER_ERROR);
            strings.reset();
            simdjson::ondemand::document document = parser.iterate(data, size, capacity);
            const SimdValueView top(document.get_value().value(), strings);
            checkTop(plan, m_kind, top, report.violations, report.event);
        } catch (const simdjson::simdjson_error &) {
            // Rare path: let nlohmann_json say exactly what is wrong and where, then check with it.
            report.violations.clear();
            report.event.clear();
            Result<Json> json = parseJsonLine(std::string_view(data, size), path, lineNumber);
            if (!json) {
                report.syntaxError = json.error();
            } else {
                report.violations = m_validator.validatePayload(
                    *json, m_kind == PayloadKind::Properties ? PayloadKind::Auto : m_kind);
                if (json->is_object()) {
                    for (const char *key : {"event", "name"})
                        if (json->contains(key) && (*json)[key].is_string())
                            report.event = (*json)[key].get<std::string>();
                }
            }
        }
        if (report.syntaxError) {
            ++summary.syntaxErrors;
            onLine(report);
            return;
        }
        const bool rejected = hasErrors(report.violations);
        rejected ? ++summary.rejectedLines : ++summary.acceptedLines;
        if (report.violations.empty())
            return;
        for (const Violation &violation : report.violations)
            ++summary.byCode[violation.code];
        const std::string eventKey = report.event.empty() ? std::string("(none)") : report.event;
        if (summary.byEvent.size() < kMaxEventsInSummary || summary.byEvent.count(eventKey))
            ++summary.byEvent[eventKey];
        else
            ++summary.byEvent["(other)"];
        onLine(report);
    };

    while (!atEnd) {
        const std::size_t room = buffer.size() - simdjson::SIMDJSON_PADDING - filled;
        const std::size_t got = std::fread(buffer.data() + filled, 1, room, file.get());
        if (got < room) {
            if (std::ferror(file.get()))
                return Error{"file_unreadable", std::string("read failed: ") + std::strerror(errno), path};
            atEnd = true;
        }
        summary.bytes += static_cast<std::int64_t>(got);
        filled += got;
        std::size_t start = 0;
        while (true) {
            const void *newline = std::memchr(buffer.data() + start, '\n', filled - start);
            if (!newline)
                break;
            const std::size_t end =
                static_cast<std::size_t>(static_cast<const char *>(newline) - buffer.data());
            processLine(buffer.data() + start, end - start);
            start = end + 1;
        }
        if (atEnd) {
            if (start < filled)
                processLine(buffer.data() + start, filled - start);
            break;
        }
        std::memmove(buffer.data(), buffer.data() + start, filled - start);
        filled -= start;
        if (filled == buffer.size() - simdjson::SIMDJSON_PADDING) {
            // One line fills the whole buffer: grow it, within a bound that keeps memory predictable.
            const std::size_t grown = (buffer.size() - simdjson::SIMDJSON_PADDING) * 2;
            if (grown > kMaxLineBytes)
                return Error{"line_too_long",
                             "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB",
                             path + ":" + std::to_string(lineNumber + 1)};
            buffer.resize(grown + simdjson::SIMDJSON_PADDING);
        }
    }
    return summary;
}

} // namespace preflight
