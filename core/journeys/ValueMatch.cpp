#include "journeys/ValueMatch.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>

namespace preflight {

namespace {

void collect(const Json &node, std::string_view path, std::vector<const Json *> &out)
{
    if (path.empty()) {
        out.push_back(&node);
        return;
    }
    const std::size_t dot = path.find('.');
    std::string_view head = path.substr(0, dot);
    const std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    const bool each = head.size() > 2 && head.substr(head.size() - 2) == "[]";
    if (each)
        head.remove_suffix(2);
    if (!node.is_object())
        return;
    const auto it = node.find(std::string(head));
    if (it == node.end() || it->is_null())
        return;
    if (!each) {
        collect(*it, rest, out);
        return;
    }
    if (!it->is_array())
        return;
    for (const Json &item : *it)
        collect(item, rest, out);
}

} // namespace

std::optional<double> asNumber(const Json &value)
{
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        const std::string &text = value.get_ref<const std::string &>();
        double number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error == std::errc() && end == text.data() + text.size() && !text.empty())
            return number;
    }
    return std::nullopt;
}

namespace {

bool equalValues(const Json &actual, const Json &expected)
{
    if (actual == expected)
        return true;
    const auto a = asNumber(actual);
    const auto b = asNumber(expected);
    if (a && b && (actual.is_number() || expected.is_number()))
        return *a == *b;
    return false;
}

bool isOrdering(ValueFilter::Op op)
{
    using Op = ValueFilter::Op;
    return op == Op::Less || op == Op::Greater || op == Op::LessOrEqual || op == Op::GreaterOrEqual;
}

bool compareNumbers(ValueFilter::Op op, double actual, double operand)
{
    using Op = ValueFilter::Op;
    switch (op) {
    case Op::Less: return actual < operand;
    case Op::Greater: return actual > operand;
    case Op::LessOrEqual: return actual <= operand;
    default: return actual >= operand;
    }
}

// `operand` is asNumber(filter.value), worked out by the caller.
bool compareOne(const ValueFilter &filter, const std::optional<double> &operand, const Json &actual,
                UnixMillis now)
{
    using Op = ValueFilter::Op;
    switch (filter.op) {
    case Op::Equals: return equalValues(actual, filter.value);
    case Op::NotEquals: return !equalValues(actual, filter.value);
    case Op::Less:
    case Op::Greater:
    case Op::LessOrEqual:
    case Op::GreaterOrEqual: {
        const auto a = asNumber(actual);
        return a && operand && compareNumbers(filter.op, *a, *operand);
    }
    case Op::Contains:
        if (actual.is_string() && filter.value.is_string())
            return actual.get_ref<const std::string &>().find(filter.value.get_ref<const std::string &>()) !=
                   std::string::npos;
        if (actual.is_array()) {
            for (const Json &item : actual) {
                if (equalValues(item, filter.value))
                    return true;
            }
        }
        return false;
    case Op::WithinPast: {
        const auto instant = instantFromValue(actual);
        return instant && *instant <= now && *instant >= now - filter.windowMillis;
    }
    case Op::Exists:
    case Op::NotExists: return true;
    }
    return false;
}

} // namespace

std::optional<UnixMillis> instantFromValue(const Json &value)
{
    if (value.is_number()) {
        const double number = value.get<double>();
        // Seconds until the year 5138; anything larger is milliseconds (the seeds send both).
        return static_cast<UnixMillis>(std::llround(std::fabs(number) < 1e11 ? number * 1000 : number));
    }
    if (value.is_string()) {
        if (const auto parsed = parseIso8601(value.get_ref<const std::string &>()))
            return parsed;
        if (const auto number = asNumber(value))
            return instantFromValue(Json(*number));
    }
    return std::nullopt;
}

