#include "plan/PlanDiff.h"

#include "common/Spelling.h"

#include <algorithm>
#include <sstream>

namespace preflight {

namespace {

using Kind = PlanChange::Kind;
using Impact = ChangeImpact;

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

std::string quoted(const std::string &text)
{
    return text.empty() ? "(empty)" : "\"" + text + "\"";
}

// What a type change does: a widening (integer → number, enum → string) keeps old data valid.
bool widens(PropertyType from, PropertyType to)
{
    return (from == PropertyType::Integer && to == PropertyType::Number) ||
           (from == PropertyType::Enum && to == PropertyType::String);
}

std::vector<std::string> missingFrom(const std::vector<std::string> &values,
                                     const std::vector<std::string> &in)
{
    std::vector<std::string> out;
    for (const std::string &value : values)
        if (std::find(in.begin(), in.end(), value) == in.end())
            out.push_back(value);
    return out;
}

// Where a change is, and what it is about, while walking both plans.
struct Place {
    std::string where;   // "event order_completed › property total"
    std::string pointer; // into the new plan (or the old one for what only the old plan has)
    std::string event;
    std::string attribute;
    std::string property;
};

class Differ
{
public:
    std::vector<PlanChange> changes;

    void add(const Place &place, Kind kind, Impact impact, std::string code, std::string what,
             std::string why = {}, std::string advice = {})
    {
        changes.push_back({kind, impact, std::move(code), place.where, std::move(what), std::move(why),
                           std::move(advice), place.pointer, place.event, place.attribute, place.property});
    }

    // A removed item, pointed at by the list it left in the new plan.
    void removed(Place place, const std::string &list, std::string code, std::string why)
    {
        place.pointer = list;
        add(place, Kind::Removed, Impact::Breaking, std::move(code), "removed", std::move(why));
    }

    template <typename T>
    void cosmetic(const Place &place, const char *key, const char *label, const T &before, const T &after,
                  const std::string &beforeText, const std::string &afterText)
    {
        if (before != after)
            add(at(place, key), Kind::Changed, Impact::Cosmetic, std::string(label) + "_changed",
                std::string(key) + ": " + beforeText + " → " + afterText);
    }

    static Place at(const Place &place, const std::string &key)
    {
        Place out = place;
        out.pointer += "/" + key;
        return out;
    }

    void values(const Place &place, const char *subject, const std::vector<std::string> &before,
                const std::vector<std::string> &after)
    {
        if (before == after)
            return;
        const Place here = at(place, "enum");
        if (after.empty()) { // the allow-list is gone: every value is allowed now
            add(here, Kind::Changed, Impact::Additive, "enum_values_lifted",
                "values no longer limited (were " + join(before) + ")");
            return;
        }
        const std::vector<std::string> removed = missingFrom(before, after);
        const std::vector<std::string> added = missingFrom(after, before);
        if (!removed.empty())
            add(here, Kind::Changed, Impact::Breaking, "enum_value_removed",
                "values removed: " + join(removed),
                std::string("payloads that send ") + join(removed) + " for this " + subject + " now fail");
        if (!added.empty())
            add(here, Kind::Changed, before.empty() ? Impact::Breaking : Impact::Additive,
                before.empty() ? "enum_values_added" : "enum_value_added",
                (before.empty() ? "values now limited to " : "values added: ") + join(added),
                before.empty() ? std::string("any value was allowed; now only these are") : std::string());
        if (removed.empty() && added.empty())
            add(here, Kind::Changed, Impact::Cosmetic, "enum_order_changed",
                "values reordered: " + join(before) + " → " + join(after));
    }

    void type(const Place &place, PropertyType before, PropertyType after, const char *subject)
    {
        if (before == after)
            return;
        const bool wider = widens(before, after);
        add(at(place, "type"), Kind::Changed, wider ? Impact::Additive : Impact::Breaking,
            wider ? "type_widened" : "type_changed",
            "type: " + std::string(toString(before)) + " → " + std::string(toString(after)),
            wider
                ? std::string()
                : std::string("payloads that send this ") + subject + " as " + std::string(toString(before)) +
                      " now fail, and journeys comparing it as one stop matching");
    }

