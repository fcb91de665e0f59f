#include "sandbox/ActivityEntry.h"

#include <algorithm>

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
    if (!items.empty()) {
        Json list = Json::array();
        for (std::size_t i = 0; i < items.size(); ++i)
            list.push_back(items[i].toJson(i));
        json["items"] = std::move(list);
    }
    return json;
}

Json ActivityItem::toJson(std::size_t batchIndex) const
{
    Json json = {{"batch_index", batchIndex}, {"outcome", outcome}, {"verdict", failsPlan ? "fail" : "pass"}};
    if (!person.empty())
        json["person"] = person;
    if (!eventName.empty())
        json["event"] = eventName;
    if (!reason.empty())
        json["reason"] = reason;
    return json;
}

void ActivityEntry::keepBody(std::string_view received, std::string_view receivedContentType)
{
    contentType = std::string(receivedContentType);
    bodyKept = received.size() <= kMaxKeptBodyBytes;
    body = bodyKept ? std::string(received) : std::string();
}

bool ActivityFilter::requestMatches(const ActivityEntry &entry) const
{
    if (entry.sequence <= afterSequence)
        return false;
    if (!api.empty() && entry.api != api)
        return false;
    if (!outcome.empty() && entry.outcome != outcome)
        return false;
    if (status && entry.status != *status)
        return false;
    if (since && entry.arrivedAt < *since)
        return false;
    if (until && entry.arrivedAt >= *until)
        return false;
    return true;
}

bool ActivityFilter::callMatches(const std::string &callPerson, const std::string &callEvent,
                                 bool failsPlan) const
{
    return (person.empty() || callPerson == person) && (eventName.empty() || callEvent == eventName) &&
           (!hasViolations || failsPlan == *hasViolations);
}

bool ActivityFilter::matches(const ActivityEntry &entry) const
{
    if (!requestMatches(entry))
        return false;
    if (entry.items.empty())
        return callMatches(entry.person, entry.eventName, !entry.verdicts.empty());
    return std::any_of(entry.items.begin(), entry.items.end(), [this](const ActivityItem &item) {
        return callMatches(item.person, item.eventName, item.failsPlan);
    });
}

std::size_t ActivityFilter::matchingCalls(const ActivityEntry &entry) const
{
    if (!requestMatches(entry))
        return 0;
    if (entry.items.empty())
        return callMatches(entry.person, entry.eventName, !entry.verdicts.empty()) ? 1 : 0;
    return static_cast<std::size_t>(
        std::count_if(entry.items.begin(), entry.items.end(), [this](const ActivityItem &item) {
            return callMatches(item.person, item.eventName, item.failsPlan);
        }));
}

} // namespace preflight
