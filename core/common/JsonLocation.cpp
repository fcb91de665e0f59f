#include "common/JsonLocation.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace preflight {

namespace {

// Just enough of a JSON scanner to walk to a member: it trusts the text to be well-formed (the errors
// located by pointer come from files that parsed) and stops quietly where it is not.
class Scanner
{
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    std::size_t position() const { return m_at; }
    char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
    void advance() { ++m_at; }

    void skipSpace()
    {
        while (m_at < m_text.size() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t'))
            ++m_at;
    }

    // A string at the current position, escapes decoded except \u (kept as written).
    std::optional<std::string> readString()
    {
        if (peek() != '"')
            return std::nullopt;
        ++m_at;
        std::string value;
        while (m_at < m_text.size() && peek() != '"') {
            if (peek() == '\\' && m_at + 1 < m_text.size()) {
                ++m_at;
                switch (peek()) {
                case 'n': value += '\n'; break;
                case 't': value += '\t'; break;
                case 'r': value += '\r'; break;
                case 'b': value += '\b'; break;
                case 'f': value += '\f'; break;
                case 'u': value += "\\u"; break;
                default: value += peek(); break;
                }
            } else {
                value += peek();
            }
            ++m_at;
        }
        if (m_at >= m_text.size())
            return std::nullopt;
        ++m_at;
        return value;
    }

    // Past a member or element that is not the one sought, and the comma before the next: false when the
    // text ends or breaks off instead.
    bool skipValueAndComma()
    {
        if (!skipValue())
            return false;
        skipSpace();
        if (peek() != ',')
            return false;
        ++m_at;
        return true;
    }

    bool skipValue()
    {
        skipSpace();
        if (peek() == '"')
            return readString().has_value();
        if (peek() == '{' || peek() == '[') {
            int depth = 0;
            while (m_at < m_text.size()) {
                const char c = peek();
                if (c == '"') {
                    if (!readString())
                        return false;
                    continue;
                }
                if (c == '{' || c == '[')
                    ++depth;
                else if (c == '}' || c == ']')
                    --depth;
                ++m_at;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        while (m_at < m_text.size() && peek() != ',' && peek() != '}' && peek() != ']' && peek() != ' ' &&
               peek() != '\n' && peek() != '\r' && peek() != '\t')
            ++m_at;
        return true;
    }

    // Moves to the value of member `key` (object) or element `key` (array); the start of the member's
    // key, or of the element, when found.
    std::optional<std::size_t> enter(const std::string &key)
    {
        skipSpace();
        if (peek() == '{') {
            ++m_at;
            while (true) {
                skipSpace();
                const std::size_t start = m_at;
                const std::optional<std::string> name = readString();
                if (!name)
                    return std::nullopt;
                skipSpace();
                if (peek() != ':')
                    return std::nullopt;
                ++m_at;
                skipSpace();
                if (*name == key)
                    return start;
                if (!skipValueAndComma())
                    return std::nullopt;
            }
        }
        if (peek() == '[') {
            std::size_t wanted = 0;
            const auto parsed = std::from_chars(key.data(), key.data() + key.size(), wanted);
            if (parsed.ec != std::errc() || parsed.ptr != key.data() + key.size())
                return std::nullopt;
            ++m_at;
            for (std::size_t index = 0;; ++index) {
                skipSpace();
                if (peek() == ']')
                    return std::nullopt;
                if (index == wanted)
                    return m_at;
                if (!skipValueAndComma())
                    return std::nullopt;
            }
        }
        return std::nullopt;
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

std::vector<std::string> pointerTokens(std::string_view pointer)
{
    std::vector<std::string> tokens;
    std::size_t at = 0;
    while (at < pointer.size() && pointer[at] == '/') {
        const std::size_t end = std::min(pointer.find('/', at + 1), pointer.size());
        std::string token;
        for (std::size_t i = at + 1; i < end; ++i) {
            if (pointer[i] == '~' && i + 1 < end) {
                token += pointer[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                token += pointer[i];
            }
        }
        tokens.push_back(std::move(token));
        at = end;
    }
    return tokens;
}

} // namespace

std::size_t offsetOfPointer(std::string_view text, std::string_view pointer)
{
    Scanner scanner(text);
    scanner.skipSpace();
    std::size_t best = scanner.position();
    for (const std::string &token : pointerTokens(pointer)) {
        const std::optional<std::size_t> found = scanner.enter(token);
        if (!found)
            break;
        best = *found;
    }
    return best;
}

} // namespace preflight
