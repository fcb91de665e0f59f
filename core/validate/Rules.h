#pragma once

// Every validation rule, written once over the value-access seam. `V` is JsonValueView (nlohmann) or
// SimdValueView (simdjson On Demand); both offer kind(), getDouble(), getString(), token(), find(),
// forEachField() and forEachElement(). A rule may read a value more than once: each view returns the
// same text for every getString() (SimdValueView unescapes each string of a document at most once).
// Internal to core/validate.

#include "plan/Naming.h"
#include "validate/CompiledPlan.h"
#include "validate/PayloadPath.h"
#include "validate/ValueKind.h"
#include "validate/Violation.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace preflight::rules {

using Violations = std::vector<Violation>;

inline void report(Violations &out, std::string_view code, const PayloadPath &path, std::string message,
                   std::string expected = {}, std::string actual = {}, std::string suggestion = {},
                   Severity severity = Severity::Error)
{
    out.push_back(Violation{std::string(code), path.pointer(), std::move(message), std::move(expected),
                            std::move(actual), std::move(suggestion), severity});
}

inline std::string formatNumber(double value)
{
    if (std::floor(value) == value && std::fabs(value) < 9.0e15)
        return std::to_string(static_cast<long long>(value));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

inline std::string quote(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

inline bool parsesAsNumber(std::string_view text)
{
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// What a value is, for "actual": the literal for scalars, the kind for containers.
template <typename V> std::string describe(const V &value, ValueKind kind)
{
    if (kind == ValueKind::Object || kind == ValueKind::Array)
        return std::string("an ") + kindName(kind);
    if (kind == ValueKind::String)
        return "the string " + quote(value.getString());
    return value.token() + " (" + kindName(kind) + ")";
}

template <typename V>
void wrongType(Violations &out, const CompiledNode &node, const V &value, ValueKind kind,
               const PayloadPath &path)
{
    std::string actual = describe(value, kind);
    std::string suggestion;
    const bool wantsNumber = node.type == PropertyType::Number || node.type == PropertyType::Integer;
    if (kind == ValueKind::String && wantsNumber) {
        if (const std::string_view text = value.getString(); parsesAsNumber(text))
            suggestion = "send " + std::string(text) + " as a JSON number, without quotes";
    } else if (kind == ValueKind::Float && node.type == PropertyType::Integer)
        suggestion = "round to a whole number";
    std::string message = "`" + path.name() + "` is " + actual + "; the plan says " + node.expected;
    report(out, ViolationCode::WrongType, path, std::move(message), node.expected, std::move(actual),
           std::move(suggestion));
}

template <typename V>
void checkObjectMembers(const CompiledNode &node, const V &object, const PayloadPath &path, Violations &out,
                        std::string_view unknownCode = ViolationCode::UnknownProperty);

template <typename V>
void checkTimestamp(const CompiledNode &node, const V &value, ValueKind kind, const PayloadPath &path,
                    Violations &out)
{
    const bool wantsUnix = node.timestampFormat != TimestampEncoding::Iso8601;
    const bool wantsIso = node.timestampFormat != TimestampEncoding::UnixSeconds;
    if (kind == ValueKind::String && wantsIso) {
        if (isIso8601Timestamp(value.getString()))
            return;
    } else if (kind == ValueKind::Integer && wantsUnix) {
        const double seconds = value.getDouble();
        if (seconds >= static_cast<double>(kEarliestUnixSeconds) &&
            seconds <= static_cast<double>(kLatestUnixSeconds))
            return;
        const std::string hint = seconds > 1e11 ? "this looks like milliseconds: divide by 1000"
                                                : "unix seconds between 2000 and 2099";
        report(out, ViolationCode::BadTimestamp, path,
               "`" + path.name() + "` is " + formatNumber(seconds) + ", not a plausible unix time in seconds",
               node.expected, formatNumber(seconds), hint);
        return;
    }
    std::string actual = describe(value, kind);
    std::string message = "`" + path.name() + "` is " + actual + "; the plan says " + node.expected;
    std::string hint = wantsUnix && !wantsIso ? "send whole unix seconds, e.g. 1767225600"
                                              : "send an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z";
    report(out, ViolationCode::BadTimestamp, path, std::move(message), node.expected, std::move(actual),
           std::move(hint));
}

template <typename V>
void checkValue(const CompiledNode &node, const V &value, const PayloadPath &path, Violations &out)
{
    const ValueKind kind = value.kind();
    switch (node.type) {
    case PropertyType::String:
    case PropertyType::Enum: {
        if (kind != ValueKind::String)
            return wrongType(out, node, value, kind, path);
        const std::string_view text = value.getString();
        if (!node.enumValues.empty()) {
            bool listed = false;
            for (const std::string &allowed : node.enumValues)
                listed = listed || allowed == text;
            if (!listed) {
                std::string expected = "one of";
                for (const std::string &allowed : node.enumValues)
                    expected += " " + quote(allowed);
                const std::string closest = closestName(text, node.enumValues);
                report(out, ViolationCode::EnumMismatch, path,
                       "`" + path.name() + "` is " + quote(text) + ", not an allowed value",
                       std::move(expected), quote(text),
                       closest.empty() ? std::string() : "did you mean " + quote(closest) + "?");
            }
        }
        if (node.pattern && !matchesPattern(*node.pattern, text))
            report(out, ViolationCode::PatternMismatch, path,
                   "`" + path.name() + "` is " + quote(text) + ", which does not match " + node.patternText,
                   "matches " + node.patternText, quote(text));
        return;
    }
    case PropertyType::Number:
    case PropertyType::Integer: {
        if (kind != ValueKind::Integer && kind != ValueKind::Float)
            return wrongType(out, node, value, kind, path);
        const double number = value.getDouble();
        // JSON Schema counts 3.0 as an integer; so do we, to give the same verdict as the exported schema.
        if (node.type == PropertyType::Integer && std::floor(number) != number)
            return wrongType(out, node, value, kind, path);
        if ((node.minimum && number < *node.minimum) || (node.maximum && number > *node.maximum)) {
            std::string expected = node.minimum && node.maximum ? "between " + formatNumber(*node.minimum) +
                                                                      " and " + formatNumber(*node.maximum)
                                   : node.minimum ? "at least " + formatNumber(*node.minimum)
                                                  : "at most " + formatNumber(*node.maximum);
            report(out, ViolationCode::OutOfRange, path,
                   "`" + path.name() + "` is " + formatNumber(number) + "; the plan says " + expected,
                   expected, formatNumber(number));
        }
        return;
    }
    case PropertyType::Boolean:
        if (kind != ValueKind::Boolean)
            wrongType(out, node, value, kind, path);
        return;
    case PropertyType::Timestamp: return checkTimestamp(node, value, kind, path, out);
    case PropertyType::Object:
        if (kind != ValueKind::Object)
            return wrongType(out, node, value, kind, path);
        return checkObjectMembers(node, value, path, out);
    case PropertyType::Array: {
        if (kind != ValueKind::Array)
            return wrongType(out, node, value, kind, path);
        std::size_t count = 0;
        value.forEachElement([&](std::size_t index, const V &element) {
            ++count;
            if (!node.item.empty())
                checkValue(node.item.front(), element, path.element(index), out);
        });
        if (node.minItems && count < static_cast<std::size_t>(*node.minItems))
            report(out, ViolationCode::TooFewItems, path,
                   "`" + path.name() + "` has " + std::to_string(count) + " items; the plan needs at least " +
                       std::to_string(*node.minItems),
                   "at least " + std::to_string(*node.minItems) + " items", std::to_string(count) + " items");
        return;
    }
    }
}

// Small bitset with inline storage: objects with up to 128 planned members never allocate.
class SeenMembers
{
public:
    explicit SeenMembers(std::size_t count) { m_overflow.resize(count > 128 ? count : 0); }
    void set(std::size_t i)
    {
        i < 128 ? void(m_bits[i / 64] |= (1ULL << (i % 64))) : void(m_overflow[i] = true);
    }
    bool test(std::size_t i) const { return i < 128 ? (m_bits[i / 64] >> (i % 64)) & 1U : m_overflow[i]; }

private:
    std::uint64_t m_bits[2] = {0, 0};
    std::vector<bool> m_overflow;
};

template <typename V>
void checkObjectMembers(const CompiledNode &node, const V &object, const PayloadPath &path, Violations &out,
                        std::string_view unknownCode)
{
    SeenMembers seen(node.children.size());
    object.forEachField([&](std::string_view key, const V &member) {
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            if (node.children[i].name == key) {
                seen.set(i);
                checkValue(node.children[i], member, path.member(key), out);
                return;
            }
        }
        const std::string closest = closestName(key, node.childNames);
        const PayloadPath here = path.member(key);
        report(out, unknownCode, here, "`" + here.name() + "` is not in the plan", {}, std::string(key),
               closest.empty() ? std::string() : "did you mean `" + closest + "`?",
               node.allowOther ? Severity::Warning : Severity::Error);
    });
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        const CompiledNode &child = node.children[i];
        if (!child.required || seen.test(i))
            continue;
        const PayloadPath here = path.member(child.name);
        if (child.dedupeKey)
            report(out, ViolationCode::MissingDedupeKey, here,
                   "`" + here.name() + "` is missing: it is the dedupe key, without it repeats count twice",
                   child.expected, "absent", "send a stable unique " + child.name);
        else
            report(out, ViolationCode::MissingRequired, here, "`" + here.name() + "` is required",
                   child.expected, "absent");
    }
}

} // namespace preflight::rules
