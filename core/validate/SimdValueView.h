#pragma once

// The value-access seam over simdjson On Demand (bulk JSONL). Private to core: preflight_core links
// simdjson PRIVATE, so only .cpp files include this. simdjson errors surface as simdjson_error exceptions,
// caught per line by JsonlValidator, which then re-reads the line with nlohmann_json for a precise report.

#include "validate/ValueKind.h"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

class SimdValueView
{
public:
    explicit SimdValueView(simdjson::ondemand::value value) : m_value(value) {}

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
    std::string_view getString() const { return m_value.get_string().value(); }
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
        return SimdValueView(member);
    }
    template <typename F> void forEachField(F &&visit) const
    {
        for (auto field : m_value.get_object()) {
            simdjson::ondemand::field member;
            if (const auto error = std::move(field).get(member))
                throw simdjson::simdjson_error(error);
            const std::string_view key = member.unescaped_key().value();
            visit(key, SimdValueView(member.value()));
        }
    }
    template <typename F> void forEachElement(F &&visit) const
    {
        std::size_t index = 0;
        for (auto element : m_value.get_array())
            visit(index++, SimdValueView(element.value()));
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
};

} // namespace preflight
