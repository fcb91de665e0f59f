#include "journeys/LiquidReferences.h"

#include "common/Json.h"

#include <cctype>
#include <map>
#include <optional>

namespace preflight {

namespace {

bool identStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool identChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '?';
}

// A variable reference in an expression: its segments ("event", "items", "[]", "sku").
struct Path {
    std::vector<std::string> segments;
    std::size_t offset = 0; // in the expression
};

// Every variable path in an expression, skipping strings, numbers and Liquid's own words. `firstOnly`:
// just the expression's leading value (an output's, before its filters).
std::vector<Path> paths(std::string_view expression, bool firstOnly)
{
    static const char *const kWords[] = {"and",      "or",    "not",    "contains", "in",    "true",
                                         "false",    "nil",   "null",   "empty",    "blank", "with",
                                         "reversed", "limit", "offset", "by",       "cols"};
    std::vector<Path> out;
    std::size_t i = 0;
    while (i < expression.size()) {
        const char c = expression[i];
        if (c == '"' || c == '\'') {
            const std::size_t close = expression.find(c, i + 1);
            i = close == std::string_view::npos ? expression.size() : close + 1;
            continue;
        }
        if (c == '|' && firstOnly)
            break;
        if (c == '|') { // a filter's name is not a variable; its arguments may be
            ++i;
            while (i < expression.size() && (expression[i] == ' ' || identChar(expression[i])))
                ++i;
            continue;
        }
        if (!identStart(c) || (i > 0 && (identChar(expression[i - 1]) || expression[i - 1] == '.'))) {
            ++i;
            continue;
        }
        Path path;
        path.offset = i;
        while (i < expression.size()) {
            const std::size_t start = i;
            while (i < expression.size() && identChar(expression[i]))
                ++i;
            path.segments.emplace_back(expression.substr(start, i - start));
            // Index or key accessors: [0] is any element, ["key"] a member.
            while (i < expression.size() && expression[i] == '[') {
                const std::size_t close = expression.find(']', i);
                if (close == std::string_view::npos)
                    break;
                std::string_view inside = expression.substr(i + 1, close - i - 1);
                if (!inside.empty() && (inside.front() == '"' || inside.front() == '\'') &&
                    inside.size() >= 2)
                    path.segments.emplace_back(inside.substr(1, inside.size() - 2));
                else
                    path.segments.emplace_back("[]");
                i = close + 1;
            }
            if (i < expression.size() && expression[i] == '.' && i + 1 < expression.size() &&
                identStart(expression[i + 1])) {
                ++i;
                continue;
            }
            break;
        }
        bool word = path.segments.size() == 1;
        if (word) {
            word = false;
            for (const char *keyword : kWords)
                word = word || path.segments.front() == keyword;
        }
        if (!word)
            out.push_back(std::move(path));
        if (firstOnly)
            break;
    }
    return out;
}

// Liquid's array shorthands read an element: items.first.sku is items[].sku; .size is no member at all.
std::string planPath(const std::vector<std::string> &segments, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < segments.size(); ++i) {
        const std::string &segment = segments[i];
        if (segment == "size")
            break;
        if (segment == "[]" || segment == "first" || segment == "last") {
            out += "[]";
            continue;
        }
        out += (out.empty() ? "" : ".") + segment;
    }
    return out;
}

class Scanner
{
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    Result<std::vector<LiquidReference>> run()
    {
        std::size_t at = 0;
        while (true) {
            const std::size_t output = m_text.find("{{", at);
            const std::size_t tag = m_text.find("{%", at);
            const std::size_t open = std::min(output, tag);
            if (open == std::string_view::npos)
                break;
            const bool isTag = open == tag;
            const std::string_view close = isTag ? "%}" : "}}";
            const std::size_t end = closing(open + 2, close);
            if (end == std::string_view::npos)
                return error(open, std::string(isTag ? "{%" : "{{") + " is never closed with " +
                                       std::string(close));
            std::size_t from = open + 2;
            std::size_t to = end;
            if (from < to && m_text[from] == '-') // whitespace control: {{- … -}}
                ++from;
            if (to > from && m_text[to - 1] == '-')
                --to;
            const std::string_view inside = m_text.substr(from, to - from);
            at = end + 2;
            if (!isTag) {
                output_(inside, from);
                continue;
            }
            auto next = tag_(inside, from, at);
            if (!next)
                return next.error();
            at = *next;
        }
        if (!m_blocks.empty())
            return error(m_blocks.back().second, "{% " + m_blocks.back().first +
                                                     " %} is never closed with {% end" +
                                                     m_blocks.back().first + " %}");
        return std::move(m_references);
    }

private:
    // The end marker after `from`, skipping quoted strings; npos when there is none.
    std::size_t closing(std::size_t from, std::string_view marker) const
    {
        for (std::size_t i = from; i + 1 < m_text.size(); ++i) {
            const char c = m_text[i];
            if (c == '"' || c == '\'') {
                const std::size_t close = m_text.find(c, i + 1);
                if (close == std::string_view::npos)
                    return std::string_view::npos;
                i = close;
                continue;
            }
            if (m_text.compare(i, marker.size(), marker) == 0)
                return i;
        }
        return std::string_view::npos;
    }

    Error error(std::size_t offset, std::string message) const
    {
        const auto [line, column] = lineColumnAt(m_text, offset);
        return Error{"liquid_syntax", std::move(message),
                     std::to_string(line) + ":" + std::to_string(column)};
    }

