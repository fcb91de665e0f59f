#include "JsonTextLocation.h"

#include "common/Json.h"
#include "common/JsonLocation.h"

#include <charconv>
#include <optional>
#include <vector>

namespace preflight::ui {

namespace {

JsonTextLocation atOffset(std::string_view text, std::size_t offset)
{
    const auto [line, column] = lineColumnAt(text, offset);
    return {line, column, offset};
}

} // namespace

JsonTextLocation JsonTextLocation::ofPointer(std::string_view text, std::string_view pointer)
{
    return atOffset(text, offsetOfPointer(text, pointer));
}

JsonTextLocation JsonTextLocation::ofWhere(std::string_view text, const std::string &where)
{
    if (const auto hash = where.rfind('#'); hash != std::string::npos)
        return ofPointer(text, std::string_view(where).substr(hash + 1));
    // "origin:line:column": the last two numbers.
    const auto lastColon = where.rfind(':');
    const auto lineColon = lastColon == std::string::npos || lastColon == 0 ? std::string::npos
                                                                            : where.rfind(':', lastColon - 1);
    int line = 0;
    int column = 0;
    if (lineColon != std::string::npos) {
        const char *lineStart = where.data() + lineColon + 1;
        const char *columnStart = where.data() + lastColon + 1;
        const bool lineOk = std::from_chars(lineStart, where.data() + lastColon, line).ec == std::errc();
        const bool columnOk =
            std::from_chars(columnStart, where.data() + where.size(), column).ec == std::errc();
        if (lineOk && columnOk && line > 0 && column > 0) {
            std::size_t offset = 0;
            for (int current = 1; current < line && offset < text.size(); ++offset)
                current += text[offset] == '\n' ? 1 : 0;
            offset = std::min(offset + std::size_t(column - 1), text.size());
            return {line, column, offset};
        }
    }
    return {};
}

} // namespace preflight::ui
