#include "api/AppApiRequests.h"

#include "api/UrlParts.h"

#include <algorithm>

namespace preflight {

namespace {

HttpRequest appGet(std::string url, const ApiTarget &target)
{
    HttpRequest request;
    request.method = "GET";
    request.url = std::move(url);
    request.setHeader("Authorization", "Bearer " + target.credentials.appApiKey, true);
    request.setHeader("Accept", "application/json");
    return request;
}

std::string customerUrl(const std::string &identifier, const ApiTarget &target)
{
    return target.origin(Api::App) + "/v1/customers/" + percentEncode(identifier);
}

} // namespace

std::string_view toString(IdType type)
{
    switch (type) {
    case IdType::Id: return "id";
    case IdType::Email: return "email";
    case IdType::Phone: return "phone";
    case IdType::CioId: return "cio_id";
    }
    return "id";
}

HttpRequest customerAttributesRequest(const std::string &identifier, IdType idType, const ApiTarget &target)
{
    return appGet(customerUrl(identifier, target) + "/attributes?id_type=" + std::string(toString(idType)),
                  target);
}

HttpRequest customerActivitiesRequest(const std::string &identifier, IdType idType,
                                      const ActivityQuery &query, const ApiTarget &target)
{
    std::string url =
        customerUrl(identifier, target) + "/activities?id_type=" + std::string(toString(idType));
    if (!query.type.empty())
        url += "&type=" + percentEncode(query.type);
    if (!query.name.empty())
        url += "&name=" + percentEncode(query.name);
    if (query.limit)
        url += "&limit=" + std::to_string(std::clamp(*query.limit, 1, 100));
    if (!query.start.empty())
        url += "&start=" + percentEncode(query.start);
    return appGet(std::move(url), target);
}

HttpRequest customersByEmailRequest(const std::string &email, const ApiTarget &target)
{
    return appGet(target.origin(Api::App) + "/v1/customers?email=" + percentEncode(email), target);
}

} // namespace preflight
