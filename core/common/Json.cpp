#include "common/Json.h"

#include <QFile>
#include <QSaveFile>
#include <QString>

#include <simdjson.h>

#include <cassert>

namespace preflight {

namespace {

// `element` comes from a successful parse and its type was checked, so the read cannot fail.
template <typename T> T read(simdjson::dom::element element)
{
    T value{};
    [[maybe_unused]] const simdjson::error_code error = element.get(value);
    assert(error == simdjson::SUCCESS);
    return value;
}

Json fromElement(simdjson::dom::element element)
{
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
    case Type::OBJECT: {
        Json object = Json::object();
        for (const simdjson::dom::key_value_pair field : read<simdjson::dom::object>(element))
            object[std::string(field.key)] = fromElement(field.value); // the last duplicate wins
        return object;
    }
    case Type::ARRAY: {
        Json array = Json::array();
        for (const simdjson::dom::element item : read<simdjson::dom::array>(element))
            array.push_back(fromElement(item));
        return array;
    }
    case Type::STRING: return Json(std::string(read<std::string_view>(element)));
    case Type::INT64: {
        const auto number = read<std::int64_t>(element);
        // nlohmann keeps non-negative integers unsigned.
        return number >= 0 ? Json(static_cast<std::uint64_t>(number)) : Json(number);
    }
    case Type::UINT64: return Json(read<std::uint64_t>(element));
    case Type::DOUBLE: return Json(read<double>(element));
    case Type::BOOL: return Json(read<bool>(element));
    case Type::NULL_VALUE: return Json(nullptr);
    }
    return Json();
}

} // namespace

std::optional<Json> parseJsonQuickly(std::string_view text)
{
    if (findExcessiveNesting(text))
        return std::nullopt;
    thread_local simdjson::dom::parser parser; // keeps its buffers between calls
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    return fromElement(root);
}

std::pair<int, int> lineColumnAt(std::string_view text, std::size_t offset)
{
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

std::optional<std::size_t> findExcessiveNesting(std::string_view text)
{
    // Counting brackets is cheap; only text with more of them than the limit can nest too deep.
    std::size_t brackets = 0;
    for (const char c : text)
        brackets += static_cast<std::size_t>(c == '[') + static_cast<std::size_t>(c == '{');
    if (brackets <= kMaxJsonDepth)
        return std::nullopt;
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i; // the escaped character cannot end the string
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if ((c == '[' || c == '{') && ++depth > kMaxJsonDepth)
            return i;
        else if ((c == ']' || c == '}') && depth > 0)
            --depth;
    }
    return std::nullopt;
}

std::string validUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toStdString();
}

namespace {

std::string located(std::string_view origin, std::string_view text, std::size_t offset)
{
    const auto [line, column] = lineColumnAt(text, offset);
    return std::string(origin) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// nlohmann's DOM builder, but a failure is kept with its position instead of thrown: its out_of_range
// error for a number beyond double range (1e400) carries no position of its own.
template <typename J> class LocatingDomBuilder : public nlohmann::detail::json_sax_dom_parser<J>
{
public:
    explicit LocatingDomBuilder(J &root) : nlohmann::detail::json_sax_dom_parser<J>(root, false) {}

    bool parse_error(std::size_t position, const std::string &token, const nlohmann::detail::exception &error)
    {
        m_failed = true;
        m_message = error.what();
        if (error.id == 406) {
            m_code = "json_number_out_of_range";
            m_offset = position >= token.size() ? position - token.size() : 0; // the number's first byte
            m_message = "number out of range: " + token;
        } else {
            m_code = "json_syntax";
            // nlohmann reports the byte just past the offending token; point at it, not after it.
            m_offset = position > 0 ? position - 1 : 0;
            if (const auto at = m_message.find("syntax error"); at != std::string::npos)
                m_message = m_message.substr(at);
        }
        m_message = validUtf8(m_message); // it may quote the offending bytes
        return false;
    }

    bool failed() const { return m_failed; }
    Error error(std::string_view origin, std::string_view text) const
    {
        return Error{m_code, m_message, located(origin, text, m_offset)};
    }

private:
    bool m_failed = false;
    std::string m_code;
    std::string m_message;
    std::size_t m_offset = 0;
};

template <typename J> Result<J> parseBounded(std::string_view text, std::string_view origin)
{
    if (const std::optional<std::size_t> offset = findExcessiveNesting(text))
        return Error{"json_too_deep", "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                     located(origin, text, *offset)};
    J value;
    LocatingDomBuilder<J> builder(value);
    if (!J::sax_parse(text, &builder) || builder.failed())
        return builder.failed() ? builder.error(origin, text)
                                : Error{"json_syntax", "not valid JSON", located(origin, text, 0)};
    return value;
}

} // namespace

Result<Json> parseJson(std::string_view text, std::string_view origin)
{
    return parseBounded<Json>(text, origin);
}

Result<OrderedJson> parseOrderedJson(std::string_view text, std::string_view origin)
{
    return parseBounded<OrderedJson>(text, origin);
}

Result<Json> parseJsonLine(std::string_view line, std::string_view path, std::int64_t lineNumber)
{
    Result<Json> json = parseJson(line, path);
    if (json)
        return json;
    // Within one line the parser's line is always 1: keep its column, put the file's line in front.
    const std::string &where = json.error().where;
    const std::string column = where.substr(where.rfind(':') + 1);
    return Error{json.error().code, json.error().message,
                 std::string(path) + ":" + std::to_string(lineNumber) + ":" + column};
}

Result<std::string> readTextFile(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error{"file_unreadable", "cannot read file: " + file.errorString().toStdString(), path};
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

Result<Json> readJsonFile(const std::string &path)
{
    auto text = readTextFile(path);
    if (!text)
        return text.error();
    return parseJson(*text, path);
}

std::string toFileText(const Json &value)
{
    return value.dump(2, ' ', false, Json::error_handler_t::strict) + "\n";
}

std::string toFileText(const OrderedJson &value)
{
    return value.dump(2, ' ', false, OrderedJson::error_handler_t::strict) + "\n";
}

Status writeTextFile(const std::string &path, std::string_view text)
{
    // QSaveFile writes to a temporary and renames, so a crash never leaves half a file.
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return Error{"file_unwritable", "cannot write file: " + file.errorString().toStdString(), path};
    file.write(text.data(), static_cast<qint64>(text.size()));
    if (!file.commit())
        return Error{"file_unwritable", "cannot write file: " + file.errorString().toStdString(), path};
    return Ok{};
}

std::string jsonTypeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "unknown";
    }
}

std::string jsonPointerToken(std::string_view token)
{
    // A pointer's text starts with the '/' before its first token.
    return (Json::json_pointer() / std::string(token)).to_string().substr(1);
}

} // namespace preflight
