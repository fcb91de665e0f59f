#include "plan/PlanFile.h"

#include "common/Ascii.h"
#include "common/JsonKeys.h"

#include <cmath>
#include <initializer_list>
#include <limits>
#include <set>

namespace preflight {

namespace {

// Thrown only inside this file and turned into an Error at the edge (planFromJson).
struct PlanFormatError {
    std::string pointer;
    std::string message;
};

// Walks a JSON object, remembering where it is so errors can name the exact member.
class Reader
{
public:
    Reader(const Json &json, std::string pointer) : m_json(json), m_pointer(std::move(pointer))
    {
        if (!m_json.is_object())
            fail("expected an object, found " + jsonTypeName(m_json));
    }

    void allowOnly(std::initializer_list<std::string_view> keys) const
    {
        if (const std::optional<UnknownKey> unknown = findUnknownKey(m_json, keys))
            throw PlanFormatError{at(unknown->key), unknown->message};
    }

    bool has(const std::string &key) const { return m_json.contains(key); }
    std::string at(std::string_view key) const { return m_pointer + "/" + jsonPointerToken(key); }

    std::string string(const std::string &key, const std::string &fallback = {}) const
    {
        if (!has(key))
            return fallback;
        const Json &value = m_json.at(key);
        if (!value.is_string())
            throw PlanFormatError{at(key), "expected a string, found " + jsonTypeName(value)};
        return value.get<std::string>();
    }
    std::string requiredString(const std::string &key) const
    {
        if (!has(key))
            fail("missing required key \"" + key + "\"");
        const std::string value = string(key);
        if (value.empty())
            throw PlanFormatError{at(key), "must not be empty"};
        return value;
    }
    bool boolean(const std::string &key, bool fallback) const
    {
        if (!has(key))
            return fallback;
        const Json &value = m_json.at(key);
        if (!value.is_boolean())
            throw PlanFormatError{at(key), "expected a boolean, found " + jsonTypeName(value)};
        return value.get<bool>();
    }
    std::optional<double> number(const std::string &key) const
    {
        if (!has(key))
            return std::nullopt;
        const Json &value = m_json.at(key);
        if (!value.is_number())
            throw PlanFormatError{at(key), "expected a number, found " + jsonTypeName(value)};
        return value.get<double>();
    }
    std::optional<int> integer(const std::string &key) const
    {
        if (!has(key))
            return std::nullopt;
        const Json &value = m_json.at(key);
        if (!value.is_number_integer())
            throw PlanFormatError{at(key), "expected an integer, found " + jsonTypeName(value)};
        const std::optional<std::uint64_t> whole =
            wholeNumberUpTo(value, static_cast<std::uint64_t>(std::numeric_limits<int>::max()));
        if (!whole)
            throw PlanFormatError{at(key), "expected a whole number from 0 to " +
                                               std::to_string(std::numeric_limits<int>::max())};
        return static_cast<int>(*whole);
    }
    std::vector<std::string> strings(const std::string &key) const
    {
        std::vector<std::string> result;
        for (std::size_t i = 0; const Json &item : array(key)) {
            if (!item.is_string())
                throw PlanFormatError{at(key) + "/" + std::to_string(i), "expected a string"};
            result.push_back(item.get<std::string>());
            ++i;
        }
        return result;
    }
    const Json &array(const std::string &key) const
    {
        static const Json empty = Json::array();
        if (!has(key))
            return empty;
        const Json &value = m_json.at(key);
        if (!value.is_array())
            throw PlanFormatError{at(key), "expected an array, found " + jsonTypeName(value)};
        return value;
    }
    const Json &json(const std::string &key) const { return m_json.at(key); }
    [[noreturn]] void fail(const std::string &message) const
    {
        throw PlanFormatError{m_pointer.empty() ? "/" : m_pointer, message};
    }

private:
    const Json &m_json;
    std::string m_pointer;
};

template <typename E>
E parseEnumValue(const Reader &reader, const std::string &key, std::optional<E> (*parse)(std::string_view),
                 E fallback)
{
    if (!reader.has(key))
        return fallback;
    const std::string text = reader.string(key);
    const std::optional<E> value = parse(text);
    if (!value)
        throw PlanFormatError{reader.at(key), "unknown value \"" + text + "\""};
    return *value;
}

PropertySpec readProperty(const Json &json, const std::string &pointer, bool named)
{
    const Reader reader(json, pointer);
    reader.allowOnly({"name", "type", "description", "required", "format", "enum", "minimum", "maximum",
                      "pattern", "min_items", "dedupe_key", "join_key", "properties", "items"});
    PropertySpec property;
    if (named)
        property.name = reader.requiredString("name");
    if (!reader.has("type"))
        reader.fail("missing required key \"type\"");
    property.type = parseEnumValue(reader, "type", propertyTypeFromString, PropertyType::String);
    property.description = reader.string("description");
    property.required = reader.boolean("required", false);
    property.timestampFormat =
        parseEnumValue(reader, "format", timestampEncodingFromString, TimestampEncoding::Unspecified);
    if (reader.has("format") && property.type != PropertyType::Timestamp)
        throw PlanFormatError{reader.at("format"), "\"format\" applies to timestamps only"};
    property.enumValues = reader.strings("enum");
    if (property.type == PropertyType::Enum && property.enumValues.empty())
        reader.fail("an enum property needs a non-empty \"enum\" list");
    property.minimum = reader.number("minimum");
    property.maximum = reader.number("maximum");
    property.pattern = reader.string("pattern");
    property.minItems = reader.integer("min_items");
    property.dedupeKey = reader.boolean("dedupe_key", false);
    property.joinKey = reader.boolean("join_key", false);
    for (std::size_t i = 0; const Json &member : reader.array("properties"))
        property.properties.push_back(
            readProperty(member, reader.at("properties") + "/" + std::to_string(i++), true));
    if (reader.has("items"))
        property.items.push_back(readProperty(reader.json("items"), reader.at("items"), false));
    if (property.type == PropertyType::Array && property.items.empty())
        reader.fail("an array property needs an \"items\" schema");
    if (property.type != PropertyType::Array && !property.items.empty())
        throw PlanFormatError{reader.at("items"), "\"items\" applies to arrays only"};
    return property;
}

std::vector<PropertySpec> readProperties(const Reader &reader, const char *key = "properties")
{
    std::vector<PropertySpec> properties;
    std::set<std::string> seen;
    for (std::size_t i = 0; const Json &item : reader.array(key)) {
        const std::string pointer = reader.at(key) + "/" + std::to_string(i++);
        properties.push_back(readProperty(item, pointer, true));
        if (!seen.insert(properties.back().name).second)
            throw PlanFormatError{pointer + "/name", "duplicate property \"" + properties.back().name + "\""};
    }
    return properties;
}

Plan readPlan(const Json &json)
{
    const Reader root(json, "");
    root.allowOnly({"format", "name", "description", "version", "naming", "identity", "attributes",
                    "allow_other_attributes", "events", "objects", "changelog"});
    if (root.string("format") != Plan::kFormat)
        throw PlanFormatError{root.at("format"),
                              "expected \"format\": \"" + std::string(Plan::kFormat) + "\""};
    Plan plan;
    plan.name = root.string("name");
    plan.description = root.string("description");
    plan.version = root.integer("version").value_or(1);
    if (root.has("naming")) {
        const Reader naming(root.json("naming"), root.at("naming"));
        naming.allowOnly({"events", "properties"});
        plan.eventNaming =
            parseEnumValue(naming, "events", namingConventionFromString, NamingConvention::SnakeCase);
        plan.propertyNaming =
            parseEnumValue(naming, "properties", namingConventionFromString, NamingConvention::SnakeCase);
    }
    if (root.has("identity")) {
        const Reader identity(root.json("identity"), root.at("identity"));
        identity.allowOnly({"primary", "accepted", "identify_moments", "merge_anonymous"});
        plan.identity.primary = identity.string("primary", "id");
        if (plan.identity.primary != "id" && plan.identity.primary != "email")
            throw PlanFormatError{identity.at("primary"), "expected \"id\" or \"email\""};
        if (identity.has("accepted"))
            plan.identity.accepted = identity.strings("accepted");
        for (std::size_t i = 0; i < plan.identity.accepted.size(); ++i) {
            const std::string &name = plan.identity.accepted[i];
            if (name != "id" && name != "email" && name != "phone" && name != "cio_id")
                throw PlanFormatError{identity.at("accepted") + "/" + std::to_string(i),
                                      "unknown identifier \"" + name + "\" (id, email, phone, cio_id)"};
        }
        plan.identity.identifyMoments = identity.strings("identify_moments");
        plan.identity.mergeAnonymous = identity.boolean("merge_anonymous", true);
    }
    std::set<std::string> names;
    for (std::size_t i = 0; const Json &item : root.array("attributes")) {
        const Reader reader(item, root.at("attributes") + "/" + std::to_string(i++));
        reader.allowOnly({"name", "type", "required", "format", "enum", "owner", "description"});
        AttributeSpec attribute;
        attribute.name = reader.requiredString("name");
        if (!names.insert(attribute.name).second)
            throw PlanFormatError{reader.at("name"), "duplicate attribute \"" + attribute.name + "\""};
        attribute.type = parseEnumValue(reader, "type", propertyTypeFromString, PropertyType::String);
        if (attribute.type == PropertyType::Object || attribute.type == PropertyType::Array)
            throw PlanFormatError{reader.at("type"),
                                  "attributes are scalar: object and array are not allowed"};
        attribute.timestampFormat =
            parseEnumValue(reader, "format", timestampEncodingFromString, TimestampEncoding::Unspecified);
        attribute.enumValues = reader.strings("enum");
        attribute.required = reader.boolean("required", false);
        attribute.owner = reader.string("owner");
        attribute.description = reader.string("description");
        plan.attributes.push_back(std::move(attribute));
    }
    plan.allowOtherAttributes = root.boolean("allow_other_attributes", true);
    names.clear();
    for (std::size_t i = 0; const Json &item : root.array("events")) {
        const Reader reader(item, root.at("events") + "/" + std::to_string(i++));
        reader.allowOnly({"name", "description", "side", "aliases", "allow_other_properties", "properties"});
        EventSpec event;
        event.name = reader.requiredString("name");
        if (!names.insert(event.name).second)
            throw PlanFormatError{reader.at("name"), "duplicate event \"" + event.name + "\""};
        event.description = reader.string("description");
        event.side = parseEnumValue(reader, "side", sendingSideFromString, SendingSide::Server);
        event.aliases = reader.strings("aliases");
        event.allowOtherProperties = reader.boolean("allow_other_properties", true);
        event.properties = readProperties(reader);
        plan.events.push_back(std::move(event));
    }
    std::set<std::string> typeIds;
    names.clear();
    for (std::size_t i = 0; const Json &item : root.array("objects")) {
        const Reader reader(item, root.at("objects") + "/" + std::to_string(i++));
        reader.allowOnly({"type_id", "name", "description", "allow_other_attributes", "attributes"});
        ObjectTypeSpec type;
        type.typeId = reader.requiredString("type_id");
        // Customer.io numbers object types 1, 2, …; the API carries the number as a string.
        if (!isPositiveDecimalId(type.typeId))
            throw PlanFormatError{
                reader.at("type_id"),
                "expected an object type id such as \"1\" (an integer from 1, as a string)"};
        if (!typeIds.insert(type.typeId).second)
            throw PlanFormatError{reader.at("type_id"), "duplicate object type id \"" + type.typeId + "\""};
        type.name = reader.requiredString("name");
        if (!names.insert(type.name).second)
            throw PlanFormatError{reader.at("name"), "duplicate object type \"" + type.name + "\""};
        type.description = reader.string("description");
        type.allowOtherAttributes = reader.boolean("allow_other_attributes", true);
        type.attributes = readProperties(reader, "attributes");
        plan.objectTypes.push_back(std::move(type));
    }
    for (std::size_t i = 0; const Json &item : root.array("changelog")) {
        const Reader reader(item, root.at("changelog") + "/" + std::to_string(i++));
        reader.allowOnly({"version", "date", "note"});
        ChangelogEntry entry;
        entry.version = reader.integer("version").value_or(1);
        entry.date = reader.string("date");
        entry.note = reader.string("note");
        plan.changelog.push_back(std::move(entry));
    }
    return plan;
}

OrderedJson numberJson(double value)
{
    // Integral bounds are written without a fraction so "minimum": 0 stays 0 across a save.
    if (std::floor(value) == value && std::fabs(value) < 9.0e15)
        return static_cast<std::int64_t>(value);
    return value;
}

OrderedJson stringsJson(const std::vector<std::string> &values)
{
    OrderedJson result = OrderedJson::array();
    for (const std::string &value : values)
        result.push_back(value);
    return result;
}

} // namespace

OrderedJson toJson(const PropertySpec &property)
{
    OrderedJson json = OrderedJson::object();
    if (!property.name.empty())
        json["name"] = property.name;
    json["type"] = toString(property.type);
    if (!property.description.empty())
        json["description"] = property.description;
    if (property.required)
        json["required"] = true;
    if (property.timestampFormat != TimestampEncoding::Unspecified)
        json["format"] = toString(property.timestampFormat);
    if (!property.enumValues.empty())
        json["enum"] = stringsJson(property.enumValues);
    if (property.minimum)
        json["minimum"] = numberJson(*property.minimum);
    if (property.maximum)
        json["maximum"] = numberJson(*property.maximum);
    if (!property.pattern.empty())
        json["pattern"] = property.pattern;
    if (property.minItems)
        json["min_items"] = *property.minItems;
    if (property.dedupeKey)
        json["dedupe_key"] = true;
    if (property.joinKey)
        json["join_key"] = true;
    if (!property.properties.empty()) {
        OrderedJson members = OrderedJson::array();
        for (const PropertySpec &member : property.properties)
            members.push_back(toJson(member));
        json["properties"] = std::move(members);
    }
    if (const PropertySpec *item = property.itemSchema())
        json["items"] = toJson(*item);
    return json;
}

OrderedJson toJson(const Plan &plan)
{
    OrderedJson json = OrderedJson::object();
    json["format"] = Plan::kFormat;
    json["name"] = plan.name;
    if (!plan.description.empty())
        json["description"] = plan.description;
    json["version"] = plan.version;
    json["naming"] = {{"events", toString(plan.eventNaming)}, {"properties", toString(plan.propertyNaming)}};
    OrderedJson identity = OrderedJson::object();
    identity["primary"] = plan.identity.primary;
    identity["accepted"] = stringsJson(plan.identity.accepted);
    identity["identify_moments"] = stringsJson(plan.identity.identifyMoments);
    identity["merge_anonymous"] = plan.identity.mergeAnonymous;
    json["identity"] = std::move(identity);
    OrderedJson attributes = OrderedJson::array();
    for (const AttributeSpec &attribute : plan.attributes) {
        OrderedJson item = OrderedJson::object();
        item["name"] = attribute.name;
        item["type"] = toString(attribute.type);
        if (attribute.required)
            item["required"] = true;
        if (attribute.timestampFormat != TimestampEncoding::Unspecified)
            item["format"] = toString(attribute.timestampFormat);
        if (!attribute.enumValues.empty())
            item["enum"] = stringsJson(attribute.enumValues);
        if (!attribute.owner.empty())
            item["owner"] = attribute.owner;
        if (!attribute.description.empty())
            item["description"] = attribute.description;
        attributes.push_back(std::move(item));
    }
    json["attributes"] = std::move(attributes);
    if (!plan.allowOtherAttributes)
        json["allow_other_attributes"] = false;
    OrderedJson events = OrderedJson::array();
    for (const EventSpec &event : plan.events) {
        OrderedJson item = OrderedJson::object();
        item["name"] = event.name;
        if (!event.description.empty())
            item["description"] = event.description;
        item["side"] = toString(event.side);
        if (!event.aliases.empty())
            item["aliases"] = stringsJson(event.aliases);
        if (!event.allowOtherProperties)
            item["allow_other_properties"] = false;
        OrderedJson properties = OrderedJson::array();
        for (const PropertySpec &property : event.properties)
            properties.push_back(toJson(property));
        item["properties"] = std::move(properties);
        events.push_back(std::move(item));
    }
    json["events"] = std::move(events);
    if (!plan.objectTypes.empty()) {
        OrderedJson objects = OrderedJson::array();
        for (const ObjectTypeSpec &type : plan.objectTypes) {
            OrderedJson item = OrderedJson::object();
            item["type_id"] = type.typeId;
            item["name"] = type.name;
            if (!type.description.empty())
                item["description"] = type.description;
            if (!type.allowOtherAttributes)
                item["allow_other_attributes"] = false;
            OrderedJson attributes = OrderedJson::array();
            for (const PropertySpec &attribute : type.attributes)
                attributes.push_back(toJson(attribute));
            item["attributes"] = std::move(attributes);
            objects.push_back(std::move(item));
        }
        json["objects"] = std::move(objects);
    }
    OrderedJson changelog = OrderedJson::array();
    for (const ChangelogEntry &entry : plan.changelog) {
        OrderedJson item = OrderedJson::object();
        item["version"] = entry.version;
        if (!entry.date.empty())
            item["date"] = entry.date;
        item["note"] = entry.note;
        changelog.push_back(std::move(item));
    }
    json["changelog"] = std::move(changelog);
    return json;
}

std::string toFileText(const Plan &plan)
{
    return toFileText(toJson(plan));
}

Status savePlan(const Plan &plan, const std::string &path)
{
    return writeTextFile(path, toFileText(plan));
}

Result<Plan> planFromJson(const Json &json, std::string_view origin)
{
    try {
        return readPlan(json);
    } catch (const PlanFormatError &error) {
        return Error{"plan_invalid", error.message, std::string(origin) + "#" + error.pointer};
    } catch (const Json::exception &error) {
        return Error{"plan_invalid", error.what(), std::string(origin)};
    }
}

Result<Plan> planFromText(std::string_view text, std::string_view origin)
{
    Result<Json> json = parseJson(text, origin);
    if (!json)
        return json.error();
    return planFromJson(*json, origin);
}

Result<Plan> loadPlan(const std::string &path)
{
    Result<std::string> text = readTextFile(path);
    if (!text)
        return text.error();
    return planFromText(*text, path);
}

} // namespace preflight
