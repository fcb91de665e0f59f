#pragma once

// Small value conversions shared by the Workspace's source files (internal to core/workspace).

#include "call/Call.h"
#include "common/Json.h"
#include "common/Time.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::workspace_values {

inline std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Stable across builds and platforms, unlike std::hash, so a replayed workspace dedupes alike.
inline std::uint64_t fnv1a(std::string_view text)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

inline std::int64_t toSeconds(UnixMillis millis)
{
    return millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000);
}

inline bool isEmptyValue(const Json &value)
{
    return value.is_null() || (value.is_string() && value.get_ref<const std::string &>().empty());
}

inline std::string stringValue(const Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    return {};
}

inline std::optional<std::int64_t> integerValue(const Json &value)
{
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number_float())
        return static_cast<std::int64_t>(value.get<double>());
    if (value.is_string()) {
        const std::string &text = value.get_ref<const std::string &>();
        std::int64_t parsed = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (error == std::errc() && end == text.data() + text.size() && !text.empty())
            return parsed;
    }
    return std::nullopt;
}

inline std::optional<bool> boolValue(const Json &value)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_string()) {
        if (value == "true")
            return true;
        if (value == "false")
            return false;
    }
    return std::nullopt;
}

inline std::string stripCioPrefix(std::string_view value)
{
    return std::string(value.substr(0, 4) == "cio_" ? value.substr(4) : value);
}

// A person can be created from an id, email or phone; a cio_id (or a `cio_` id) only finds people.
inline bool canCreate(const Identity &identity)
{
    return (!identity.id.empty() && identity.id.rfind("cio_", 0) != 0) || !identity.email.empty() ||
           !identity.phone.empty();
}

inline std::vector<std::string> suppressionKeys(const Identity &identity)
{
    std::vector<std::string> keys;
    if (!identity.id.empty()) {
        keys.push_back("id:" + identity.id);
        if (identity.id.rfind("cio_", 0) == 0)
            keys.push_back("cio:" + identity.id.substr(4));
    }
    if (!identity.email.empty())
        keys.push_back("email:" + lowerAscii(identity.email));
    if (!identity.phone.empty())
        keys.push_back("phone:" + identity.phone);
    if (!identity.cioId.empty())
        keys.push_back("cio:" + stripCioPrefix(identity.cioId));
    return keys;
}

} // namespace preflight::workspace_values
