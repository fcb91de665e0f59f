#pragma once

#include "common/Result.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace preflight {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// How deeply arrays and objects may nest in any JSON Preflight reads. nlohmann's dump, copy and compare
// recurse, so every reader refuses deeper text before building a value; no value we hold nests deeper.
inline constexpr std::size_t kMaxJsonDepth = 512;

// Byte offset of the bracket that opens nesting level kMaxJsonDepth + 1, or nullopt if the text stays
// within the limit. Readers call it before parsing; parseJson and parseJsonQuickly already do.
std::optional<std::size_t> findExcessiveNesting(std::string_view text);

// Parses text; bad input (syntax, nesting deeper than kMaxJsonDepth, a number beyond double range) is an
// Error located "origin:line:column". Never throws.
Result<Json> parseJson(std::string_view text, std::string_view origin);
Result<OrderedJson> parseOrderedJson(std::string_view text, std::string_view origin);
// One line of a JSON Lines file: errors located "path:lineNumber:column".
Result<Json> parseJsonLine(std::string_view line, std::string_view path, std::int64_t lineNumber);
Result<Json> readJsonFile(const std::string &path);
// The same value nlohmann's parser would give (last duplicate key wins, non-negative integers unsigned),
// parsed by simdjson: several times faster for request bodies. nullopt when simdjson refuses the text,
// which includes integers beyond 64 bits and text nested too deep: parse those with parseJson, which
// also gives the exact error.
std::optional<Json> parseJsonQuickly(std::string_view text);

// A message safe to put into JSON: invalid UTF-8 (say, quoted from bad input) becomes U+FFFD.
std::string validUtf8(std::string_view text);

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
