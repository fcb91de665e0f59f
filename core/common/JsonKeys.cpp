#include "common/JsonKeys.h"

#include "common/Spelling.h"

#include <algorithm>
#include <vector>

namespace preflight {

std::optional<UnknownKey> findUnknownKey(const Json &object, std::span<const std::string_view> known)
{
    if (!object.is_object())
        return std::nullopt;
    for (const auto &[key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        const std::string closest = closestName(key, std::vector<std::string>(known.begin(), known.end()));
        std::string message = "unknown key \"" + key + "\"";
        if (!closest.empty())
            message += " — did you mean \"" + closest + "\"?";
        return UnknownKey{key, std::move(message)};
    }
    return std::nullopt;
}

std::optional<UnknownKey> findUnknownKey(const Json &object, std::initializer_list<std::string_view> known)
{
    return findUnknownKey(object, std::span<const std::string_view>(known.begin(), known.size()));
}

std::optional<std::uint64_t> wholeNumberUpTo(const Json &value, std::uint64_t most)
{
    if (value.is_number_unsigned() && value.get<std::uint64_t>() <= most)
        return value.get<std::uint64_t>();
    if (value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() >= 0 &&
        static_cast<std::uint64_t>(value.get<std::int64_t>()) <= most)
        return static_cast<std::uint64_t>(value.get<std::int64_t>());
    return std::nullopt;
}

} // namespace preflight
