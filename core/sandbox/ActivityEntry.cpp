#include "sandbox/ActivityEntry.h"

namespace preflight {

Json ActivityEntry::toJson() const
{
    Json json = {
        {"sequence", sequence}, {"arrived_at", toIso8601(arrivedAt)},
        {"api", api},           {"method", method},
        {"path", path},         {"status", status},
        {"outcome", outcome},
    };
    if (!person.empty())
        json["person"] = person;
    if (!eventName.empty())
        json["event"] = eventName;
    if (!reason.empty())
        json["reason"] = reason;
    if (!verdicts.empty())
        json["verdicts"] = verdicts;
    return json;
}

void ActivityEntry::keepBody(std::string_view received, std::string_view receivedContentType)
{
    contentType = std::string(receivedContentType);
    bodyKept = received.size() <= kMaxKeptBodyBytes;
    body = bodyKept ? std::string(received) : std::string();
}

bool ActivityFilter::matches(const ActivityEntry &entry) const
{
    if (entry.sequence <= afterSequence)
        return false;
    if (!person.empty() && entry.person != person)
        return false;
    if (!eventName.empty() && entry.eventName != eventName)
        return false;
    if (!api.empty() && entry.api != api)
        return false;
    if (!outcome.empty() && entry.outcome != outcome)
        return false;
    if (status && entry.status != *status)
        return false;
    if (hasViolations && (!entry.verdicts.empty()) != *hasViolations)
        return false;
    if (since && entry.arrivedAt < *since)
        return false;
    if (until && entry.arrivedAt >= *until)
        return false;
    return true;
}

} // namespace preflight
