#include "api/PipelinesRecord.h"

#include "api/PipelinesDialect.h"

namespace preflight {

bool isPipelinesRecord(const Json &json)
{
    return json.is_object() && json.contains("type") && !json.contains("kind");
}

Result<Call> callFromPipelinesRecord(const Json &record, const std::string &where)
{
    const auto type = record.is_object() ? record.find("type") : record.end();
    const std::optional<CallKind> kind = type != record.end() && type->is_string()
                                             ? callKindFromString(type->get<std::string>())
                                             : std::nullopt;
    if (!kind || !(*kind == CallKind::Identify || *kind == CallKind::Track || *kind == CallKind::Page ||
                   *kind == CallKind::Screen || *kind == CallKind::Group || *kind == CallKind::Alias))
        return Error{"unsupported_type", "type must be identify, track, page, screen, group or alias",
                     where + "/type"};
    const auto original = record.find("originalTimestamp");
    if (!record.contains("timestamp") && original != record.end()) {
        Json withTimestamp = record;
        withTimestamp["timestamp"] = *original;
        return PipelinesDialect::parseMessage(withTimestamp, *kind, where);
    }
    return PipelinesDialect::parseMessage(record, *kind, where);
}

} // namespace preflight
