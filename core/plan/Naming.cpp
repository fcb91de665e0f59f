#include "plan/Naming.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace preflight {

namespace {

bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::vector<std::string> words(std::string_view name)
{
    std::vector<std::string> result;
    std::string current;
    auto flush = [&] {
        if (!current.empty())
            result.push_back(std::move(current));
        current.clear();
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '_' || c == ' ' || c == '-' || c == '.') {
            flush();
            continue;
        }
        // A capital after a lower-case letter or digit starts a word (orderCompleted → order, completed).
        if (isUpper(c) && !current.empty() && (isLower(current.back()) || isDigit(current.back())))
            flush();
        current.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    flush();
    return result;
}

} // namespace

bool followsConvention(std::string_view name, NamingConvention convention)
{
    if (name.empty())
        return false;
    switch (convention) {
    case NamingConvention::SnakeCase:
        if (!isLower(name.front()) || name.back() == '_')
            return false;
        for (std::size_t i = 0; i < name.size(); ++i) {
            const char c = name[i];
            if (!(isLower(c) || isDigit(c) || c == '_') || (c == '_' && name[i - 1] == '_'))
                return false;
        }
        return true;
    case NamingConvention::CamelCase:
        if (!isLower(name.front()))
            return false;
        return std::all_of(name.begin(), name.end(),
                           [](char c) { return isLower(c) || isUpper(c) || isDigit(c); });
    case NamingConvention::TitleCase: {
        bool wordStart = true;
        for (const char c : name) {
            if (c == ' ') {
                if (wordStart)
                    return false;
                wordStart = true;
                continue;
            }
            if (wordStart ? !(isUpper(c) || isDigit(c)) : !(isLower(c) || isDigit(c)))
                return false;
            wordStart = false;
        }
        return !wordStart;
    }
    }
    return false;
}

std::string applyConvention(std::string_view name, NamingConvention convention)
{
    const std::vector<std::string> parts = words(name);
    std::string result;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string word = parts[i];
        switch (convention) {
        case NamingConvention::SnakeCase:
            if (i > 0)
                result += '_';
            break;
        case NamingConvention::TitleCase:
            if (i > 0)
                result += ' ';
            word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
            break;
        case NamingConvention::CamelCase:
            if (i > 0)
                word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
            break;
        }
        result += word;
    }
    return result;
}

std::string toSnakeCase(std::string_view name)
{
    return applyConvention(name, NamingConvention::SnakeCase);
}

} // namespace preflight
