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
    // A pointer in a URI fragment: escaped as a pointer token, then the characters a fragment cannot hold.
    std::string ref = "#/" + std::string(definitionsKey(draft)) + "/";
    for (const char c : jsonPointerToken(name)) {
        switch (c) {
        case ' ': ref += "%20"; break;
        case '%': ref += "%25"; break;
        case '"': ref += "%22"; break;
        case '#': ref += "%23"; break;
        default: ref += c;
        }
    }
    return ref;
}

OrderedJson eventNameList(const Plan &plan)
{
    OrderedJson names = OrderedJson::array();
    for (const EventSpec &event : plan.events) {
        names.push_back(event.name);
        for (const std::string &alias : event.aliases)
            names.push_back(alias);
    }
    return names;
}

// if/then per event name (and alias): the properties container (`container`) follows the event's schema and
// must be present when the event has required properties.
OrderedJson eventSelectors(const Plan &plan, SchemaDraft draft, const std::string &nameKey,
                           const std::string &container)
{
    OrderedJson selectors = OrderedJson::array();
    for (const EventSpec &event : plan.events) {
        bool needsProperties = false;
        for (const PropertySpec &property : event.properties)
            needsProperties = needsProperties || property.isRequired();
        std::vector<std::string> eventNames = {event.name};
        eventNames.insert(eventNames.end(), event.aliases.begin(), event.aliases.end());
        for (const std::string &name : eventNames) {
            OrderedJson then = {{"properties", {{container, {{"$ref", refTo(draft, event.name)}}}}}};
            if (needsProperties)
                then["required"] = OrderedJson::array({container});
            selectors.push_back(
                {{"if", {{"properties", {{nameKey, {{"const", name}}}}}, {"required", {nameKey}}}},
                 {"then", std::move(then)}});
        }
    }
    return selectors;
}

// A present "type" member equal to one of `values`.
OrderedJson typeIs(std::initializer_list<const char *> values)
{
    OrderedJson allowed = OrderedJson::array();
    for (const char *value : values)
        allowed.push_back(value);
    return {{"properties", {{"type", {{"enum", std::move(allowed)}}}}}, {"required", {"type"}}};
}

// Pipelines track call: {event, properties, userId|anonymousId, timestamp (ISO-8601)}.
OrderedJson pipelinesTrackSchema(const Plan &plan, SchemaDraft draft)
{
    OrderedJson schema = OrderedJson::object();
    schema["properties"] = {{"event", {{"type", "string"}, {"enum", eventNameList(plan)}}},
                            {"userId", {{"type", "string"}}},
                            {"anonymousId", {{"type", "string"}}},
                            {"timestamp", isoSchema()},
                            {"properties", {{"type", "object"}}}};
    schema["required"] = OrderedJson::array({"event"});
    schema["anyOf"] = OrderedJson::array({{{"required", {"userId"}}}, {{"required", {"anonymousId"}}}});
    schema["allOf"] = eventSelectors(plan, draft, "event", "properties");
    return schema;
}

// Pipelines identify call: {userId, traits, timestamp}; traits follow the plan's person attributes.
OrderedJson pipelinesIdentifySchema(const Plan &plan)
{
    OrderedJson traits = OrderedJson::object();
    traits["type"] = "object";
    std::vector<PropertySpec> attributes;
    for (const AttributeSpec &attribute : plan.attributes)
        attributes.push_back(attribute.asProperty());
    addMembers(traits, attributes);
    if (!plan.allowOtherAttributes)
        traits["additionalProperties"] = false;
    OrderedJson schema = OrderedJson::object();
    schema["properties"] = {
        {"userId", {{"type", "string"}}}, {"timestamp", isoSchema()}, {"traits", std::move(traits)}};
    OrderedJson required = OrderedJson::array({"userId"});
    for (const AttributeSpec &attribute : plan.attributes)
        if (attribute.required) {
            required.push_back("traits"); // no traits at all misses the required attributes too
            break;
        }
    schema["required"] = std::move(required);
    return schema;
}

// Track API v1 event body: {name, data, timestamp (unix seconds), type, id}. A "type" other than "event"
// (page, screen) names a URL or screen rather than a planned event, so only the envelope is checked.
OrderedJson trackV1Schema(const Plan &plan, SchemaDraft draft)
{
    OrderedJson schema = OrderedJson::object();
    schema["properties"] = {
        {"name", {{"type", "string"}}}, {"type", {{"type", "string"}}}, {"timestamp", unixSecondsSchema()}};
    schema["if"] = {{"properties", {{"type", {{"not", {{"const", "event"}}}}}}}, {"required", {"type"}}};
    schema["else"] = {
        {"properties", {{"name", {{"enum", eventNameList(plan)}}}, {"data", {{"type", "object"}}}}},
        {"required", {"name"}},
        {"allOf", eventSelectors(plan, draft, "name", "data")}};
    return schema;
}