    void required(const Place &place, bool before, bool after, const char *subject)
    {
        if (before == after)
            return;
        add(at(place, "required"), Kind::Changed, Impact::Breaking, after ? "made_required" : "made_optional",
            "required: " + flag(before) + " → " + flag(after),
            after ? std::string("calls that leave this ") + subject + " out, valid before, now fail"
                  : std::string("journeys and templates that rely on it being there may now miss it (a "
                                "Liquid reference without a default fails the delivery)"));
    }

    void timestampFormat(const Place &place, TimestampEncoding before, TimestampEncoding after)
    {
        if (before != after)
            add(at(place, "format"), Kind::Changed, Impact::Breaking, "timestamp_format_changed",
                "timestamp format: " + std::string(toString(before)) + " → " + std::string(toString(after)),
                "timestamps written the old way now fail, and journeys reading them compare the wrong unit");
    }

    void bound(const Place &place, const char *key, const std::optional<double> &before,
               const std::optional<double> &after, bool isMinimum)
    {
        if (before == after)
            return;
        // Narrowing: a bound appears, or moves inward.
        const bool narrows = !before || (after && (isMinimum ? *after > *before : *after < *before));
        add(at(place, key), Kind::Changed, after && narrows ? Impact::Breaking : Impact::Additive,
            after && narrows ? std::string(key) + "_narrowed" : std::string(key) + "_relaxed",
            std::string(key) + ": " + number(before) + " → " + number(after),
            after && narrows ? "values allowed before now fail" : "");
    }

    void property(const Place &place, const PropertySpec &a, const PropertySpec &b)
    {
        type(place, a.type, b.type, "property");
        required(place, a.required, b.required, "property");
        if (a.dedupeKey != b.dedupeKey)
            add(at(place, "dedupe_key"), Kind::Changed, Impact::Breaking, "dedupe_key_changed",
                "dedupe key: " + flag(a.dedupeKey) + " → " + flag(b.dedupeKey),
                b.dedupeKey ? "a dedupe key is always required: calls without it now fail"
                            : "journeys that deduplicate on it no longer can rely on it");
        if (a.joinKey != b.joinKey)
            add(at(place, "join_key"), Kind::Changed, b.joinKey ? Impact::Additive : Impact::Breaking,
                b.joinKey ? "join_key_added" : "join_key_removed",
                "join key: " + flag(a.joinKey) + " → " + flag(b.joinKey),
                b.joinKey ? "" : "journeys that match events on it lose the guarantee it ties them together");
        timestampFormat(place, a.timestampFormat, b.timestampFormat);
        values(place, "property", a.enumValues, b.enumValues);
        bound(place, "minimum", a.minimum, b.minimum, true);
        bound(place, "maximum", a.maximum, b.maximum, false);
        if (a.pattern != b.pattern)
            add(at(place, "pattern"), Kind::Changed, b.pattern.empty() ? Impact::Additive : Impact::Breaking,
                b.pattern.empty() ? "pattern_removed" : "pattern_changed",
                "pattern: " + quoted(a.pattern) + " → " + quoted(b.pattern),
                b.pattern.empty() ? "" : "values that matched the old pattern may fail the new one");
        if (a.minItems != b.minItems) {
            const bool narrows = b.minItems && (!a.minItems || *b.minItems > *a.minItems);
            add(at(place, "min_items"), Kind::Changed, narrows ? Impact::Breaking : Impact::Additive,
                narrows ? "min_items_narrowed" : "min_items_relaxed",
                "min items: " + (a.minItems ? std::to_string(*a.minItems) : std::string("none")) + " → " +
                    (b.minItems ? std::to_string(*b.minItems) : std::string("none")),
                narrows ? "shorter arrays, valid before, now fail" : "");
        }
        cosmetic(place, "description", "description", a.description, b.description, quoted(a.description),
                 quoted(b.description));
        members(place, "properties", "property", a.properties, b.properties, ".");
        if (a.itemSchema() && b.itemSchema()) {
            Place items = at(place, "items");
            items.where += " › items";
            items.property += "[]";
            property(items, *a.itemSchema(), *b.itemSchema());
        } else if (bool(a.itemSchema()) != bool(b.itemSchema())) {
            add(at(place, "items"), Kind::Changed, b.itemSchema() ? Impact::Breaking : Impact::Additive,
                b.itemSchema() ? "item_schema_added" : "item_schema_removed",
                b.itemSchema() ? "item schema added" : "item schema removed",
                b.itemSchema() ? "arrays whose items do not follow it now fail" : "");
        }
    }

