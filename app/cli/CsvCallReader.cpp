#include "CsvCallReader.h"

#include "api/TimestampInput.h"
#include "plan/Plan.h"

#include <csv.h>

#include <algorithm>
#include <charconv>

using namespace preflight;

namespace SendSupport {

namespace {

const std::set<std::string> kIdentityColumns = {"id", "email", "cio_id", "phone", "anonymous_id"};

std::optional<Json> inferred(const std::string &value, std::string &type)
{
    std::int64_t integer = 0;
    if (auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), integer);
        ec == std::errc() && end == value.data() + value.size()) {
        type = "integer";
        return Json(integer);
    }
    double number = 0;
    if (auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        ec == std::errc() && end == value.data() + value.size()) {
        type = "number";
        return Json(number);
    }
    if (value == "true" || value == "false") {
        type = "boolean";
        return Json(value == "true");
    }
    type = "string";
    return Json(value);
}

} // namespace

// libcsv calls back per field and per row; rows wait here until next() takes them.
struct CsvCallReader::Parser {
    csv_parser parser{};
    std::vector<std::string> row;
    std::deque<std::vector<std::string>> rows;

    static void field(void *data, std::size_t length, void *self)
    {
        auto *parser = static_cast<Parser *>(self);
        if (data)
            parser->row.emplace_back(static_cast<const char *>(data), length);
        else
            parser->row.emplace_back();
    }
    static void endOfRow(int, void *self)
    {
        auto *parser = static_cast<Parser *>(self);
        parser->rows.push_back(std::move(parser->row));
        parser->row.clear();
    }
};

CsvCallReader::CsvCallReader(QString path, Kind kind, const Plan *plan)
    : m_path(std::move(path)), m_kind(kind), m_plan(plan), m_parser(std::make_unique<Parser>())
{
    csv_init(&m_parser->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
}

CsvCallReader::~CsvCallReader()
{
    csv_free(&m_parser->parser);
}

Status CsvCallReader::open()
{
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly))
        return Error{"file_unreadable", "cannot read the CSV file", m_path.toStdString()};
    Result<std::optional<std::vector<std::string>>> header = nextRow();
    if (!header)
        return header.error();
    if (!*header)
        return Error{"csv_no_header", "the CSV file has no header row", m_path.toStdString() + ":1"};
    m_header = std::move(**header);
    const bool named = std::any_of(m_header.begin(), m_header.end(), [](const std::string &column) {
        return kIdentityColumns.count(column) > 0;
    });
    if (!named)
        return Error{"csv_no_identity",
                     "the header names no person: add an id, email, cio_id, phone or "
                     "anonymous_id column",
                     m_path.toStdString() + ":1"};
    if (m_kind == Kind::Events && std::find(m_header.begin(), m_header.end(), "name") == m_header.end() &&
        std::find(m_header.begin(), m_header.end(), "event") == m_header.end())
        return Error{"csv_no_event_name", "an events CSV needs a name (or event) column",
                     m_path.toStdString() + ":1"};
    return Ok{};
}

Result<std::optional<std::vector<std::string>>> CsvCallReader::nextRow()
{
    while (m_parser->rows.empty()) {
        if (m_file.atEnd()) {
            if (csv_fini(&m_parser->parser, Parser::field, Parser::endOfRow, m_parser.get()) != 0)
                return Error{"csv_malformed", csv_strerror(csv_error(&m_parser->parser)),
                             m_path.toStdString() + ":" + std::to_string(m_row + 1)};
            if (m_parser->rows.empty())
                return std::optional<std::vector<std::string>>{};
            break;
        }
        const QByteArray chunk = m_file.read(64 * 1024);
        if (csv_parse(&m_parser->parser, chunk.constData(), std::size_t(chunk.size()), Parser::field,
                      Parser::endOfRow, m_parser.get()) != std::size_t(chunk.size()))
            return Error{"csv_malformed", csv_strerror(csv_error(&m_parser->parser)),
                         m_path.toStdString() + ":" + std::to_string(m_row + m_parser->rows.size() + 1)};
    }
    std::vector<std::string> row = std::move(m_parser->rows.front());
    m_parser->rows.pop_front();
    ++m_row;
    return std::optional<std::vector<std::string>>{std::move(row)};
}

