#pragma once

#include <cstddef>
#include <string_view>

namespace preflight {

// Where the member (its key) or array element a JSON pointer names starts in a document's text, so
// findings located by pointer can name a line and column (editors, SARIF, GitHub annotations). The
// deepest part of the pointer the text has when it lacks the rest (a removed member: its container), and
// where the text stops being JSON if it does. Parsers keep no positions, so this scans the text itself.
std::size_t offsetOfPointer(std::string_view text, std::string_view pointer);

} // namespace preflight
