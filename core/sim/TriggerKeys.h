#pragma once

#include "common/Json.h"

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// A trigger's values of its campaign's keys (dedupe, goal and wait matches), in the order of
// CompiledCampaign::keys. Packed into one string, where a vector of strings costs an allocation per run:
// one key of up to 10 characters fits the string's own buffer; longer ones (a UUID) take one allocation.
class TriggerKeys
{
public:
    // The next key's value: text as it is, other values as JSON; absent when missing or null.
    void append(const Json *value);
    // The value of the key at `slot` (an index into CompiledCampaign::keys); nullopt when absent.
    std::optional<std::string_view> at(std::size_t slot) const;
    std::string textAt(std::size_t slot) const { return std::string(at(slot).value_or("(none)")); }

    friend bool operator==(const TriggerKeys &, const TriggerKeys &) = default;

private:
    // Per key: kAbsent, or kPresent followed by the length (std::uint32_t, native order) and the text.
    static constexpr char kAbsent = 0;
    static constexpr char kPresent = 1;
    std::string m_packed;
};

} // namespace preflight
