// The Liquid scanner on arbitrary template text: it answers references or a located syntax error, and
// every reference it reports lies inside the text.
#include "journeys/LiquidReferences.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto references = preflight::liquidReferences(text);
    if (!references) {
        if (references.error().where.empty()) // a syntax error always says line:column
            std::abort();
        return 0;
    }
    std::size_t lines = 1;
    for (char c : text)
        lines += c == '\n';
    for (const preflight::LiquidReference &reference : *references)
        if (reference.line < 1 || std::size_t(reference.line) > lines || reference.column < 1 ||
            reference.path.empty())
            std::abort();
    return 0;
}
