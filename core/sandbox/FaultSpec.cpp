#include "sandbox/FaultSpec.h"

#include "common/Time.h"

#include <charconv>
#include <optional>
#include <sstream>

namespace preflight {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::optional<double> parseShare(std::string_view text)
{
    bool percent = !text.empty() && text.back() == '%';
    if (percent)
        text.remove_suffix(1);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    if (percent)
        value /= 100.0;
    if (value < 0 || value > 1)
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parseMillis(std::string_view text)
{
    if (auto plain = parseInteger(text))
        return plain; // a bare number is milliseconds
    if (text.size() > 2 && text.substr(text.size() - 2) == "ms")
        return parseInteger(text.substr(0, text.size() - 2));
    auto millis = parseDurationMillis(text);
    if (!millis || *millis < 0)
        return std::nullopt;
    return millis;
}

} // namespace

bool FaultSpec::isEmpty() const
{
    return latencyMillis == 0 && share429 == 0 && share500 == 0 && share503 == 0 && shareDrop == 0 &&
           slowBodyMillis == 0;
}

std::string FaultSpec::toString() const
{
    std::ostringstream out;
    out << "latency=" << latencyMillis << "ms,429=" << share429 * 100 << "%,retry-after=" << retryAfterSeconds
        << ",500=" << share500 * 100 << "%,503=" << share503 * 100 << "%,drop=" << shareDrop * 100
        << "%,slow-body=" << slowBodyMillis << "ms,seed=" << seed;
    return out.str();
}

Result<FaultSpec> FaultSpec::parse(std::string_view text)
{
    FaultSpec spec;
    text = trimmed(text);
    if (text.empty() || text == "none")
        return spec;
    while (!text.empty()) {
        auto comma = text.find(',');
        std::string_view item = trimmed(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        auto equals = item.find('=');
        if (equals == std::string_view::npos)
            return Error{"fault_spec", "expected key=value, got '" + std::string(item) + "'", "--faults"};
        std::string_view key = trimmed(item.substr(0, equals));
        std::string_view value = trimmed(item.substr(equals + 1));
        auto bad = [&](const char *what) {
            return Error{"fault_spec", std::string(key) + ": " + what + ", got '" + std::string(value) + "'",
                         "--faults"};
        };
        if (key == "latency" || key == "slow-body") {
            auto millis = parseMillis(value);
            if (!millis)
                return bad("expected a duration such as 50ms or 2s");
            (key == "latency" ? spec.latencyMillis : spec.slowBodyMillis) = *millis;
        } else if (key == "429" || key == "500" || key == "503" || key == "drop") {
            auto share = parseShare(value);
            if (!share)
                return bad("expected a share such as 10% or 0.1");
            double &target = key == "429"   ? spec.share429
                             : key == "500" ? spec.share500
                             : key == "503" ? spec.share503
                                            : spec.shareDrop;
            target = *share;
        } else if (key == "retry-after") {
            auto seconds = parseInteger(value);
            if (!seconds || *seconds > 86400)
                return bad("expected whole seconds");
            spec.retryAfterSeconds = static_cast<int>(*seconds);
        } else if (key == "seed") {
            auto seed = parseInteger(value);
            if (!seed)
                return bad("expected a non-negative integer");
            spec.seed = static_cast<std::uint64_t>(*seed);
        } else {
            return Error{"fault_spec",
                         "unknown fault '" + std::string(key) +
                             "' (known: latency, 429, retry-after, 500, 503, drop, slow-body, seed)",
                         "--faults"};
        }
    }
    if (spec.share429 + spec.share500 + spec.share503 + spec.shareDrop > 1.0)
        return Error{"fault_spec", "the shares of 429, 500, 503 and drop add up to more than 100%",
                     "--faults"};
    return spec;
}

} // namespace preflight