Result<std::optional<SourcedCall>> CsvCallReader::next()
{
    Result<std::optional<std::vector<std::string>>> row = nextRow();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<SourcedCall>{};
    const std::string where = m_path.toStdString() + ":" + std::to_string(m_row);
    if ((*row)->size() != m_header.size())
        return Error{"csv_columns",
                     "the row has " + std::to_string((*row)->size()) + " cells, the header " +
                         std::to_string(m_header.size()),
                     where};
    Result<Call> call = callOf(**row, where);
    if (!call)
        return call.error();
    std::string source = where + "\n";
    for (const std::string &cell : **row)
        source += cell + "\x1f"; // the row's cells: what a derived dedupe id depends on
    return std::optional<SourcedCall>{SourcedCall{std::move(*call), std::move(source)}};
}

Result<Call> CsvCallReader::callOf(const std::vector<std::string> &row, const std::string &where)
{
    Call call;
    call.kind = m_kind == Kind::People ? CallKind::Identify : CallKind::Track;
    if (m_kind == Kind::Events) {
        for (std::size_t i = 0; i < m_header.size(); ++i) {
            if (m_header[i] == "name" || m_header[i] == "event")
                call.name = row[i];
        }
        if (call.name.empty())
            return Error{"csv_no_event_name", "the row has no event name", where};
    }
    for (std::size_t i = 0; i < m_header.size(); ++i) {
        const std::string &column = m_header[i];
        const std::string &value = row[i];
        const std::string at = where + " column " + column;
        if (value.empty())
            continue; // an empty cell says nothing
        if (column == "id")
            call.identity.id = value;
        else if (column == "email")
            call.identity.email = value;
        else if (column == "cio_id")
            call.identity.cioId = value;
        else if (column == "phone")
            call.identity.phone = value;
        else if (column == "anonymous_id")
            call.identity.anonymousId = value;
        else if (m_kind == Kind::Events && (column == "name" || column == "event"))
            continue;
        else if (m_kind == Kind::Events && column == "timestamp") {
            Result<UnixMillis> at_ = parseTimestampInput(value, TimestampInputFormat::Auto, at);
            if (!at_)
                return at_.error();
            call.occurredAt = *at_;
        } else if (m_kind == Kind::Events && column == "event_id")
            call.dedupeId = value;
        else {
            Result<Json> json = typed(column, value, call.name, at);
            if (!json)
                return json.error();
            call.properties[column] = std::move(*json);
        }
    }
    return call;
}

Result<Json> CsvCallReader::typed(const std::string &column, const std::string &value,
                                  const std::string &eventName, const std::string &where)
{
    std::optional<PropertyType> planned;
    if (m_plan && m_kind == Kind::Events) {
        if (const EventSpec *event = m_plan->findEventOrAlias(eventName))
            if (const PropertySpec *property = event->findProperty(column))
                planned = property->type;
    } else if (m_plan) {
        for (const AttributeSpec &attribute : m_plan->attributes)
            if (attribute.name == column)
                planned = attribute.type;
    }
    std::string type;
    const std::optional<Json> guess = inferred(value, type);
    if (!planned) {
        m_inferred[column].insert(type);
        return *guess;
    }
    const auto refuse = [&](const char *wanted) {
        return Error{"csv_type",
                     "\"" + value + "\" is not " + wanted + " (the plan says " +
                         std::string(toString(*planned)) + ")",
                     where};
    };
    switch (*planned) {
    case PropertyType::Integer:
        if (type != "integer")
            return refuse("an integer");
        return *guess;
    case PropertyType::Number:
        if (type != "integer" && type != "number")
            return refuse("a number");
        return *guess;
    case PropertyType::Boolean:
        if (type != "boolean")
            return refuse("true or false");
        return *guess;
    case PropertyType::Timestamp:
        return type == "integer" ? *guess : Json(value); // unix seconds, or the text (ISO-8601)
    case PropertyType::Object:
    case PropertyType::Array: {
        Result<Json> json = parseJson(value, where);
        if (!json)
            return json.error();
        return *json;
    }
    default: return Json(value); // string, enum
    }
}

std::string CsvCallReader::inferredColumns() const
{
    std::string out;
    for (const auto &[column, types] : m_inferred) {
        std::string joined;
        for (const std::string &type : types)
            joined += (joined.empty() ? "" : "/") + type;
        out += (out.empty() ? "" : ", ") + column + " " + joined;
    }
    return out;
}

} // namespace SendSupport
