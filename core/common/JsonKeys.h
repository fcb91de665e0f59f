#pragma once

#include "common/Json.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace preflight {

// Strict file readers (plan, journeys, scenario, Call JSON) name every member they know: anything else is
// a typo that would otherwise be dropped without a word, so it is an error with a did-you-mean.

struct UnknownKey {
    std::string key;     // as written, for the caller's pointer
    std::string message; // unknown key "exitt" — did you mean "exit"?
};

// The first member of `object` (in key order) not among `known`; nullopt when all are known or `object` is
// not an object.
std::optional<UnknownKey> findUnknownKey(const Json &object, std::span<const std::string_view> known);
std::optional<UnknownKey> findUnknownKey(const Json &object, std::initializer_list<std::string_view> known);

// A whole number from 0 to `most`, whether it came from text (unsigned) or was built in memory (signed);
// nullopt for anything else, including fractions and values beyond 64 bits.
std::optional<std::uint64_t> wholeNumberUpTo(const Json &value, std::uint64_t most);

} // namespace preflight
