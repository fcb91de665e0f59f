#pragma once

// The value-access seam over simdjson On Demand (bulk JSONL). Private to core: preflight_core links
// simdjson PRIVATE, so only .cpp files include this. simdjson errors surface as simdjson_error exceptions,
// caught per line by JsonlValidator, which then re-reads the line with nlohmann_json for a precise report.

#include "validate/ValueKind.h"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace preflight {

// The strings and keys of one document, each unescaped at most once. On Demand writes every
// get_string() and unescaped_key() into one buffer sized for the document, so a rule reading a long
// string twice would write past its end; through this class a second read returns the first.
class SimdDocumentStrings
{
public:
    // Before each document: the parser reuses its buffer, so the addresses kept here mean nothing then.
    void reset()
    {
        if (!m_unescaped.empty())
            m_unescaped.clear();
    }

    // `raw` is just past the string's opening quote; `unescape` reads it through simdjson.
    template <typename Unescape> std::string_view read(const char *raw, Unescape &&unescape)
    {
        const char *end = raw;
        while (*end != '"' && *end != '\\')
            ++end; // the document's structure was checked: the closing quote is there
        if (*end == '"')
            return std::string_view(raw, static_cast<std::size_t>(end - raw)); // no escapes: the text itself
        if (const auto found = m_unescaped.find(raw); found != m_unescaped.end())
            return found->second;
        const std::string_view text = unescape();
        m_unescaped.emplace(raw, text);
        return text;
    }

private:
    std::unordered_map<const char *, std::string_view> m_unescaped;
};

class SimdValueView
{
public:
    SimdValueView(simdjson::ondemand::value value, SimdDocumentStrings &strings)
        : m_value(value), m_strings(&strings)
    {
    }

    ValueKind kind() const
    {
        switch (m_value.type().value()) {
        // On Demand trusts the first letter of an atom; check the whole token so `tru` is a syntax error.
        case simdjson::ondemand::json_type::null: return checkedAtom(ValueKind::Null, "null", "null");
        case simdjson::ondemand::json_type::boolean: return checkedAtom(ValueKind::Boolean, "true", "false");
        case simdjson::ondemand::json_type::string: return ValueKind::String;
        case simdjson::ondemand::json_type::array: return ValueKind::Array;
        case simdjson::ondemand::json_type::object: return ValueKind::Object;
        case simdjson::ondemand::json_type::number:
            return m_value.get_number_type().value() == simdjson::ondemand::number_type::floating_point_number
                       ? ValueKind::Float
                       : ValueKind::Integer;
        }
        return ValueKind::Null;
    }
    double getDouble() const
    {
        if (m_value.get_number_type().value() == simdjson::ondemand::number_type::signed_integer)
            return static_cast<double>(m_value.get_int64().value());
        return m_value.get_double().value();
    }
    std::string_view getString() const
    {
        const simdjson::ondemand::raw_json_string raw = m_value.get_raw_json_string().value();
        return m_strings->read(raw.raw(), [this] { return m_value.get_string().value(); });
    }
    std::string token() const
    {
        std::string_view raw = m_value.raw_json_token();
        while (!raw.empty() &&
               (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
            raw.remove_suffix(1);
        return std::string(raw);
    }

    std::optional<SimdValueView> find(std::string_view key) const
    {
        simdjson::ondemand::value member;
        const auto error = m_value.find_field_unordered(key).get(member);
        if (error == simdjson::NO_SUCH_FIELD)
            return std::nullopt;
        if (error)
            throw simdjson::simdjson_error(error);
        return SimdValueView(member, *m_strings);
    }
    template <typename F> void forEachField(F &&visit) const
    {
        for (auto field : m_value.get_object()) {
            simdjson::ondemand::field member;
            if (const auto error = std::move(field).get(member))
                throw simdjson::simdjson_error(error);
            const std::string_view key =
                m_strings->read(member.key().raw(), [&member] { return member.unescaped_key().value(); });
            visit(key, SimdValueView(member.value(), *m_strings));
        }
    }
    template <typename F> void forEachElement(F &&visit) const
    {
        std::size_t index = 0;
        for (auto element : m_value.get_array())
            visit(index++, SimdValueView(element.value(), *m_strings));
    }

private:
    ValueKind checkedAtom(ValueKind kind, std::string_view one, std::string_view other) const
    {
        std::string_view raw = m_value.raw_json_token();
        while (!raw.empty() &&
               (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
            raw.remove_suffix(1);
        if (raw != one && raw != other)
            throw simdjson::simdjson_error(simdjson::INCORRECT_TYPE);
        return kind;
    }

    mutable simdjson::ondemand::value m_value;
    SimdDocumentStrings *m_strings;
};

} // namespace preflight
