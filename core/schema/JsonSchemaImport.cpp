#include "schema/JsonSchemaExport.h"

#include "plan/PlanFile.h"
#include "validate/CompiledPlan.h"

#include <algorithm>

namespace preflight {

namespace {

struct ImportError {
    std::string pointer;
    std::string message;
};

std::vector<std::string> stringList(const OrderedJson &json)
{
    std::vector<std::string> result;
    if (json.is_array())
        for (const OrderedJson &item : json)
            if (item.is_string())
                result.push_back(item.get<std::string>());
    return result;
}

bool isIsoSchema(const OrderedJson &schema)
{
    return schema.value("type", "") == "string" && schema.value("pattern", "") == kIso8601Pattern;
}

bool isUnixSchema(const OrderedJson &schema)
{
    return schema.value("type", "") == "integer" && schema.value("minimum", 0LL) == kEarliestUnixSeconds &&
           schema.value("maximum", 0LL) == kLatestUnixSeconds;
}

PropertySpec readProperty(const OrderedJson &schema, const std::string &name, const std::string &pointer);

std::vector<PropertySpec> readMembers(const OrderedJson &schema, const std::string &pointer)
{
    std::vector<PropertySpec> members;
    const std::vector<std::string> required = stringList(schema.value("required", OrderedJson::array()));
    if (!schema.contains("properties"))
        return members;
    const OrderedJson &properties = schema["properties"];
    if (!properties.is_object())
        throw ImportError{pointer + "/properties", "expected an object"};
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        PropertySpec member = readProperty(it.value(), it.key(), pointer + "/properties/" + it.key());
        member.required = std::find(required.begin(), required.end(), it.key()) != required.end();
        members.push_back(std::move(member));
    }
    return members;
}

PropertySpec readProperty(const OrderedJson &schema, const std::string &name, const std::string &pointer)
{
    if (!schema.is_object())
        throw ImportError{pointer, "expected a schema object"};
    if (schema.contains("type") && !schema["type"].is_string())
        throw ImportError{pointer + "/type", "type lists are not supported; use one type per property"};
    PropertySpec property;
    property.name = name;
    property.description = schema.value("description", "");
    property.dedupeKey = schema.value("x-preflight-dedupe-key", false);
    property.joinKey = schema.value("x-preflight-join-key", false);
    const std::string marker = schema.value("x-preflight-type", "");
    if (marker == "timestamp" || isUnixSchema(schema) || isIsoSchema(schema)) {
        property.type = PropertyType::Timestamp;
        property.timestampFormat = isUnixSchema(schema)  ? TimestampEncoding::UnixSeconds
                                   : isIsoSchema(schema) ? TimestampEncoding::Iso8601
                                                         : TimestampEncoding::Unspecified;
        return property;
    }
    std::string type = schema.value("type", "");
    if (type.empty() && schema.contains("enum"))
        type = "string";
    if (type == "string") {
        property.type = marker == "enum" ? PropertyType::Enum : PropertyType::String;
        property.enumValues = stringList(schema.value("enum", OrderedJson::array()));
        property.pattern = schema.value("pattern", "");
    } else if (type == "number" || type == "integer") {
        property.type = type == "number" ? PropertyType::Number : PropertyType::Integer;
        if (schema.contains("minimum") && schema["minimum"].is_number())
            property.minimum = schema["minimum"].get<double>();
        if (schema.contains("maximum") && schema["maximum"].is_number())
            property.maximum = schema["maximum"].get<double>();
    } else if (type == "boolean") {
        property.type = PropertyType::Boolean;
    } else if (type == "object") {
        property.type = PropertyType::Object;
        property.properties = readMembers(schema, pointer);
    } else if (type == "array") {
        property.type = PropertyType::Array;
        property.items.push_back(schema.contains("items")
                                     ? readProperty(schema["items"], {}, pointer + "/items")
                                     : PropertySpec{});
        if (schema.contains("minItems") && schema["minItems"].is_number_integer())
            property.minItems = schema["minItems"].get<int>();
    } else {
        throw ImportError{pointer, "unsupported or missing \"type\" \"" + type + "\""};
    }
    return property;
}

} // namespace

Result<Plan> planFromSchemaBundle(const OrderedJson &bundle, std::string_view origin)
{
    try {
        Plan plan;
        if (bundle.contains("x-preflight-plan")) {
            Json rest = Json::parse(bundle["x-preflight-plan"].dump());
            rest["events"] = OrderedJson::array();
            Result<Plan> base = planFromJson(rest, std::string(origin) + "#/x-preflight-plan");
            if (!base)
                return base.error();
            plan = *base;
        } else {
            plan.name = bundle.value("title", "");
        }
        const char *key = bundle.contains("$defs") ? "$defs" : "definitions";
        if (!bundle.contains(key) || !bundle[key].is_object())
            return Error{"schema_invalid", "no event schemas under $defs or definitions",
                         std::string(origin)};
        const OrderedJson &definitions = bundle[key];
        for (auto it = definitions.begin(); it != definitions.end(); ++it) {
            const std::string pointer = std::string("/") + key + "/" + it.key();
            const OrderedJson &schema = it.value();
            if (!schema.is_object() || (schema.contains("type") && schema["type"] != "object"))
                throw ImportError{pointer, "an event schema must describe an object"};
            EventSpec event;
            event.name = it.key();
            event.description = schema.value("description", "");
            const std::optional<SendingSide> side =
                sendingSideFromString(schema.value("x-preflight-side", "server"));
            event.side = side.value_or(SendingSide::Server);
            event.aliases = stringList(schema.value("x-preflight-aliases", OrderedJson::array()));
            event.allowOtherProperties =
                !(schema.contains("additionalProperties") && schema["additionalProperties"] == false);
            event.properties = readMembers(schema, pointer);
            plan.events.push_back(std::move(event));
        }
        // Round-trip through the file reader so an imported plan obeys the same rules as a written one.
        return planFromJson(Json::parse(toJson(plan).dump()), origin);
    } catch (const ImportError &error) {
        return Error{"schema_invalid", error.message, std::string(origin) + "#" + error.pointer};
    } catch (const OrderedJson::exception &error) {
        return Error{"schema_invalid", error.what(), std::string(origin)};
    }
}

} // namespace preflight