// An object type's attributes, without "type": the validator types only an attributes object.
OrderedJson objectAttributes(const ObjectTypeSpec &type)
{
    OrderedJson schema = OrderedJson::object();
    schema["title"] = type.name;
    if (!type.description.empty())
        schema["description"] = type.description;
    addMembers(schema, type.attributes);
    if (!type.allowOtherAttributes)
        schema["additionalProperties"] = false;
    schema["x-preflight-object-type-id"] = type.typeId;
    return schema;
}

// Track v2 object entity: an identify (an absent action is one) names a type the plan declares, and its
// attributes follow that type. Without object types in the plan, objects are not governed.
OrderedJson trackV2ObjectSchema(const Plan &plan)
{
    if (plan.objectTypes.empty())
        return OrderedJson(true);
    OrderedJson typeIds = OrderedJson::array();
    OrderedJson selectors = OrderedJson::array();
    for (const ObjectTypeSpec &type : plan.objectTypes) {
        typeIds.push_back(type.typeId);
        selectors.push_back({{"if",
                              {{"properties",
                                {{"identifiers",
                                  {{"properties", {{"object_type_id", {{"const", type.typeId}}}}},
                                   {"required", {"object_type_id"}}}}}},
                               {"required", {"identifiers"}}}},
                             {"then", {{"properties", {{"attributes", objectAttributes(type)}}}}}});
    }
    OrderedJson identify = {
        {"properties",
         {{"identifiers",
           {{"properties", {{"object_type_id", {{"type", "string"}, {"enum", std::move(typeIds)}}}}}}}}},
        {"allOf", std::move(selectors)}};
    return {{"if", {{"properties", {{"action", {{"enum", {"identify", "identify_anonymous"}}}}}}}},
            {"then", std::move(identify)}};
}

} // namespace

OrderedJson objectTypeSchema(const ObjectTypeSpec &type, SchemaDraft draft)
{
    OrderedJson schema = OrderedJson::object();
    schema["$schema"] = schemaUri(draft);
    schema.update(objectAttributes(type));
    schema["type"] = "object";
    return schema;
}

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
    schema["description"] =
        "A payload checked against the plan: a Pipelines track or identify call, a Track API v1 "
        "event body or a Track v2 object, told apart by shape the way preflight-cli validate does.";
    schema["type"] = "object";
    OrderedJson definitions = OrderedJson::object();
    for (const EventSpec &event : plan.events)
        definitions[event.name] = eventBody(event);
    // Shape selection, in the validator's order: "type" names the call; without it, "event" means a
    // track call, "traits" an identify, "name" a Track v1 body; anything else is not a payload we know.
    const OrderedJson unknownShape = {{"not", OrderedJson::object()}};
    OrderedJson chain = {
        {"if", {{"required", {"name"}}}}, {"then", trackV1Schema(plan, draft)}, {"else", unknownShape}};
    chain = {{"if", {{"required", {"traits"}}}},
             {"then", pipelinesIdentifySchema(plan)},
             {"else", std::move(chain)}};
    chain = {{"if", {{"required", {"event"}}}},
             {"then", pipelinesTrackSchema(plan, draft)},
             {"else", std::move(chain)}};
    chain = {
        {"if", typeIs({"page", "screen", "group", "alias"})}, {"then", true}, {"else", std::move(chain)}};
    chain = {{"if", typeIs({"object"})}, {"then", trackV2ObjectSchema(plan)}, {"else", std::move(chain)}};
    chain = {
        {"if", typeIs({"identify"})}, {"then", pipelinesIdentifySchema(plan)}, {"else", std::move(chain)}};
    chain = {
        {"if", typeIs({"track"})}, {"then", pipelinesTrackSchema(plan, draft)}, {"else", std::move(chain)}};
    schema.update(chain);
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
    for (const ObjectTypeSpec &type : plan.objectTypes) {
        // Named by the type id, which is unique where a name need not be a safe file name.
        if (Status written = writeTextFile(dir + "/object-" + type.typeId + ".schema.json",
                                           toFileText(objectTypeSchema(type, draft)));
            !written)
            return written;
    }
    return writeTextFile(dir + "/bundle.schema.json", toFileText(bundleSchema(plan, draft)));
}

} // namespace preflight
