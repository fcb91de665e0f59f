#include "api/ManualSegmentChange.h"

#include "api/DialectSupport.h"
#include "api/UrlParts.h"

#include <charconv>

namespace preflight {

std::vector<Call> ManualSegmentChange::calls() const
{
    std::vector<Call> out;
    out.reserve(ids.size());
    for (const std::string &identifier : ids) {
        Call &call = out.emplace_back();
        call.kind = add ? CallKind::ManualSegmentAdd : CallKind::ManualSegmentRemove;
        call.name = std::to_string(segmentId);
        call.identity = Identity::ofType(idType, identifier).value_or(Identity{identifier, {}, {}, {}, {}});
    }
    return out;
}

Result<ManualSegmentChange> parseManualSegmentChange(const HttpRequest &request)
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    const auto &s = url.segments;
    if (s.size() != 5 || s[2] != "segments" || (s[4] != "add_customers" && s[4] != "remove_customers"))
        return Error{"not_found", "no manual segment route for " + request.url, ""};
    ManualSegmentChange change;
    change.add = s[4] == "add_customers";
    const std::string &id = s[3];
    const auto parsed = std::from_chars(id.data(), id.data() + id.size(), change.segmentId);
    if (parsed.ec != std::errc() || parsed.ptr != id.data() + id.size() || change.segmentId < 1)
        return Error{"invalid_segment_id", "segment_id must be a whole number from 1", ""};
    change.idType = queryValue(url.query, "id_type").value_or("id");
    if (change.idType != "id" && change.idType != "email" && change.idType != "cio_id")
        return Error{"invalid_id_type", "id_type must be id, email or cio_id", ""};

    auto body = dialect::parseObjectBody(request);
    if (!body)
        return body.error();
    const auto ids = body->find("ids");
    if (ids == body->end() || !ids->is_array())
        return Error{"ids_missing", "ids must be an array of identifiers", "/ids"};
    if (ids->empty())
        return Error{"ids_empty", "ids must hold at least one identifier", "/ids"};
    if (ids->size() > ManualSegmentChange::kMaxIds)
        return Error{"too_many_ids", "ids is limited to 1000 identifiers per request", "/ids"};
    for (std::size_t index = 0; index < ids->size(); ++index) {
        const Json &value = (*ids)[index];
        if (!value.is_string())
            return Error{"invalid_id", "ids must be strings", "/ids/" + std::to_string(index)};
        change.ids.push_back(value.get<std::string>());
    }
    return change;
}

} // namespace preflight
