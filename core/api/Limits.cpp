#include "api/Limits.h"

#include "common/Ascii.h"

#include <algorithm>
#include <cctype>

namespace preflight {

namespace {
Error limitError(std::string_view code, std::string message, std::string where)
{
    return Error{std::string(code), std::move(message), std::move(where)};
}

bool isBlank(std::string_view text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}
} // namespace

std::string compactJson(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Status checkTrackIdentifier(std::string_view value, const std::string &where)
{
    // Customer.io's libraries refuse a blank identifier before sending it (customerio-node trims first).
    if (stripAsciiWhitespace(value).empty())
        return limitError(LimitCode::IdentifierEmpty, "id attribute cannot be an empty string", where);
    if (value.size() > kTrackLimits.identifierBytes)
        return limitError(LimitCode::IdentifierTooLong,
                          "identifier cannot be longer than " + std::to_string(kTrackLimits.identifierBytes) +
                              " bytes (it has " + std::to_string(value.size()) + ")",
                          where);
    return Ok{};
}

Status checkTrackAttributes(const Json &attributes, const std::string &where)
{
    if (!attributes.is_object())
        return Ok{};
    if (attributes.size() > kTrackLimits.attributesPerIdentify)
        return limitError(LimitCode::TooManyAttributes,
                          "cannot identify more than 300 attributes in one request", where);
    for (const auto &[name, value] : attributes.items()) {
        const std::string field = where + "/" + jsonPointerToken(name);
        if (name.size() > kTrackLimits.attributeNameBytes)
            return limitError(LimitCode::AttributeNameTooLong,
                              "attribute name cannot be longer than 150 bytes", field);
        const std::size_t bytes =
            value.is_string() ? value.get_ref<const std::string &>().size() : compactJson(value).size();
        if (bytes > kTrackLimits.attributeValueBytes)
            return limitError(LimitCode::AttributeValueTooLong,
                              "value for attribute '" + name + "' cannot be longer than 1000 bytes", field);
    }
    return Ok{};
}

Status checkTrackEventName(std::string_view name, const std::string &where)
{
    if (isBlank(name))
        return limitError(LimitCode::EventNameBlank, "event name must not be blank", where);
    if (name.size() > kTrackLimits.eventNameBytes)
        return limitError(LimitCode::EventNameTooLong, "event name cannot be longer than 100 bytes", where);
    return Ok{};
}

Status checkTrackEventData(const Json &data, const std::string &where, std::size_t sourceBytes)
{
    if (!data.is_object())
        return limitError(LimitCode::EventDataNotObject,
                          "event data must be a hash (e.g., send \"data\":{} instead of \"data\":\"\")",
                          where);
    const bool surelyWithin = sourceBytes <= kTrackLimits.eventDataBytes / kCompactGrowth;
    if (!surelyWithin && compactJson(data).size() > kTrackLimits.eventDataBytes)
        return limitError(LimitCode::EventDataTooLarge, "event data cannot be longer than 100000 bytes",
                          where);
    return Ok{};
}

Status checkSize(std::size_t bytes, std::size_t limit, std::string_view code, std::string_view what,
                 const std::string &where)
{
    if (bytes <= limit)
        return Ok{};
    return limitError(code,
                      std::string(what) + " is " + std::to_string(bytes) + " bytes; the limit is " +
                          std::to_string(limit) + " bytes",
                      where);
}

} // namespace preflight
