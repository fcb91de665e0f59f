#include "outbox/ReadBack.h"

#include "api/AppApiRequests.h"
#include "transport/Transport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace preflight::ReadBack {

namespace {

std::optional<std::pair<std::string, IdType>> personOf(const Item &item)
{
    const Identity &who = item.readAs.isKnown() ? item.readAs : item.call.identity;
    if (!who.id.empty())
        return std::pair{who.id, IdType::Id};
    if (!who.email.empty())
        return std::pair{who.email, IdType::Email};
    if (!who.cioId.empty())
        return std::pair{who.cioId, IdType::CioId};
    return std::nullopt;
}

// The App API returns attribute values as strings; compare on the text form.
bool sameValue(const Json &sent, const Json &stored)
{
    if (sent == stored)
        return true;
    const std::string text = sent.is_string() ? sent.get<std::string>() : sent.dump();
    const std::string other = stored.is_string() ? stored.get<std::string>() : stored.dump();
    return text == other;
}

bool checkable(const Item &item)
{
    const CallKind kind = item.call.kind;
    return (kind == CallKind::Identify || kind == CallKind::Track || kind == CallKind::Page ||
            kind == CallKind::Screen) &&
           personOf(item).has_value();
}

bool isVisible(Transport &transport, const Item &item, const ApiTarget &target, std::string &detail)
{
    const auto [identifier, idType] = *personOf(item);
    if (item.call.kind == CallKind::Identify) {
        const HttpResponse response =
            transport.sendAndWait(customerAttributesRequest(identifier, idType, target), Api::App);
        if (response.status != 200) {
            detail = response.status == 0 ? response.networkError
                                          : "read-back answered " + std::to_string(response.status);
            return false;
        }
        Result<Json> body = parseJson(response.body, "attributes");
        if (!body || !body->is_object())
            return false;
        const Json attributes = body->value("/customer/attributes"_json_pointer, Json::object());
        const Json &wanted = item.attributes ? *item.attributes : item.call.properties;
        for (const auto &[key, value] : wanted.items()) {
            if (!attributes.contains(key) || !sameValue(value, attributes[key])) {
                detail = "attribute '" + key + "' not there yet";
                return false;
            }
        }
        return true;
    }
    ActivityQuery query;
    query.type = item.call.kind == CallKind::Track  ? "event"
                 : item.call.kind == CallKind::Page ? "page"
                                                    : "screen";
    query.name = item.call.name;
    query.limit = 100;
    const HttpResponse response =
        transport.sendAndWait(customerActivitiesRequest(identifier, idType, query, target), Api::App);
    if (response.status != 200) {
        detail = response.status == 0 ? response.networkError
                                      : "read-back answered " + std::to_string(response.status);
        return false;
    }
    Result<Json> body = parseJson(response.body, "activities");
    if (!body || !body->is_object() || !(*body)["activities"].is_array())
        return false;
    for (const Json &activity : (*body)["activities"]) {
        if (activity.is_object() && activity.value("name", "") == item.call.name)
            return true;
    }
    detail = "no " + query.type + " named '" + item.call.name + "' yet";
    return false;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

void poll(std::vector<Item> &items, const ApiTarget &target, int timeoutMs, int intervalMs)
{
    Transport transport;
    transport.setTimeoutMs(std::min(timeoutMs, 10000));
    QElapsedTimer clock;
    clock.start();
    for (Item &item : items) {
        if (item.state == OutboxState::Done && checkable(item))
            item.visibility = Visibility::Missing;
    }
    while (true) {
        bool waiting = false;
        for (Item &item : items) {
            if (item.visibility != Visibility::Missing)
                continue;
            if (isVisible(transport, item, target, item.detail)) {
                item.visibility = Visibility::Visible;
                item.detail.clear();
            } else {
                waiting = true;
            }
        }
        if (!waiting || clock.elapsed() + intervalMs > timeoutMs)
            return;
        wait(intervalMs);
    }
}

std::string describe(const Item &item)
{
    std::string text = item.call.dedupeId + " " + std::string(toString(item.call.kind));
    if (!item.call.name.empty())
        text += " " + item.call.name;
    text += ": ";
    switch (item.state) {
    case OutboxState::Done: text += "acknowledged (" + std::to_string(item.status) + ")"; break;
    case OutboxState::Dead:
        text += item.status == 0 ? "not answered" + (item.detail.empty() ? "" : " (" + item.detail + ")") +
                                       ", in the dead letters"
                                 : "refused (" + std::to_string(item.status) + "), in the dead letters";
        break;
    case OutboxState::Pending: text += "sent, not acknowledged (still in the outbox)"; break;
    }
    if (item.visibility == Visibility::Visible)
        text += ", visible";
    else if (item.visibility == Visibility::Missing)
        text += ", missing" + (item.detail.empty() ? std::string() : " (" + item.detail + ")");
    return text;
}

} // namespace preflight::ReadBack
