#include "schema/MarkdownExport.h"

#include "common/Json.h"

namespace preflight {

namespace {

std::string typeText(const PropertySpec &property)
{
    std::string text(toString(property.type));
    if (property.type == PropertyType::Timestamp &&
        property.timestampFormat != TimestampEncoding::Unspecified)
        text +=
            property.timestampFormat == TimestampEncoding::UnixSeconds ? " (unix seconds)" : " (ISO-8601)";
    if (property.type == PropertyType::Array && property.itemSchema())
        text += " of " + std::string(toString(property.itemSchema()->type));
    return text;
}

std::string rulesText(const PropertySpec &property)
{
    std::string text;
    auto add = [&](const std::string &part) { text += (text.empty() ? "" : "; ") + part; };
    if (!property.enumValues.empty()) {
        std::string values;
        for (const std::string &value : property.enumValues)
            values += (values.empty() ? "`" : ", `") + value + "`";
        add("one of " + values);
    }
    if (property.minimum)
        add("≥ " + Json(*property.minimum).dump());
    if (property.maximum)
        add("≤ " + Json(*property.maximum).dump());
    if (!property.pattern.empty())
        add("matches `" + property.pattern + "`");
    if (property.minItems)
        add("at least " + std::to_string(*property.minItems) + " item(s)");
    if (property.dedupeKey)
        add("dedupe key");
    if (property.joinKey)
        add("join key");
    return text;
}

Json exampleValue(const PropertySpec &property)
{
    switch (property.type) {
    case PropertyType::String:
        return property.enumValues.empty()
                   ? Json(property.name == "currency" ? "USD" : property.name + "-123")
                   : Json(property.enumValues.front());
    case PropertyType::Enum:
        return property.enumValues.empty() ? Json("") : Json(property.enumValues.front());
    case PropertyType::Number: return property.minimum ? std::max(*property.minimum, 19.99) : 19.99;
    case PropertyType::Integer:
        return property.minimum ? std::max<std::int64_t>(std::int64_t(*property.minimum), 1) : 1;
    case PropertyType::Boolean: return true;
    case PropertyType::Timestamp:
        return property.timestampFormat == TimestampEncoding::Iso8601 ? Json("2026-11-20T10:00:00Z")
                                                                      : Json(1763632800);
    case PropertyType::Object: {
        Json object = Json::object();
        for (const PropertySpec &member : property.properties)
            object[member.name] = exampleValue(member);
        return object;
    }
    case PropertyType::Array:
        return property.itemSchema() ? Json::array({exampleValue(*property.itemSchema())}) : Json::array();
    }
    return nullptr;
}

void propertyRows(std::string &out, const PropertySpec &property, const std::string &prefix)
{
    const std::string name = prefix + property.name;
    out += "| `" + name + "` | " + typeText(property) + " | " + (property.isRequired() ? "yes" : "no") +
           " | " + rulesText(property) + " | " + property.description + " |\n";
    for (const PropertySpec &member : property.properties)
        propertyRows(out, member, name + ".");
    if (const PropertySpec *item = property.itemSchema())
        for (const PropertySpec &member : item->properties)
            propertyRows(out, member, name + "[].");
}

} // namespace

std::string toMarkdown(const Plan &plan)
{
    std::string out = "# " + (plan.name.empty() ? std::string("Tracking plan") : plan.name) + "\n\n";
    if (!plan.description.empty())
        out += plan.description + "\n\n";
    out += "Plan version " + std::to_string(plan.version) + ". Event names are " +
           std::string(toString(plan.eventNaming)) + ", property names " +
           std::string(toString(plan.propertyNaming)) + ".\n\n";
    out += "## Who is who\n\nPeople are identified by `" + plan.identity.primary + "`";
    if (!plan.identity.identifyMoments.empty()) {
        std::string moments;
        for (const std::string &moment : plan.identity.identifyMoments)
            moments += (moments.empty() ? "" : ", ") + moment;
        out += "; a visitor becomes known at: " + moments;
    }
    out += plan.identity.mergeAnonymous ? ". Anonymous activity is merged into the person at identify.\n\n"
                                        : ". Anonymous activity is not merged.\n\n";
    out += "## Events\n\n";
    for (const EventSpec &event : plan.events) {
        out += "### " + event.name + "\n\n";
        if (!event.description.empty())
            out += event.description + "\n\n";
        out += "Sent from the " + std::string(toString(event.side)) + ".";
        if (!event.aliases.empty()) {
            std::string aliases;
            for (const std::string &alias : event.aliases)
                aliases += (aliases.empty() ? "`" : ", `") + alias + "`";
            out += " Also known as " + aliases + ".";
        }
        out += "\n\n| Property | Type | Required | Rules | Meaning |\n|---|---|---|---|---|\n";
        Json example = Json::object();
        for (const PropertySpec &property : event.properties) {
            propertyRows(out, property, "");
            if (property.isRequired())
                example[property.name] = exampleValue(property);
        }
        // A whole Pipelines track call, so it can be pasted into `preflight-cli validate` as is.
        const Json call{
            {"type", "track"}, {"userId", "user-123"}, {"event", event.name}, {"properties", example}};
        out += "\nExample:\n\n```json\n" + call.dump(2) + "\n```\n\n";
    }
    out += "## Person attributes\n\n| Attribute | Type | Owner | Meaning |\n|---|---|---|---|\n";
    for (const AttributeSpec &attribute : plan.attributes) {
        out += "| `" + attribute.name + "` | " + typeText(attribute.asProperty()) + " | " + attribute.owner +
               " | " + attribute.description + " |\n";
    }
    if (!plan.objectTypes.empty()) {
        out += "\n## Objects\n\n";
        for (const ObjectTypeSpec &type : plan.objectTypes) {
            if (&type != &plan.objectTypes.front())
                out += "\n";
            out += "### " + type.name + " (object type " + type.typeId + ")\n\n";
            if (!type.description.empty())
                out += type.description + "\n\n";
            out += type.allowOtherAttributes ? "Attributes the plan does not name are allowed.\n\n"
                                             : "Only these attributes are allowed.\n\n";
            out += "| Attribute | Type | Required | Rules | Meaning |\n|---|---|---|---|---|\n";
            Json example = Json::object();
            for (const PropertySpec &attribute : type.attributes) {
                propertyRows(out, attribute, "");
                if (attribute.isRequired())
                    example[attribute.name] = exampleValue(attribute);
            }
            // A whole Track v2 object identify, ready for `preflight-cli validate`.
            const Json call{{"type", "object"},
                            {"action", "identify"},
                            {"identifiers", {{"object_type_id", type.typeId}, {"object_id", "object-123"}}},
                            {"attributes", example}};
            out += "\nExample:\n\n```json\n" + call.dump(2) + "\n```\n";
        }
    }
    if (!plan.changelog.empty()) {
        out += "\n## Changes\n\n";
        for (const ChangelogEntry &entry : plan.changelog)
            out += "- v" + std::to_string(entry.version) +
                   (entry.date.empty() ? "" : " (" + entry.date + ")") + ": " + entry.note + "\n";
    }
    return out;
}

} // namespace preflight
