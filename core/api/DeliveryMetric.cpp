#include "api/DeliveryMetric.h"

#include "api/DialectSupport.h"
#include "api/UrlParts.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace preflight {

namespace {

using namespace std::string_view_literals;

// /api/v1/metrics: the union of the OpenAPI's per-channel enums (the body does not name its channel).
constexpr std::array kMetrics = {"bounced"sv,   "clicked"sv, "converted"sv, "deferred"sv,
                                 "delivered"sv, "dropped"sv, "opened"sv,    "spammed"sv};
// /api/v1/push/events
constexpr std::array kPushEvents = {"opened"sv, "converted"sv, "delivered"sv};

template <std::size_t N> std::string listed(const std::array<std::string_view, N> &values)
{
    std::string out;
    for (std::string_view value : values)
        out += (out.empty() ? "" : ", ") + std::string(value);
    return out;
}

template <std::size_t N>
Result<std::string> readEnum(const Json &body, const char *key, const std::array<std::string_view, N> &values)
{
    const std::string where = std::string("/") + key;
    auto value = dialect::readString(body, key, where);
    if (!value)
        return value.error();
    if (value->empty())
        return Error{"metric_missing", std::string(key) + " must be present", where};
    if (std::find(values.begin(), values.end(), *value) == values.end())
        return Error{"metric_unknown", std::string(key) + " must be one of " + listed(values), where};
    return value;
}

} // namespace

Result<DeliveryMetric> parseDeliveryMetric(const HttpRequest &request)
{
    UrlParts url;
    if (!splitUrl(request.url, url))
        return Error{"bad_url", "the URL holds a malformed percent escape", ""};
    const bool push = url.segments.size() == 4 && url.segments[2] == "push";
    auto body = dialect::parseObjectBody(request);
    if (!body)
        return body.error();
    DeliveryMetric metric;
    auto deliveryId = dialect::readString(*body, "delivery_id", "/delivery_id");
    if (!deliveryId)
        return deliveryId.error();
    if (deliveryId->empty())
        return Error{"delivery_id_missing", "delivery_id must be present", "/delivery_id"};
    metric.deliveryId = std::move(*deliveryId);
    auto name = push ? readEnum(*body, "event", kPushEvents) : readEnum(*body, "metric", kMetrics);
    if (!name)
        return name.error();
    metric.metric = std::move(*name);
    auto occurredAt = dialect::readUnixSeconds(*body, "timestamp", "/timestamp");
    if (!occurredAt)
        return occurredAt.error();
    metric.occurredAt = *occurredAt;
    if (push) {
        auto device = dialect::readString(*body, "device_id", "/device_id");
        if (!device)
            return device.error();
        metric.deviceId = std::move(*device);
        return metric;
    }
    // SMS recipients are phone numbers, which the OpenAPI types as integers.
    const auto recipient = body->find("recipient");
    if (recipient != body->end() && recipient->is_number_integer()) {
        metric.recipient = recipient->dump();
    } else {
        auto text = dialect::readString(*body, "recipient", "/recipient");
        if (!text)
            return text.error();
        metric.recipient = std::move(*text);
    }
    for (const char *key : {"reason", "href"}) {
        if (auto ok = dialect::readString(*body, key, std::string("/") + key); !ok)
            return ok.error();
    }
    return metric;
}

} // namespace preflight
