#pragma once

#include "SendInput.h"

#include <QFile>

#include <deque>
#include <map>
#include <memory>
#include <set>

namespace preflight {
struct Plan;
}

namespace SendSupport {

// Reads people or events from a CSV file with a header row (RFC 4180, through libcsv), one row at a time.
//   people: id, email, cio_id, phone, anonymous_id name the person; every other column is an attribute.
//   events: the same identity columns, `name` (or `event`) the event, optional `timestamp` (ISO-8601 or
//           unix seconds) and `event_id`; every other column is a property.
// A value is typed by the plan where it names the attribute or property, else inferred (integer, number,
// true/false, else string) and the inference reported; an empty cell is left out.
class CsvCallReader
{
public:
    enum class Kind { People, Events };

    CsvCallReader(QString path, Kind kind, const preflight::Plan *plan);
    ~CsvCallReader();

    preflight::Status open();
    // The next row's call; nullopt after the last row.
    preflight::Result<std::optional<SourcedCall>> next();
    // "cart_value number, vip boolean": the columns typed by inference, for the user to check.
    std::string inferredColumns() const;

private:
    struct Parser;
    preflight::Result<std::optional<std::vector<std::string>>> nextRow();
    preflight::Result<preflight::Call> callOf(const std::vector<std::string> &row, const std::string &where);
    preflight::Result<preflight::Json> typed(const std::string &column, const std::string &value,
                                             const std::string &eventName, const std::string &where);

    QString m_path;
    Kind m_kind;
    const preflight::Plan *m_plan;
    QFile m_file;
    std::unique_ptr<Parser> m_parser;
    std::vector<std::string> m_header;
    std::int64_t m_row = 0; // 1: the header
    std::map<std::string, std::set<std::string>> m_inferred;
};

} // namespace SendSupport