namespace {

bool isPlainKey(std::string_view path)
{
    return std::none_of(path.begin(), path.end(), [](char c) { return c == '.' || c == '['; });
}

bool matchesValues(const ValueFilter &filter, const std::optional<double> &operand,
                   std::span<const Json *const> values, UnixMillis now)
{
    if (filter.op == ValueFilter::Op::Exists)
        return !values.empty();
    if (filter.op == ValueFilter::Op::NotExists)
        return values.empty();
    if (filter.op == ValueFilter::Op::NotEquals && values.empty())
        return true;
    return std::any_of(values.begin(), values.end(),
                       [&](const Json *value) { return compareOne(filter, operand, *value, now); });
}

bool matchesPrepared(const ValueFilter &filter, bool plainKey, const std::optional<double> &operand,
                     const Json &object, UnixMillis now)
{
    // The usual filter names one top-level key: no list to build.
    if (plainKey) {
        const Json *value = nullptr;
        if (object.is_object()) {
            const auto it = object.find(filter.path);
            if (it != object.end() && !it->is_null())
                value = &*it;
        }
        return matchesValues(filter, operand,
                             value ? std::span<const Json *const>(&value, 1) : std::span<const Json *const>(),
                             now);
    }
    std::vector<const Json *> values;
    collect(object, filter.path, values);
    return matchesValues(filter, operand, values, now);
}

} // namespace

bool matchesFilter(const ValueFilter &filter, const Json &object, UnixMillis now)
{
    return matchesPrepared(filter, isPlainKey(filter.path), asNumber(filter.value), object, now);
}

PreparedFilter::PreparedFilter(ValueFilter filter)
    : m_filter(std::move(filter)), m_plainKey(isPlainKey(m_filter.path)), m_operand(asNumber(m_filter.value))
{
    m_ordering = m_plainKey && m_operand && isOrdering(m_filter.op);
}

bool PreparedFilter::matches(const Json &object, UnixMillis now) const
{
    if (m_ordering) { // the usual trigger filter, "cart_value > 60"
        const Json *value = valueAt(object, m_filter.path);
        if (value && value->is_number())
            return compareNumbers(m_filter.op, value->get<double>(), *m_operand);
    }
    return matchesPrepared(m_filter, m_plainKey, m_operand, object, now);
}

bool matchesAll(const std::vector<PreparedFilter> &filters, const Json &object, UnixMillis now)
{
    return std::all_of(filters.begin(), filters.end(),
                       [&](const PreparedFilter &filter) { return filter.matches(object, now); });
}

bool matchesAll(const std::vector<ValueFilter> &filters, const Json &object, UnixMillis now)
{
    for (const ValueFilter &filter : filters) {
        if (!matchesFilter(filter, object, now))
            return false;
    }
    return true;
}

const Json *valueAt(const Json &object, const std::string &key)
{
    const auto *properties = object.get_ptr<const Json::object_t *>();
    if (!properties)
        return nullptr;
    // Event data has a handful of properties: walking them (== compares lengths first) costs less than
    // the tree's search, which compares text at every node it passes.
    constexpr std::size_t kWalkedProperties = 8;
    if (properties->size() <= kWalkedProperties) {
        for (const auto &[name, value] : *properties) {
            if (name == key)
                return value.is_null() ? nullptr : &value;
        }
        return nullptr;
    }
    const auto it = properties->find(key);
    return it == properties->end() || it->second.is_null() ? nullptr : &it->second;
}

std::optional<std::string> keyValue(const Json &object, const std::string &key)
{
    const Json *value = valueAt(object, key);
    if (!value)
        return std::nullopt;
    if (value->is_string())
        return value->get<std::string>();
    return value->dump();
}

bool keyValueEquals(const Json &object, const std::string &key, std::optional<std::string_view> expected)
{
    const Json *value = valueAt(object, key);
    if (!value || !expected)
        return !value && !expected;
    if (value->is_string())
        return value->get_ref<const std::string &>() == *expected;
    return value->dump() == *expected;
}

std::string describe(const ValueFilter &filter)
{
    using Op = ValueFilter::Op;
    switch (filter.op) {
    case Op::Equals: return filter.path + " = " + filter.value.dump();
    case Op::NotEquals: return filter.path + " ≠ " + filter.value.dump();
    case Op::Less: return filter.path + " < " + filter.value.dump();
    case Op::Greater: return filter.path + " > " + filter.value.dump();
    case Op::LessOrEqual: return filter.path + " ≤ " + filter.value.dump();
    case Op::GreaterOrEqual: return filter.path + " ≥ " + filter.value.dump();
    case Op::Exists: return filter.path + " exists";
    case Op::NotExists: return filter.path + " does not exist";
    case Op::Contains: return filter.path + " contains " + filter.value.dump();
    case Op::WithinPast: return filter.path + " within the past " + formatDurationMillis(filter.windowMillis);
    }
    return filter.path;
}

} // namespace preflight
