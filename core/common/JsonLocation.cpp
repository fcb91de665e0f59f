#include "common/JsonLocation.h"

#include <string>
#include <vector>

namespace preflight {

namespace {

// A forward-only scanner over JSON text: enough to skip values and read member names.
class Scanner
{
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    std::size_t at() const { return m_at; }
    void skipSpace()
    {
        while (m_at < m_text.size() &&
               (m_text[m_at] == ' ' || m_text[m_at] == '\n' || m_text[m_at] == '\r' || m_text[m_at] == '\t'))
            ++m_at;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    char peek()
    {
        skipSpace();
        return m_at < m_text.size() ? m_text[m_at] : '\0';
    }
    // A string's decoded text (escapes other than \uXXXX kept as their character; \u kept verbatim, which
    // only matters for names that need it, compared the same way).
    std::optional<std::string> string()
    {
        if (!take('"'))
            return std::nullopt;
        std::string out;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at++];
            if (c == '"')
                return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_at >= m_text.size())
                return std::nullopt;
            const char escaped = m_text[m_at++];
            switch (escaped) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': out += "\\u"; break;
            default: out += escaped;
            }
        }
        return std::nullopt;
    }
    bool skipValue()
    {
        const char c = peek();
        if (c == '"')
            return string().has_value();
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_at;
            if (take(close))
                return true;
            do {
                if (c == '{' && (!string() || !take(':')))
                    return false;
                if (!skipValue())
                    return false;
            } while (take(','));
            return take(close);
        }
        const std::size_t start = m_at;
        while (m_at < m_text.size() &&
               std::string_view(",]} \n\r\t").find(m_text[m_at]) == std::string_view::npos)
            ++m_at;
        return m_at > start;
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

std::vector<std::string> tokens(std::string_view pointer)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < pointer.size() && pointer[at] == '/') {
        const std::size_t next = pointer.find('/', at + 1);
        const std::string_view raw =
            pointer.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
        std::string token; // RFC 6901: "~1" is '/', "~0" is '~'
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1'))
                token += raw[++i] == '1' ? '/' : '~';
            else
                token += raw[i];
        }
        out.push_back(std::move(token));
        if (next == std::string_view::npos)
            break;
        at = next;
    }
    return out;
}

} // namespace

std::optional<std::size_t> offsetOfPointer(std::string_view text, std::string_view pointer)
{
    Scanner scanner(text);
    scanner.skipSpace();
    std::size_t found = scanner.at();
    for (const std::string &token : tokens(pointer)) {
        const char open = scanner.peek();
        found = scanner.at();
        if (open != '{' && open != '[')
            return found; // a scalar has no members: the pointer ends here
        scanner.take(open);
        bool reached = false;
        if (open == '{') {
            if (scanner.peek() != '}') {
                do {
                    const std::optional<std::string> name = scanner.string();
                    if (!name || !scanner.take(':'))
                        return std::nullopt;
                    if (*name == token) {
                        scanner.skipSpace();
                        reached = true;
                        break;
                    }
                    if (!scanner.skipValue())
                        return std::nullopt;
                } while (scanner.take(','));
            }
        } else {
            std::size_t index = 0;
            const bool numeric = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
            const std::size_t wanted = numeric ? std::stoul(token) : std::size_t(-1);
            if (scanner.peek() != ']') {
                do {
                    if (index == wanted) {
                        scanner.skipSpace();
                        reached = true;
                        break;
                    }
                    if (!scanner.skipValue())
                        return std::nullopt;
                    ++index;
                } while (scanner.take(','));
            }
        }
        if (!reached)
            return found; // not in the document: its container is where to look
        found = scanner.at();
    }
    return found;
}

} // namespace preflight
