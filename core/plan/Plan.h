#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// The tracking plan: what a team promises to send to Customer.io. Plain value types so the GUI can edit
// them directly; PlanFile.h loads and saves them ("preflight.plan/1", see docs/plan-format.md).

enum class PropertyType { String, Number, Integer, Boolean, Timestamp, Enum, Object, Array };

// How a timestamp value is written. Unspecified is allowed in a file but flagged by lint.
enum class TimestampEncoding { Unspecified, UnixSeconds, Iso8601 };

enum class NamingConvention { SnakeCase, TitleCase, CamelCase };

// Where an event is sent from: client-side events are lost to ad blockers and closed tabs.
enum class SendingSide { Server, Client };

std::string_view toString(PropertyType type);
std::optional<PropertyType> propertyTypeFromString(std::string_view text);
std::string_view toString(TimestampEncoding format);
std::optional<TimestampEncoding> timestampEncodingFromString(std::string_view text);
std::string_view toString(NamingConvention convention);
std::optional<NamingConvention> namingConventionFromString(std::string_view text);
std::string_view toString(SendingSide side);
std::optional<SendingSide> sendingSideFromString(std::string_view text);

// One typed value: an event property, a nested object member, or (unnamed) an array's item schema.
struct PropertySpec {
    std::string name;
    PropertyType type = PropertyType::String;
    std::string description;
    bool required = false;
    TimestampEncoding timestampFormat = TimestampEncoding::Unspecified; // type Timestamp only
    std::vector<std::string> enumValues; // type Enum: the allowed strings; String: an optional allow-list
    std::optional<double> minimum;       // Number/Integer: value; String: length; Array: not used
    std::optional<double> maximum;
    std::string pattern;                  // String: ECMAScript regular expression the whole value matches
    std::optional<int> minItems;          // Array
    bool dedupeKey = false;               // identifies one occurrence (order_id, event id): always required
    bool joinKey = false;                 // ties events of one flow together (cart_id)
    std::vector<PropertySpec> properties; // Object: its members
    std::vector<PropertySpec> items;      // Array: exactly one element, the schema of every item

    const PropertySpec *itemSchema() const { return items.empty() ? nullptr : &items.front(); }
    const PropertySpec *findProperty(std::string_view name) const;
    bool isRequired() const { return required || dedupeKey; }
    friend bool operator==(const PropertySpec &, const PropertySpec &) = default;
};

struct EventSpec {
    std::string name;
    std::string description;
    SendingSide side = SendingSide::Server;
    std::vector<std::string> aliases; // other names the same event is known under (legacy, other tools)
    bool allowOtherProperties = true; // false: properties not in the plan are errors, not warnings
    std::vector<PropertySpec> properties;

    const PropertySpec *findProperty(std::string_view name) const;
    friend bool operator==(const EventSpec &, const EventSpec &) = default;
};

// A person attribute and the system that is its source of truth.
struct AttributeSpec {
    std::string name;
    PropertyType type = PropertyType::String;
    TimestampEncoding timestampFormat = TimestampEncoding::Unspecified;
    std::vector<std::string> enumValues;
    bool required = false; // every identify must carry it (partial updates are common: use sparingly)
    std::string owner;     // "shopify", "backend", "recharge"…: who may write it
    std::string description;
    // The attribute's value rules as a property's, so validation and schemas treat traits like event data.
    PropertySpec asProperty() const
    {
        PropertySpec spec;
        spec.name = name;
        spec.type = type;
        spec.timestampFormat = timestampFormat;
        spec.enumValues = enumValues;
        spec.required = required;
        return spec;
    }
    friend bool operator==(const AttributeSpec &, const AttributeSpec &) = default;
};

// A Customer.io object type (accounts, companies, orders…) and the attributes its objects carry.
struct ObjectTypeSpec {
    std::string typeId; // "1", "2"…: the integer Customer.io numbers the type with, as a string
    std::string name;   // what the team calls it: "account"
    std::string description;
    bool allowOtherAttributes = true; // false: attributes not in the plan are errors, not warnings
    std::vector<PropertySpec> attributes;
    friend bool operator==(const ObjectTypeSpec &, const ObjectTypeSpec &) = default;
};

struct IdentityRules {
    std::string primary = "id";                 // "id" or "email"
    std::vector<std::string> accepted = {"id"}; // identifiers calls may carry: id, email, phone, cio_id
    std::vector<std::string> identifyMoments;   // when an anonymous visitor becomes known
    bool mergeAnonymous = true;                 // identify sends anonymous_id so activity is attached
    friend bool operator==(const IdentityRules &, const IdentityRules &) = default;
};

struct ChangelogEntry {
    int version = 1;
    std::string date; // YYYY-MM-DD
    std::string note;
    friend bool operator==(const ChangelogEntry &, const ChangelogEntry &) = default;
};

struct Plan {
    static constexpr std::string_view kFormat = "preflight.plan/1";

    std::string name;
    std::string description;
    int version = 1;
    NamingConvention eventNaming = NamingConvention::SnakeCase;
    NamingConvention propertyNaming = NamingConvention::SnakeCase;
    IdentityRules identity;
    std::vector<AttributeSpec> attributes;
    bool allowOtherAttributes = true; // false: traits not in the plan are errors, not warnings
    std::vector<EventSpec> events;
    std::vector<ObjectTypeSpec> objectTypes;
    std::vector<ChangelogEntry> changelog;

    const EventSpec *findEvent(std::string_view name) const; // by name only
    const EventSpec *findEventOrAlias(std::string_view name) const;
    const AttributeSpec *findAttribute(std::string_view name) const;
    const ObjectTypeSpec *findObjectType(std::string_view typeId) const;
    friend bool operator==(const Plan &, const Plan &) = default;
};

} // namespace preflight
