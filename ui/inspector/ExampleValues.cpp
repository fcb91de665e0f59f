#include "ExampleValues.h"

#include <algorithm>
#include <string>

namespace preflight::ui {
namespace {

bool contains(const std::string &text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

// Names carry most of the meaning a plan leaves unsaid; a few common ones get values that read as real.
Json exampleString(const PropertySpec &spec)
{
    if (!spec.enumValues.empty())
        return spec.enumValues.front();
    const std::string &name = spec.name;
    if (contains(name, "currency"))
        return "USD";
    if (contains(name, "email"))
        return "ada@example.com";
    if (contains(name, "url"))
        return "https://shop.example.com/products/1";
    if (contains(name, "country"))
        return "US";
    if (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0)
        return name.substr(0, name.size() - 3) + "_1001";
    if (name == "sku")
        return "SKU-1001";
    return "example " + name;
}

double exampleNumber(const PropertySpec &spec, double fallback)
{
    double value = fallback;
    if (spec.minimum && value < *spec.minimum)
        value = *spec.minimum;
    if (spec.maximum && value > *spec.maximum)
        value = *spec.maximum;
    return value;
}

} // namespace

Json exampleValue(const PropertySpec &spec)
{
    switch (spec.type) {
    case PropertyType::String: return exampleString(spec);
    case PropertyType::Enum: return spec.enumValues.empty() ? Json("") : Json(spec.enumValues.front());
    case PropertyType::Number: return exampleNumber(spec, 59.0);
    case PropertyType::Integer: return static_cast<std::int64_t>(exampleNumber(spec, 1));
    case PropertyType::Boolean: return true;
    case PropertyType::Timestamp:
        if (spec.timestampFormat == TimestampEncoding::Iso8601)
            return "2026-11-20T09:30:00Z";
        return std::int64_t(1795685400);
    case PropertyType::Object: {
        Json object = Json::object();
        for (const PropertySpec &member : spec.properties)
            if (member.isRequired())
                object[member.name] = exampleValue(member);
        return object;
    }
    case PropertyType::Array: {
        Json array = Json::array();
        const int count = std::max(spec.minItems.value_or(0), 1);
        if (const PropertySpec *item = spec.itemSchema())
            for (int i = 0; i < count; ++i)
                array.push_back(exampleValue(*item));
        return array;
    }
    }
    return nullptr;
}

Json withRequiredExamples(const EventSpec &event, Json existing)
{
    if (!existing.is_object())
        existing = Json::object();
    for (const PropertySpec &property : event.properties)
        if (property.isRequired() && !existing.contains(property.name))
            existing[property.name] = exampleValue(property);
    return existing;
}

} // namespace preflight::ui