    void reference(const Path &path, std::size_t base, bool hasDefault)
    {
        const std::string &head = path.segments.front();
        LiquidReference out;
        std::string prefix;
        std::size_t from = 1;
        if (const auto local = m_loops.find(head); local != m_loops.end()) {
            out.root = local->second.first;
            prefix = local->second.second;
        } else if (head == "event") {
            out.root = LiquidReference::Root::Event;
        } else if (head == "trigger") {
            out.root = LiquidReference::Root::Trigger;
        } else if (head == "customer") {
            out.root = LiquidReference::Root::Customer;
        } else {
            return; // a local, forloop, a snippet: not data the plan describes
        }
        const std::string rest = planPath(path.segments, from);
        out.path = prefix.empty() ? rest
                   : rest.empty() ? prefix
                                  : prefix + (rest.front() == '[' ? "" : ".") + rest;
        if (out.path.empty())
            return; // the whole event or customer object
        out.hasDefault = hasDefault;
        out.loopPrefix = prefix.size();
        const auto [line, column] = lineColumnAt(m_text, base + path.offset);
        out.line = line;
        out.column = column;
        m_references.push_back(std::move(out));
    }

    void output_(std::string_view inside, std::size_t base)
    {
        bool hasDefault = false;
        for (std::size_t bar = inside.find('|'); bar != std::string_view::npos;
             bar = inside.find('|', bar + 1)) {
            std::size_t name = bar + 1;
            while (name < inside.size() && inside[name] == ' ')
                ++name;
            hasDefault = hasDefault || inside.compare(name, 7, "default") == 0;
        }
        for (const Path &path : paths(inside, true))
            reference(path, base, hasDefault);
    }

    // Handles one tag; returns where scanning goes on (after a raw or comment block's end).
    Result<std::size_t> tag_(std::string_view inside, std::size_t base, std::size_t after)
    {
        std::size_t start = 0;
        while (start < inside.size() && std::isspace(static_cast<unsigned char>(inside[start])))
            ++start;
        std::size_t stop = start;
        while (stop < inside.size() && identChar(inside[stop]))
            ++stop;
        const std::string name(inside.substr(start, stop - start));
        const std::string_view rest = inside.substr(stop);
        const std::size_t restBase = base + stop;
        if (name == "raw" || name == "comment") {
            const std::string end = "end" + name;
            for (std::size_t at = m_text.find("{%", after); at != std::string_view::npos;
                 at = m_text.find("{%", at + 2)) {
                std::size_t word = at + 2;
                while (word < m_text.size() && (m_text[word] == '-' || m_text[word] == ' '))
                    ++word;
                if (m_text.compare(word, end.size(), end) == 0) {
                    const std::size_t close = m_text.find("%}", word);
                    if (close != std::string_view::npos)
                        return close + 2;
                }
            }
            return error(base - 2, "{% " + name + " %} is never closed with {% " + end + " %}");
        }
        if (name == "for") {
            const std::vector<Path> found = paths(rest, false);
            // for VAR in COLLECTION: VAR reads the collection's elements until endfor.
            if (found.size() >= 2) {
                const std::string &variable = found[0].segments.front();
                const Path &collection = found[1];
                const std::size_t before = m_references.size();
                reference(collection, restBase, true); // an absent collection loops zero times
                if (m_references.size() > before) {
                    const LiquidReference element = m_references.back();
                    m_shadowed.push_back({variable, m_loops.contains(variable)
                                                        ? std::optional(m_loops[variable])
                                                        : std::nullopt});
                    m_loops[variable] = {element.root, element.path + "[]"};
                } else {
                    m_shadowed.push_back({variable, std::nullopt});
                    m_loops.erase(variable);
                }
            } else {
                m_shadowed.push_back({"", std::nullopt});
            }
            m_blocks.push_back({"for", base - 2});
            return after;
        }
        if (name == "endfor") {
            if (m_blocks.empty() || m_blocks.back().first != "for")
                return error(base - 2, "{% endfor %} without its {% for %}");
            m_blocks.pop_back();
            const auto [variable, previous] = m_shadowed.back();
            m_shadowed.pop_back();
            if (previous)
                m_loops[variable] = *previous;
            else
                m_loops.erase(variable);
            return after;
        }
        for (const char *block : {"if", "unless", "case", "capture"}) {
            if (name == block)
                m_blocks.push_back({name, base - 2});
            if (name == std::string("end") + block) {
                if (m_blocks.empty() || m_blocks.back().first != block)
                    return error(base - 2, "{% " + name + " %} without its {% " + block + " %}");
                m_blocks.pop_back();
                return after;
            }
        }
        if (name == "if" || name == "unless" || name == "elsif" || name == "case" || name == "when") {
            // A condition on a missing value is false, not a failed delivery.
            for (const Path &path : paths(rest, false))
                reference(path, restBase, true);
        } else if (name == "assign") {
            const std::size_t equals = rest.find('=');
            if (equals != std::string_view::npos)
                for (const Path &path : paths(rest.substr(equals + 1), false))
                    reference(path, restBase + equals + 1, true);
        }
        return after;
    }

    std::string_view m_text;
    std::vector<LiquidReference> m_references;
    std::vector<std::pair<std::string, std::size_t>> m_blocks; // open block tags and where they start
    std::map<std::string, std::pair<LiquidReference::Root, std::string>> m_loops; // loop variable -> element
    std::vector<std::pair<std::string, std::optional<std::pair<LiquidReference::Root, std::string>>>>
        m_shadowed;
};

} // namespace

Result<std::vector<LiquidReference>> liquidReferences(std::string_view text)
{
    return Scanner(text).run();
}

} // namespace preflight
