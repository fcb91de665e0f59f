#include "schema/JsonSchemaExport.h"

#include "plan/PlanFile.h"
#include "validate/CompiledPlan.h"

#include <QDir>

namespace preflight {

namespace {

std::string_view schemaUri(SchemaDraft draft)
{
    return draft == SchemaDraft::Draft07 ? "http://json-schema.org/draft-07/schema#"
                                         : "https://json-schema.org/draft/2020-12/schema";
}

std::string_view definitionsKey(SchemaDraft draft)
{
    return draft == SchemaDraft::Draft07 ? "definitions" : "$defs";
}

OrderedJson numberJson(double value)
{
    if (value == static_cast<double>(static_cast<std::int64_t>(value)))
        return static_cast<std::int64_t>(value);
    return value;
}

OrderedJson unixSecondsSchema()
{
    return {{"type", "integer"}, {"minimum", kEarliestUnixSeconds}, {"maximum", kLatestUnixSeconds}};
}

OrderedJson isoSchema()
{
    return {{"type", "string"}, {"pattern", std::string(kIso8601Pattern)}};
}

OrderedJson propertySchema(const PropertySpec &property);

void addMembers(OrderedJson &schema, const std::vector<PropertySpec> &members)
{
    OrderedJson properties = OrderedJson::object();
    OrderedJson required = OrderedJson::array();
    for (const PropertySpec &member : members) {
        properties[member.name] = propertySchema(member);
        if (member.isRequired())
            required.push_back(member.name);
    }
    schema["properties"] = std::move(properties);
    if (!required.empty())
        schema["required"] = std::move(required);
}

OrderedJson propertySchema(const PropertySpec &property)
{
    OrderedJson schema = OrderedJson::object();
    if (!property.description.empty())
        schema["description"] = property.description;
    switch (property.type) {
    case PropertyType::String:
    case PropertyType::Enum:
        schema["type"] = "string";
        if (!property.enumValues.empty())
            schema["enum"] = property.enumValues;
        if (!property.pattern.empty())
            schema["pattern"] = property.pattern;
        if (property.type == PropertyType::Enum)
            schema["x-preflight-type"] = "enum";
        break;
    case PropertyType::Number:
    case PropertyType::Integer:
        schema["type"] = property.type == PropertyType::Number ? "number" : "integer";
        if (property.minimum)
            schema["minimum"] = numberJson(*property.minimum);
        if (property.maximum)
            schema["maximum"] = numberJson(*property.maximum);
        break;
    case PropertyType::Boolean: schema["type"] = "boolean"; break;
    case PropertyType::Timestamp:
        schema["x-preflight-type"] = "timestamp";
        if (property.timestampFormat == TimestampEncoding::UnixSeconds)
            schema.update(unixSecondsSchema());
        else if (property.timestampFormat == TimestampEncoding::Iso8601)
            schema.update(isoSchema());
        else
            schema["anyOf"] = OrderedJson::array({unixSecondsSchema(), isoSchema()});
        break;
    case PropertyType::Object:
        schema["type"] = "object";
        addMembers(schema, property.properties);
        break;
    case PropertyType::Array:
        schema["type"] = "array";
        if (const PropertySpec *item = property.itemSchema())
            schema["items"] = propertySchema(*item);
        if (property.minItems)
            schema["minItems"] = *property.minItems;
        break;
    }
    if (property.dedupeKey)
        schema["x-preflight-dedupe-key"] = true;
    if (property.joinKey)
        schema["x-preflight-join-key"] = true;
    return schema;
}

OrderedJson eventBody(const EventSpec &event)
{
    OrderedJson schema = OrderedJson::object();
    schema["title"] = event.name;
    if (!event.description.empty())
        schema["description"] = event.description;
    schema["type"] = "object";
    addMembers(schema, event.properties);
    if (!event.allowOtherProperties)
        schema["additionalProperties"] = false;
    schema["x-preflight-side"] = toString(event.side);
    if (!event.aliases.empty())
        schema["x-preflight-aliases"] = event.aliases;
    return schema;
}

std::string refTo(SchemaDraft draft, const std::string &name)
{
    std::string ref = "#/" + std::string(definitionsKey(draft)) + "/";
    for (const char c : name) {
        switch (c) {
        case '~': ref += "~0"; break;
        case '/': ref += "~1"; break;
        case ' ': ref += "%20"; break;
        case '%': ref += "%25"; break;
        case '"': ref += "%22"; break;
        case '#': ref += "%23"; break;
        default: ref += c;
        }
    }
    return ref;
}

} // namespace

OrderedJson eventSchema(const EventSpec &event, SchemaDraft draft)
{
    OrderedJson schema = OrderedJson::object();
    schema["$schema"] = schemaUri(draft);
    schema.update(eventBody(event));
    return schema;
}

OrderedJson bundleSchema(const Plan &plan, SchemaDraft draft)
{
    OrderedJson schema = OrderedJson::object();
    schema["$schema"] = schemaUri(draft);
    schema["title"] = plan.name.empty() ? std::string("Tracking plan") : plan.name;
    schema["description"] = "A Pipelines track call checked against the plan's events.";
    schema["type"] = "object";
    OrderedJson names = OrderedJson::array();
    for (const EventSpec &event : plan.events) {
        names.push_back(event.name);
        for (const std::string &alias : event.aliases)
            names.push_back(alias);
    }
    schema["properties"] = {{"event", {{"type", "string"}, {"enum", names}}},
                            {"userId", {{"type", "string"}}},
                            {"anonymousId", {{"type", "string"}}},
                            {"timestamp", isoSchema()},
                            {"properties", {{"type", "object"}}}};
    schema["required"] = OrderedJson::array({"event"});
    schema["anyOf"] = OrderedJson::array({{{"required", {"userId"}}}, {{"required", {"anonymousId"}}}});
    OrderedJson selectors = OrderedJson::array();
    OrderedJson definitions = OrderedJson::object();
    for (const EventSpec &event : plan.events) {
        bool needsProperties = false;
        for (const PropertySpec &property : event.properties)
            needsProperties = needsProperties || property.isRequired();
        std::vector<std::string> eventNames = {event.name};
        eventNames.insert(eventNames.end(), event.aliases.begin(), event.aliases.end());
        for (const std::string &name : eventNames) {
            OrderedJson then = {{"properties", {{"properties", {{"$ref", refTo(draft, event.name)}}}}}};
            if (needsProperties)
                then["required"] = OrderedJson::array({"properties"});
            selectors.push_back(
                {{"if", {{"properties", {{"event", {{"const", name}}}}}, {"required", {"event"}}}},
                 {"then", std::move(then)}});
        }
        definitions[event.name] = eventBody(event);
    }
    schema["allOf"] = std::move(selectors);
    schema[std::string(definitionsKey(draft))] = std::move(definitions);
    // Everything else in the plan, so import gives the same plan back.
    OrderedJson rest = toJson(plan);
    rest.erase("events");
    schema["x-preflight-plan"] = std::move(rest);
    return schema;
}

Status exportJsonSchemas(const Plan &plan, SchemaDraft draft, const std::string &dir)
{
    if (!QDir().mkpath(QString::fromStdString(dir)))
        return Error{"file_unwritable", "cannot create directory", dir};
    for (const EventSpec &event : plan.events) {
        std::string fileName = event.name;
        for (char &c : fileName)
            if (c == '/' || c == '\\' || c == ' ')
                c = '_';
        if (Status written =
                writeTextFile(dir + "/" + fileName + ".schema.json", toFileText(eventSchema(event, draft)));
            !written)
            return written;
    }
    return writeTextFile(dir + "/bundle.schema.json", toFileText(bundleSchema(plan, draft)));
}

} // namespace preflight