    // Pairs properties by name; what is only on one side is added or removed, or, when a removed and an
    // added one look alike, one likely rename.
    void members(const Place &place, const char *key, const char *noun,
                 const std::vector<PropertySpec> &before, const std::vector<PropertySpec> &after,
                 const char *separator)
    {
        std::vector<bool> paired(after.size(), false);
        std::vector<std::size_t> unpaired;
        for (std::size_t i = 0; i < before.size(); ++i) {
            const auto found = std::find_if(after.begin(), after.end(),
                                            [&](const PropertySpec &p) { return p.name == before[i].name; });
            if (found == after.end()) {
                unpaired.push_back(i);
                continue;
            }
            const auto j = std::size_t(found - after.begin());
            paired[j] = true;
            property(member(place, key, noun, before[i].name, j, separator), before[i], *found);
        }
        for (std::size_t i : unpaired) {
            const PropertySpec &gone = before[i];
            // A likely rename: the same type and a name that is nearly the same.
            std::size_t renamed = after.size();
            for (std::size_t j = 0; j < after.size() && renamed == after.size(); ++j)
                if (!paired[j] && after[j].type == gone.type && looksAlike(gone.name, after[j].name))
                    renamed = j; // the first look-alike
            if (renamed < after.size()) {
                paired[renamed] = true;
                add(member(place, key, noun, after[renamed].name, renamed, separator), Kind::Renamed,
                    Impact::Breaking, "property_renamed",
                    "likely renamed from \"" + gone.name + "\" (same type, similar name)",
                    "payloads that still send \"" + gone.name + "\" lose it, and journeys reading \"" +
                        gone.name + "\" stop matching",
                    "send both \"" + gone.name + "\" and \"" + after[renamed].name +
                        "\" for a transition period, move the journeys to the new name, then drop the old "
                        "one");
                changes.back().renamedFrom = member(place, key, noun, gone.name, i, separator).property;
                // What else changed with the name (made required, another enum…) still counts.
                property(member(place, key, noun, after[renamed].name, renamed, separator), gone,
                         after[renamed]);
                continue;
            }
            removed(member(place, key, noun, gone.name, i, separator), place.pointer + "/" + key,
                    std::string(noun) + "_removed",
                    "journeys and templates that read \"" + gone.name + "\" stop matching");
        }
        for (std::size_t j = 0; j < after.size(); ++j) {
            if (paired[j])
                continue;
            const bool needed = after[j].isRequired();
            add(member(place, key, noun, after[j].name, j, separator), Kind::Added,
                needed ? Impact::Breaking : Impact::Additive,
                needed ? std::string(noun) + "_added_required" : std::string(noun) + "_added",
                needed ? "added, required" : "added",
                needed ? "calls without it, valid before, now fail" : "");
        }
    }

    Place member(const Place &place, const char *key, const char *noun, const std::string &name,
                 std::size_t index, const char *separator) const
    {
        Place out = place;
        out.where += " › " + std::string(noun) + " " + name;
        out.pointer += "/" + std::string(key) + "/" + std::to_string(index);
        if (!place.event.empty())
            out.property = place.property.empty() ? name : place.property + separator + name;
        return out;
    }

    static bool looksAlike(const std::string &a, const std::string &b)
    {
        if (normalizedName(a) == normalizedName(b))
            return true;
        const std::size_t longest = std::max(a.size(), b.size());
        return editDistance(a, b) <= std::max<std::size_t>(2, longest / 4);
    }

    void attribute(const Place &place, const AttributeSpec &a, const AttributeSpec &b)
    {
        type(place, a.type, b.type, "attribute");
        timestampFormat(place, a.timestampFormat, b.timestampFormat);
        values(place, "attribute", a.enumValues, b.enumValues);
        required(place, a.required, b.required, "attribute");
        cosmetic(place, "owner", "owner", a.owner, b.owner, quoted(a.owner), quoted(b.owner));
        cosmetic(place, "description", "description", a.description, b.description, quoted(a.description),
                 quoted(b.description));
    }

