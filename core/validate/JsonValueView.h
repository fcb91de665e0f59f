#pragma once

#include "common/Json.h"
#include "validate/ValueKind.h"

#include <optional>
#include <string_view>

namespace preflight {

// The value-access seam over an nlohmann_json value (single payloads: GUI, sandbox, runner).
class JsonValueView
{
public:
    explicit JsonValueView(const Json &json) : m_json(&json) {}

    ValueKind kind() const
    {
        switch (m_json->type()) {
        case Json::value_t::null: return ValueKind::Null;
        case Json::value_t::boolean: return ValueKind::Boolean;
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return ValueKind::Integer;
        case Json::value_t::number_float: return ValueKind::Float;
        case Json::value_t::string: return ValueKind::String;
        case Json::value_t::array: return ValueKind::Array;
        case Json::value_t::object: return ValueKind::Object;
        default: return ValueKind::Null;
        }
    }
    double getDouble() const { return m_json->get<double>(); }
    std::string_view getString() const { return m_json->get_ref<const std::string &>(); }
    std::string token() const { return m_json->dump(); }

    std::optional<JsonValueView> find(std::string_view key) const
    {
        if (!m_json->is_object())
            return std::nullopt;
        const auto it = m_json->find(key);
        if (it == m_json->end())
            return std::nullopt;
        return JsonValueView(*it);
    }
    template <typename F> void forEachField(F &&visit) const
    {
        for (auto it = m_json->begin(); it != m_json->end(); ++it)
            visit(std::string_view(it.key()), JsonValueView(it.value()));
    }
    template <typename F> void forEachElement(F &&visit) const
    {
        std::size_t index = 0;
        for (const Json &element : *m_json)
            visit(index++, JsonValueView(element));
    }

private:
    const Json *m_json;
};

} // namespace preflight
