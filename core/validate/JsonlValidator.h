#pragma once

#include "common/Result.h"
#include "validate/Validator.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace preflight {

// What one line of a JSONL file produced: violations, or a syntax error located file:line:column.
struct JsonlLineReport {
    std::int64_t line = 0;
    std::string event; // the event checked, "(identify)", or empty
    std::vector<Violation> violations;
    std::optional<Error> syntaxError;
};

struct JsonlSummary {
    std::int64_t lines = 0; // non-blank lines read
    std::int64_t bytes = 0;
    std::int64_t acceptedLines = 0; // no error (warnings allowed)
    std::int64_t rejectedLines = 0; // at least one error violation
    std::int64_t syntaxErrors = 0;
    std::map<std::string, std::int64_t> byCode;  // violations per code
    std::map<std::string, std::int64_t> byEvent; // lines with violations per event (capped, see below)
};

// Validates a JSONL file in fixed-size chunks with simdjson On Demand: memory stays flat whatever the file
// size (one chunk plus the longest line). Uses the same compiled rules as Validator.
class JsonlValidator
{
public:
    static constexpr std::size_t kChunkBytes = 1 << 20;
    static constexpr std::size_t kMaxLineBytes = 32 << 20;
    static constexpr std::size_t kMaxEventsInSummary = 1000; // beyond: counted under "(other)"

    explicit JsonlValidator(const Validator &validator, PayloadKind kind = PayloadKind::Auto);
    ~JsonlValidator();

    // Calls `onLine` for every line with violations or a syntax error. Fails only when the file cannot be
    // read (or a line exceeds kMaxLineBytes).
    Result<JsonlSummary> validateFile(const std::string &path,
                                      const std::function<void(const JsonlLineReport &)> &onLine) const;

private:
    const Validator &m_validator;
    PayloadKind m_kind;
};

} // namespace preflight
