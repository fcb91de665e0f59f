#include "env/TestCustomers.h"

#include "api/Dialect.h"

#include <QUrl>

#include <algorithm>

namespace preflight::TestCustomers {

void tag(Call &call)
{
    if (call.kind == CallKind::Identify) {
        if (!call.properties.is_object())
            call.properties = Json::object();
        call.properties[kAttribute] = true;
    }
    for (Call &inner : call.batch)
        tag(inner);
}

bool hasTestIdentity(const Call &call)
{
    if (call.kind == CallKind::Batch) {
        for (const Call &inner : call.batch) {
            if (!hasTestIdentity(inner))
                return false;
        }
        return true;
    }
    const Identity &who = call.identity;
    if (!who.id.empty())
        return who.id.starts_with(kIdPrefix);
    if (!who.email.empty()) {
        const auto at = who.email.find('@');
        return at != std::string::npos && who.email.substr(0, at).ends_with("+preflight-test");
    }
    // Anonymous activity belongs to no person, so it cannot pollute one.
    return !who.isKnown();
}

HttpRequest searchRequest(const ApiTarget &target)
{
    HttpRequest request;
    request.method = "POST";
    request.url = target.origin(Api::App) + "/v1/customers";
    request.setHeader("Content-Type", "application/json");
    request.body =
        Json{
            {"filter",
             {{"and", Json::array({Json{
                          {"attribute", {{"field", kAttribute}, {"operator", "eq"}, {"value", "true"}}}}})}}}}
            .dump();
    return request;
}

Result<std::vector<std::string>> idsFromSearch(const std::string &body)
{
    Result<Json> json = parseJson(body, "search response");
    if (!json)
        return json.error();
    std::vector<std::string> ids;
    if (!json->is_object())
        return Error{"search_response", "the search answer is not a JSON object", ""};
    const Json &identifiers = json->contains("identifiers") ? (*json)["identifiers"] : (*json)["results"];
    if (!identifiers.is_array())
        return Error{"search_response", "the search answer has no \"identifiers\" list", "/identifiers"};
    for (const Json &person : identifiers) {
        if (!person.is_object())
            continue;
        if (person.contains("id") && person["id"].is_string() && !person["id"].get<std::string>().empty())
            ids.push_back(person["id"].get<std::string>());
        else if (person.contains("cio_id") && person["cio_id"].is_string())
            ids.push_back("cio_" + person["cio_id"].get<std::string>());
    }
    return ids;
}

HttpRequest deleteRequest(const ApiTarget &target, const std::string &id)
{
    HttpRequest request;
    request.method = "DELETE";
    const QByteArray segment = QUrl::toPercentEncoding(QString::fromStdString(id));
    request.url = target.origin(Api::TrackV1) + "/api/v1/customers/" + segment.toStdString();
    return request;
}

namespace {

constexpr std::string_view kDeletePrefix = "cleanup:";

void collectIds(const Call &call, std::vector<std::string> &ids)
{
    for (const Call &inner : call.batch)
        collectIds(inner, ids);
    const bool createsOrUpdates = call.kind == CallKind::Identify || call.kind == CallKind::Track ||
                                  call.kind == CallKind::Page || call.kind == CallKind::Screen;
    if (!createsOrUpdates)
        return;
    if (!call.identity.id.empty())
        ids.push_back(call.identity.id);
    else if (!call.identity.cioId.empty())
        ids.push_back("cio_" + call.identity.cioId);
}

} // namespace

bool isDeletableFromProduction(const std::string &id)
{
    return id.starts_with(kIdPrefix) || id.starts_with("cio_");
}

std::string deleteDedupeId(const std::string &id, std::int64_t nowMs)
{
    // A delete is idempotent: one per run, so that a later clean-up deletes again.
    return std::string(kDeletePrefix) + id + ":" + std::to_string(nowMs);
}

std::optional<std::string> deletedId(const std::string &dedupeId)
{
    const std::size_t stamp = dedupeId.rfind(':');
    if (!dedupeId.starts_with(kDeletePrefix) || stamp == std::string::npos || stamp < kDeletePrefix.size())
        return std::nullopt;
    return dedupeId.substr(kDeletePrefix.size(), stamp - kDeletePrefix.size());
}

std::vector<std::string> idsIn(const HttpRequest &request, Api api)
{
    std::vector<std::string> ids;
    if (api == Api::App)
        return ids;
    const auto items = dialectFor(api).parseBatchItems(request);
    if (!items)
        return ids;
    for (const Result<Call> &item : *items) {
        if (item)
            collectIds(*item, ids);
    }
    return ids;
}

} // namespace preflight::TestCustomers
