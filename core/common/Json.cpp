#include "common/Json.h"

#include <QFile>
#include <QSaveFile>

namespace preflight {

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

} // namespace preflight
