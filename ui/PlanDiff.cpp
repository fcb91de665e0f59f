#include "PlanDiff.h"

#include <algorithm>
#include <sstream>

namespace preflight::ui {

namespace {

using Differences = std::vector<PlanDifference>;

std::string join(const std::vector<std::string> &values)
{
    std::string text;
    for (const std::string &value : values)
        text += (text.empty() ? "" : ", ") + value;
    return "[" + text + "]";
}

std::string number(const std::optional<double> &value)
{
    if (!value)
        return "none";
    std::ostringstream out;
    out << *value;
    return out.str();
}

std::string flag(bool value)
{
    return value ? "yes" : "no";
}

template <typename T>
void field(Differences &out, const std::string &where, const char *name, const T &before, const T &after,
           const std::string &beforeText, const std::string &afterText)
{
    if (before != after)
        out.push_back({PlanDifference::Kind::Changed, where,
                       std::string(name) + ": " + beforeText + " → " + afterText});
}

void text(Differences &out, const std::string &where, const char *name, const std::string &before,
          const std::string &after)
{
    field(out, where, name, before, after, before.empty() ? "(empty)" : "\"" + before + "\"",
          after.empty() ? "(empty)" : "\"" + after + "\"");
}

// Pairs items by name and reports what is only on one side; `changed` compares the pairs.
template <typename T, typename Changed>
void byName(Differences &out, const std::string &where, const char *noun, const std::vector<T> &before,
            const std::vector<T> &after, Changed changed)
{
    const auto find = [](const std::vector<T> &items, const std::string &name) -> const T * {
        const auto it =
            std::find_if(items.begin(), items.end(), [&](const T &item) { return item.name == name; });
        return it == items.end() ? nullptr : &*it;
    };
    const std::string prefix = where.empty() ? "" : where + " › ";
    for (const T &item : before) {
        if (const T *other = find(after, item.name))
            changed(prefix + noun + " " + item.name, item, *other);
        else
            out.push_back({PlanDifference::Kind::Removed, prefix + noun + " " + item.name, "removed"});
    }
    for (const T &item : after) {
        if (!find(before, item.name))
            out.push_back({PlanDifference::Kind::Added, prefix + noun + " " + item.name, "added"});
    }
}

void compareProperty(Differences &out, const std::string &where, const PropertySpec &a, const PropertySpec &b)
{
    field(out, where, "type", a.type, b.type, std::string(toString(a.type)), std::string(toString(b.type)));
    field(out, where, "required", a.required, b.required, flag(a.required), flag(b.required));
    field(out, where, "dedupe key", a.dedupeKey, b.dedupeKey, flag(a.dedupeKey), flag(b.dedupeKey));
    field(out, where, "join key", a.joinKey, b.joinKey, flag(a.joinKey), flag(b.joinKey));
    field(out, where, "timestamp format", a.timestampFormat, b.timestampFormat,
          std::string(toString(a.timestampFormat)), std::string(toString(b.timestampFormat)));
    field(out, where, "values", a.enumValues, b.enumValues, join(a.enumValues), join(b.enumValues));
    field(out, where, "minimum", a.minimum, b.minimum, number(a.minimum), number(b.minimum));
    field(out, where, "maximum", a.maximum, b.maximum, number(a.maximum), number(b.maximum));
    text(out, where, "pattern", a.pattern, b.pattern);
    field(out, where, "min items", a.minItems, b.minItems, a.minItems ? std::to_string(*a.minItems) : "none",
          b.minItems ? std::to_string(*b.minItems) : "none");
    text(out, where, "description", a.description, b.description);
    byName(out, where, "member", a.properties, b.properties,
           [&out](const std::string &w, const PropertySpec &x, const PropertySpec &y) {
               compareProperty(out, w, x, y);
           });
    if (a.itemSchema() && b.itemSchema())
        compareProperty(out, where + " › items", *a.itemSchema(), *b.itemSchema());
    else if (bool(a.itemSchema()) != bool(b.itemSchema()))
        out.push_back({PlanDifference::Kind::Changed, where,
                       b.itemSchema() ? "item schema added" : "item schema removed"});
}

void compareEvent(Differences &out, const std::string &where, const EventSpec &a, const EventSpec &b)
{
    text(out, where, "description", a.description, b.description);
    field(out, where, "sent from", a.side, b.side, std::string(toString(a.side)),
          std::string(toString(b.side)));
    field(out, where, "aliases", a.aliases, b.aliases, join(a.aliases), join(b.aliases));
    field(out, where, "other properties allowed", a.allowOtherProperties, b.allowOtherProperties,
          flag(a.allowOtherProperties), flag(b.allowOtherProperties));
    byName(out, where, "property", a.properties, b.properties,
           [&out](const std::string &w, const PropertySpec &x, const PropertySpec &y) {
               compareProperty(out, w, x, y);
           });
}

void compareAttribute(Differences &out, const std::string &where, const AttributeSpec &a,
                      const AttributeSpec &b)
{
    field(out, where, "type", a.type, b.type, std::string(toString(a.type)), std::string(toString(b.type)));
    field(out, where, "timestamp format", a.timestampFormat, b.timestampFormat,
          std::string(toString(a.timestampFormat)), std::string(toString(b.timestampFormat)));
    field(out, where, "values", a.enumValues, b.enumValues, join(a.enumValues), join(b.enumValues));
    text(out, where, "owner", a.owner, b.owner);
    text(out, where, "description", a.description, b.description);
}

} // namespace

std::vector<PlanDifference> PlanDiff::compare(const Plan &before, const Plan &after)
{
    Differences out;
    text(out, "plan", "name", before.name, after.name);
    text(out, "plan", "description", before.description, after.description);
    field(out, "plan", "version", before.version, after.version, std::to_string(before.version),
          std::to_string(after.version));
    field(out, "plan", "event naming", before.eventNaming, after.eventNaming,
          std::string(toString(before.eventNaming)), std::string(toString(after.eventNaming)));
    field(out, "plan", "property naming", before.propertyNaming, after.propertyNaming,
          std::string(toString(before.propertyNaming)), std::string(toString(after.propertyNaming)));
    const IdentityRules &a = before.identity;
    const IdentityRules &b = after.identity;
    text(out, "identity", "primary identifier", a.primary, b.primary);
    field(out, "identity", "accepted identifiers", a.accepted, b.accepted, join(a.accepted),
          join(b.accepted));
    field(out, "identity", "identify moments", a.identifyMoments, b.identifyMoments, join(a.identifyMoments),
          join(b.identifyMoments));
    field(out, "identity", "merge anonymous activity", a.mergeAnonymous, b.mergeAnonymous,
          flag(a.mergeAnonymous), flag(b.mergeAnonymous));
    byName(out, "", "attribute", before.attributes, after.attributes,
           [&out](const std::string &w, const AttributeSpec &x, const AttributeSpec &y) {
               compareAttribute(out, w, x, y);
           });
    byName(
        out, "", "event", before.events, after.events,
        [&out](const std::string &w, const EventSpec &x, const EventSpec &y) { compareEvent(out, w, x, y); });
    return out;
}

} // namespace preflight::ui
