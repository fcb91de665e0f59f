#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace preflight {

// Where a JSON pointer's value starts in a document's text, so findings located by pointer can name a
// line and column (SARIF, GitHub annotations, editors). The deepest existing parent when the pointer
// names something the document lacks (a removed member points at its container); nullopt only when the
// text is not JSON. Parsers keep no positions, so this scans the text itself.
std::optional<std::size_t> offsetOfPointer(std::string_view text, std::string_view pointer);

} // namespace preflight
