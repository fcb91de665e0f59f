#include "common/Json.h"

#include <QFile>
#include <QSaveFile>

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

Result<Json> parseJson(std::string_view text, std::string_view origin)
{
    try {
        return Json::parse(text);
    } catch (const Json::parse_error &e) {
        // nlohmann reports the byte just past the offending token; point at it, not after it.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const auto [line, column] = lineColumnAt(text, offset);
        std::string message = e.what();
        if (const auto pos = message.find("syntax error"); pos != std::string::npos)
            message = message.substr(pos);
        return Error{"json_syntax", message,
                     std::string(origin) + ":" + std::to_string(line) + ":" + std::to_string(column)};
    }
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
