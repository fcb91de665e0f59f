#include "plan/Plan.h"

#include <algorithm>
#include <array>
#include <utility>

namespace preflight {

namespace {

template <typename E, std::size_t N>
std::string_view nameOf(E value, const std::array<std::pair<E, std::string_view>, N> &table)
{
    for (const auto &[v, text] : table)
        if (v == value)
            return text;
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(std::string_view text, const std::array<std::pair<E, std::string_view>, N> &table)
{
    for (const auto &[v, name] : table)
        if (name == text)
            return v;
    return std::nullopt;
}

constexpr std::array<std::pair<PropertyType, std::string_view>, 8> kTypes{{
    {PropertyType::String, "string"},
    {PropertyType::Number, "number"},
    {PropertyType::Integer, "integer"},
    {PropertyType::Boolean, "boolean"},
    {PropertyType::Timestamp, "timestamp"},
    {PropertyType::Enum, "enum"},
    {PropertyType::Object, "object"},
    {PropertyType::Array, "array"},
}};
constexpr std::array<std::pair<TimestampEncoding, std::string_view>, 3> kFormats{{
    {TimestampEncoding::Unspecified, ""},
    {TimestampEncoding::UnixSeconds, "unix_seconds"},
    {TimestampEncoding::Iso8601, "iso8601"},
}};
constexpr std::array<std::pair<NamingConvention, std::string_view>, 3> kConventions{{
    {NamingConvention::SnakeCase, "snake_case"},
    {NamingConvention::TitleCase, "Title Case"},
    {NamingConvention::CamelCase, "camelCase"},
}};
constexpr std::array<std::pair<SendingSide, std::string_view>, 2> kSides{{
    {SendingSide::Server, "server"},
    {SendingSide::Client, "client"},
}};

template <typename T> const T *findByName(const std::vector<T> &list, std::string_view name)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const T &item) { return item.name == name; });
    return it == list.end() ? nullptr : &*it;
}

} // namespace

std::string_view toString(PropertyType type)
{
    return nameOf(type, kTypes);
}
std::optional<PropertyType> propertyTypeFromString(std::string_view text)
{
    return valueOf(text, kTypes);
}
std::string_view toString(TimestampEncoding format)
{
    return nameOf(format, kFormats);
}
std::optional<TimestampEncoding> timestampEncodingFromString(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    return valueOf(text, kFormats);
}
std::string_view toString(NamingConvention convention)
{
    return nameOf(convention, kConventions);
}
std::optional<NamingConvention> namingConventionFromString(std::string_view text)
{
    return valueOf(text, kConventions);
}
std::string_view toString(SendingSide side)
{
    return nameOf(side, kSides);
}
std::optional<SendingSide> sendingSideFromString(std::string_view text)
{
    return valueOf(text, kSides);
}

const PropertySpec *PropertySpec::findProperty(std::string_view name) const
{
    return findByName(properties, name);
}
const PropertySpec *EventSpec::findProperty(std::string_view name) const
{
    return findByName(properties, name);
}
const EventSpec *Plan::findEvent(std::string_view name) const
{
    return findByName(events, name);
}
const AttributeSpec *Plan::findAttribute(std::string_view name) const
{
    return findByName(attributes, name);
}

const ObjectTypeSpec *Plan::findObjectType(std::string_view typeId) const
{
    for (const ObjectTypeSpec &type : objectTypes)
        if (type.typeId == typeId)
            return &type;
    return nullptr;
}

const EventSpec *Plan::findEventOrAlias(std::string_view name) const
{
    if (const EventSpec *event = findEvent(name))
        return event;
    for (const EventSpec &event : events)
        if (std::find(event.aliases.begin(), event.aliases.end(), name) != event.aliases.end())
            return &event;
    return nullptr;
}

} // namespace preflight