    void openness(const Place &place, const char *key, const char *what, bool before, bool after)
    {
        if (before != after)
            add(at(place, key), Kind::Changed, after ? Impact::Additive : Impact::Breaking,
                after ? std::string(key) + "_opened" : std::string(key) + "_closed",
                std::string(what) + ": " + flag(before) + " → " + flag(after),
                after ? "" : std::string("payloads that carry ones the plan does not name now fail"));
    }

    void event(const Place &place, const EventSpec &a, const EventSpec &b)
    {
        cosmetic(place, "description", "description", a.description, b.description, quoted(a.description),
                 quoted(b.description));
        cosmetic(place, "side", "side", a.side, b.side, std::string(toString(a.side)),
                 std::string(toString(b.side)));
        const std::vector<std::string> aliasesGone = missingFrom(a.aliases, b.aliases);
        const std::vector<std::string> aliasesNew = missingFrom(b.aliases, a.aliases);
        if (!aliasesGone.empty())
            add(at(place, "aliases"), Kind::Changed, Impact::Breaking, "alias_removed",
                "aliases removed: " + join(aliasesGone),
                "calls still sent as " + join(aliasesGone) + " are no longer this event");
        if (!aliasesNew.empty())
            add(at(place, "aliases"), Kind::Changed, Impact::Additive, "alias_added",
                "aliases added: " + join(aliasesNew));
        openness(place, "allow_other_properties", "other properties allowed", a.allowOtherProperties,
                 b.allowOtherProperties);
        members(place, "properties", "property", a.properties, b.properties, ".");
    }
};

template <typename T> const T *named(const std::vector<T> &items, const std::string &name, std::size_t *index)
{
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].name == name) {
            *index = i;
            return &items[i];
        }
    return nullptr;
}

} // namespace

std::string_view toString(ChangeImpact impact)
{
    switch (impact) {
    case ChangeImpact::Breaking: return "breaking";
    case ChangeImpact::Additive: return "additive";
    case ChangeImpact::Cosmetic: return "cosmetic";
    }
    return "cosmetic";
}

std::string_view toString(PlanChange::Kind kind)
{
    switch (kind) {
    case Kind::Added: return "added";
    case Kind::Removed: return "removed";
    case Kind::Changed: return "changed";
    case Kind::Renamed: return "renamed";
    }
    return "changed";
}

