#pragma once

#include "common/Result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Parses text, reporting syntax errors as "origin:line:column: message".
Result<Json> parseJson(std::string_view text, std::string_view origin);
Result<Json> readJsonFile(const std::string &path);
// The same value nlohmann's parser would give (last duplicate key wins, non-negative integers unsigned),
// parsed by simdjson: several times faster for request bodies. nullopt when simdjson refuses the text,
// which includes integers beyond 64 bits: parse those with nlohmann, which also gives the exact error.
std::optional<Json> parseJsonQuickly(std::string_view text);

// The project's file style: 2-space indent, trailing newline, UTF-8 kept as is.
std::string toFileText(const Json &value);
std::string toFileText(const OrderedJson &value);
Status writeTextFile(const std::string &path, std::string_view text);
Result<std::string> readTextFile(const std::string &path);

// Line and column (1-based) of a byte offset in text.
std::pair<int, int> lineColumnAt(std::string_view text, std::size_t offset);

std::string jsonTypeName(const Json &value);
// One reference token of a JSON pointer (RFC 6901: '~' as "~0", '/' as "~1"), escaped by nlohmann.
std::string jsonPointerToken(std::string_view token);

} // namespace preflight