std::vector<PlanChange> diffPlans(const Plan &before, const Plan &after)
{
    Differ d;
    const Place plan{"plan", "", {}, {}, {}};
    d.cosmetic(plan, "name", "name", before.name, after.name, quoted(before.name), quoted(after.name));
    d.cosmetic(plan, "description", "description", before.description, after.description,
               quoted(before.description), quoted(after.description));
    d.cosmetic(plan, "version", "version", before.version, after.version, std::to_string(before.version),
               std::to_string(after.version));
    d.cosmetic(Differ::at(plan, "naming"), "events", "event_naming", before.eventNaming, after.eventNaming,
               std::string(toString(before.eventNaming)), std::string(toString(after.eventNaming)));
    d.cosmetic(Differ::at(plan, "naming"), "properties", "property_naming", before.propertyNaming,
               after.propertyNaming, std::string(toString(before.propertyNaming)),
               std::string(toString(after.propertyNaming)));
    d.openness(plan, "allow_other_attributes", "other attributes allowed", before.allowOtherAttributes,
               after.allowOtherAttributes);

    const IdentityRules &a = before.identity;
    const IdentityRules &b = after.identity;
    const Place identity{"identity", "/identity", {}, {}, {}};
    if (a.primary != b.primary)
        d.add(Differ::at(identity, "primary"), Kind::Changed, Impact::Breaking, "primary_identifier_changed",
              "primary identifier: " + a.primary + " → " + b.primary,
              "people already known by their " + a.primary + " are looked up by " + b.primary +
                  ": the same customer can become two profiles");
    const std::vector<std::string> notAccepted = missingFrom(a.accepted, b.accepted);
    const std::vector<std::string> newlyAccepted = missingFrom(b.accepted, a.accepted);
    if (!notAccepted.empty())
        d.add(Differ::at(identity, "accepted"), Kind::Changed, Impact::Breaking,
              "identifier_no_longer_accepted", "identifiers no longer accepted: " + join(notAccepted),
              "calls that name people by " + join(notAccepted) + " now fail");
    if (!newlyAccepted.empty())
        d.add(Differ::at(identity, "accepted"), Kind::Changed, Impact::Additive, "identifier_accepted",
              "identifiers accepted: " + join(newlyAccepted));
    d.cosmetic(identity, "identify_moments", "identify_moments", a.identifyMoments, b.identifyMoments,
               join(a.identifyMoments), join(b.identifyMoments));
    if (a.mergeAnonymous != b.mergeAnonymous)
        d.add(Differ::at(identity, "merge_anonymous"), Kind::Changed, Impact::Breaking,
              "merge_anonymous_changed",
              "merge anonymous activity: " + flag(a.mergeAnonymous) + " → " + flag(b.mergeAnonymous),
              b.mergeAnonymous
                  ? "identify now carries anonymous_id: pre-signup activity joins the profile"
                  : "pre-signup activity no longer reaches the profile: journeys triggered by it "
                    "never start for the known person");

    // Attributes and events by name; what is only on one side is added or removed.
    for (std::size_t i = 0; i < before.attributes.size(); ++i) {
        const AttributeSpec &old = before.attributes[i];
        std::size_t j = 0;
        if (const AttributeSpec *now = named(after.attributes, old.name, &j)) {
            d.attribute({"attribute " + old.name, "/attributes/" + std::to_string(j), {}, old.name, {}}, old,
                        *now);
            continue;
        }
        d.removed({"attribute " + old.name, {}, {}, old.name, {}}, "/attributes", "attribute_removed",
                  "identify calls that set it now carry an attribute the plan does not know, and segments, "
                  "audiences and templates that read it stop matching");
    }
    for (std::size_t j = 0; j < after.attributes.size(); ++j) {
        const AttributeSpec &now = after.attributes[j];
        std::size_t i = 0;
        if (named(before.attributes, now.name, &i))
            continue;
        d.add({"attribute " + now.name, "/attributes/" + std::to_string(j), {}, now.name, {}}, Kind::Added,
              now.required ? Impact::Breaking : Impact::Additive,
              now.required ? "attribute_added_required" : "attribute_added",
              now.required ? "added, required" : "added",
              now.required ? "identify calls without it, valid before, now fail" : "");
    }

    std::vector<bool> eventPaired(after.events.size(), false);
    std::vector<std::size_t> eventsGone;
    for (std::size_t i = 0; i < before.events.size(); ++i) {
        std::size_t j = 0;
        if (const EventSpec *now = named(after.events, before.events[i].name, &j)) {
            eventPaired[j] = true;
            const std::string &name = now->name;
            d.event({"event " + name, "/events/" + std::to_string(j), name, {}, {}}, before.events[i], *now);
        } else {
            eventsGone.push_back(i);
        }
    }
    for (std::size_t i : eventsGone) {
        const EventSpec &gone = before.events[i];
        // A rename: the new event names the old one as an alias, or is nearly the same name.
        std::size_t renamed = after.events.size();
        // An event naming the old one in its aliases wins over a look-alike name; else the first look-alike.
        for (std::size_t j = 0; j < after.events.size(); ++j) {
            const auto &aliases = after.events[j].aliases;
            if (!eventPaired[j] && std::find(aliases.begin(), aliases.end(), gone.name) != aliases.end()) {
                renamed = j;
                break;
            }
            if (!eventPaired[j] && renamed == after.events.size() &&
                Differ::looksAlike(gone.name, after.events[j].name))
                renamed = j;
        }
        if (renamed < after.events.size()) {
            eventPaired[renamed] = true;
            const EventSpec &now = after.events[renamed];
            const auto &aliases = now.aliases;
            const bool aliased = std::find(aliases.begin(), aliases.end(), gone.name) != aliases.end();
            const Place place{"event " + now.name, "/events/" + std::to_string(renamed), now.name, {}, {}};
            d.add(place, Kind::Renamed, Impact::Breaking, "event_renamed",
                  "renamed from \"" + gone.name + "\"" +
                      (aliased ? " (kept as an alias, so calls with the old name still validate)"
                               : " (likely: a similar name)"),
                  "campaigns triggered by \"" + gone.name + "\" stop starting once senders switch",
                  "dual-send \"" + gone.name + "\" and \"" + now.name +
                      "\" for a transition period, move every campaign to the new name, then retire the old "
                      "one (keep it in \"aliases\" meanwhile)");
            d.changes.back().renamedFrom = gone.name;
            d.event(place, gone, now);
            continue;
        }
        d.removed({"event " + gone.name, {}, gone.name, {}, {}}, "/events", "event_removed",
                  "calls that send it now fail, and campaigns triggered or ended by it stop");
    }
    for (std::size_t j = 0; j < after.events.size(); ++j)
        if (!eventPaired[j])
            d.add({"event " + after.events[j].name,
                   "/events/" + std::to_string(j),
                   after.events[j].name,
                   {},
                   {}},
                  Kind::Added, Impact::Additive, "event_added", "added");

    for (const ObjectTypeSpec &old : before.objectTypes) {
        const auto found = std::find_if(after.objectTypes.begin(), after.objectTypes.end(),
                                        [&](const ObjectTypeSpec &t) { return t.typeId == old.typeId; });
        const std::string label = "object type " + old.typeId + " (" + old.name + ")";
        if (found == after.objectTypes.end()) {
            d.removed(
                {label, {}, {}, {}, {}}, "/objects", "object_type_removed",
                "object identifies of this type now fail, and conditions on related objects stop matching");
            continue;
        }
        const Place place{label, "/objects/" + std::to_string(found - after.objectTypes.begin()), {}, {}, {}};
        d.cosmetic(place, "name", "object_name", old.name, found->name, quoted(old.name),
                   quoted(found->name));
        d.cosmetic(place, "description", "description", old.description, found->description,
                   quoted(old.description), quoted(found->description));
        d.openness(place, "allow_other_attributes", "other attributes allowed", old.allowOtherAttributes,
                   found->allowOtherAttributes);
        d.members(place, "attributes", "attribute", old.attributes, found->attributes, ".");
    }
    for (std::size_t j = 0; j < after.objectTypes.size(); ++j) {
        const ObjectTypeSpec &now = after.objectTypes[j];
        if (std::none_of(before.objectTypes.begin(), before.objectTypes.end(),
                         [&](const ObjectTypeSpec &t) { return t.typeId == now.typeId; }))
            d.add({"object type " + now.typeId + " (" + now.name + ")",
                   "/objects/" + std::to_string(j),
                   {},
                   {},
                   {}},
                  Kind::Added, Impact::Additive, "object_type_added", "added");
    }
    if (before.changelog != after.changelog)
        d.add({"plan", "/changelog", {}, {}, {}}, Kind::Changed, Impact::Cosmetic, "changelog_changed",
              "changelog: " +
                  std::to_string(after.changelog.size() -
                                 std::min(after.changelog.size(), before.changelog.size())) +
                  " entry(ies) added");
    return d.changes;
}

std::vector<PlanChange> versionFindings(const Plan &before, const Plan &after,
                                        const std::vector<PlanChange> &changes)
{
    std::vector<PlanChange> out;
    const bool breaking = std::any_of(changes.begin(), changes.end(), [](const PlanChange &change) {
        return change.impact == Impact::Breaking;
    });
    PlanChange finding;
    finding.where = "plan";
    finding.pointer = "/version";
    finding.impact = Impact::Breaking;
    if (after.version < before.version) {
        finding.code = "version_lowered";
        finding.what = "version: " + std::to_string(before.version) + " → " + std::to_string(after.version);
        finding.why = "a plan's version only goes up, or consumers cannot tell which plan is newer";
        out.push_back(finding);
    } else if (breaking && after.version == before.version) {
        finding.code = "version_not_bumped";
        finding.what = "breaking changes, and the version stays " + std::to_string(after.version);
        finding.why = "consumers that pin version " + std::to_string(before.version) +
                      " cannot tell this plan breaks what they rely on";
        finding.advice = "set \"version\" to " + std::to_string(before.version + 1) +
                         " and add a changelog entry saying what breaks";
        out.push_back(finding);
    }
    return out;
}

} // namespace preflight
