#pragma once

// The payload shapes around the properties (Track v1 body, Pipelines track/identify), written once over
// the value-access seam like Rules.h. Each returns through `eventName` the event it checked (for summaries).

#include "validate/Rules.h"

namespace preflight::rules {

// Resolves the event and reports unknown names, aliases and convention breaks.
inline const CompiledEvent *checkEventName(const CompiledPlan &plan, std::string_view name,
                                           const PayloadPath &path, Violations &out)
{
    bool viaAlias = false;
    const CompiledEvent *event = plan.findEvent(name, &viaAlias);
    if (event && viaAlias)
        report(out, ViolationCode::EventAlias, path,
               quote(name) + " is an alias of `" + event->spec->name + "`", event->spec->name, quote(name),
               "send `" + event->spec->name + "`", Severity::Warning);
    if (!event) {
        const std::string closest = closestName(name, plan.eventNames());
        report(out, ViolationCode::UnknownEvent, path, quote(name) + " is not an event in the plan",
               "a planned event", quote(name),
               closest.empty() ? std::string()
                               : "`" + std::string(name) + "` — did you mean `" + closest + "`?");
    }
    if (!event && !followsConvention(name, plan.plan().eventNaming))
        report(out, ViolationCode::EventNameConvention, path,
               quote(name) + " breaks the " + std::string(toString(plan.plan().eventNaming)) + " convention",
               std::string(toString(plan.plan().eventNaming)), quote(name),
               "name it `" + applyConvention(name, plan.plan().eventNaming) + "`", Severity::Warning);
    return event;
}

template <typename V>
void checkProperties(const CompiledPlan &plan, std::string_view name, const std::optional<V> &properties,
                     const PayloadPath &namePath, const PayloadPath &propertiesPath, Violations &out)
{
    const CompiledEvent *event = checkEventName(plan, name, namePath, out);
    if (!event)
        return;
    if (properties && properties->kind() != ValueKind::Object) {
        CompiledNode objectNode;
        objectNode.expected = "object";
        return wrongType(out, objectNode, *properties, properties->kind(), propertiesPath);
    }
    if (properties) {
        checkObjectMembers(event->root, *properties, propertiesPath, out);
    } else {
        // No properties object at all: every required property is missing.
        for (const CompiledNode &child : event->root.children)
            if (child.required)
                report(out,
                       child.dedupeKey ? ViolationCode::MissingDedupeKey : ViolationCode::MissingRequired,
                       propertiesPath.member(child.name), "`" + child.name + "` is required", child.expected,
                       "absent");
    }
}

// Reads a member that must be a string; reports wrong_type otherwise.
template <typename V>
std::optional<std::string_view> stringMember(const V &top, std::string_view key, const PayloadPath &root,
                                             Violations &out, bool *present = nullptr)
{
    const std::optional<V> member = top.find(key);
    if (present)
        *present = member.has_value();
    if (!member)
        return std::nullopt;
    const ValueKind kind = member->kind();
    if (kind != ValueKind::String) {
        CompiledNode stringNode;
        stringNode.type = PropertyType::String;
        stringNode.expected = "string";
        wrongType(out, stringNode, *member, kind, root.member(key));
        return std::nullopt;
    }
    return member->getString();
}

template <typename V> void checkPipelinesTimestamp(const V &top, const PayloadPath &root, Violations &out)
{
    if (const std::optional<V> timestamp = top.find("timestamp")) {
        CompiledNode node;
        node.type = PropertyType::Timestamp;
        node.timestampFormat = TimestampEncoding::Iso8601;
        node.expected = "timestamp (ISO-8601)";
        checkValue(node, *timestamp, root.member("timestamp"), out);
    }
}

template <typename V>
void checkPipelinesIdentity(const V &top, const PayloadPath &root, Violations &out, bool requireUserId)
{
    bool hasUserId = false;
    bool hasAnonymousId = false;
    stringMember(top, "userId", root, out, &hasUserId);
    if (!requireUserId)
        stringMember(top, "anonymousId", root, out, &hasAnonymousId);
    if (!hasUserId && !hasAnonymousId)
        report(out, ViolationCode::MissingIdentity, root.member("userId"),
               requireUserId ? "an identify needs a userId: without it no person is created or updated"
                             : "neither userId nor anonymousId is set: the event belongs to no one",
               requireUserId ? "userId" : "userId or anonymousId", "absent");
}

template <typename V>
void checkPipelinesTrack(const CompiledPlan &plan, const V &top, Violations &out, std::string &eventName)
{
    const PayloadPath root;
    bool present = false;
    const std::optional<std::string_view> name = stringMember(top, "event", root, out, &present);
    checkPipelinesIdentity(top, root, out, false);
    checkPipelinesTimestamp(top, root, out);
    if (!present)
        report(out, ViolationCode::MissingEventName, root.member("event"), "a track call needs an event name",
               "string", "absent");
    if (!name)
        return;
    eventName.assign(*name);
    checkProperties(plan, *name, top.find("properties"), root.member("event"), root.container("properties"),
                    out);
}

template <typename V>
void checkPipelinesIdentify(const CompiledPlan &plan, const V &top, Violations &out, std::string &eventName)
{
    const PayloadPath root;
    eventName.assign("(identify)");
    checkPipelinesIdentity(top, root, out, true);
    checkPipelinesTimestamp(top, root, out);
    if (const std::optional<V> traits = top.find("traits")) {
        if (traits->kind() == ValueKind::Object)
            checkObjectMembers(plan.attributes(), *traits, root.container("traits"), out,
                               ViolationCode::UnknownAttribute);
        else
            wrongType(out, plan.attributes(), *traits, traits->kind(), root.container("traits"));
    } else {
        // No traits at all: every attribute the plan requires on an identify is missing.
        for (const CompiledNode &child : plan.attributes().children)
            if (child.required)
                report(out, ViolationCode::MissingRequired, root.container("traits").member(child.name),
                       "`" + child.name + "` is required", child.expected, "absent");
    }
}

template <typename V>
void checkTrackV1(const CompiledPlan &plan, const V &top, Violations &out, std::string &eventName)
{
    const PayloadPath root;
    bool present = false;
    const std::optional<std::string_view> name = stringMember(top, "name", root, out, &present);
    if (const std::optional<V> timestamp = top.find("timestamp")) {
        CompiledNode node;
        node.type = PropertyType::Timestamp;
        node.timestampFormat = TimestampEncoding::UnixSeconds;
        node.expected = "timestamp (unix seconds)";
        checkValue(node, *timestamp, root.member("timestamp"), out);
    }
    bool typed = false;
    const std::optional<std::string_view> type = stringMember(top, "type", root, out, &typed);
    if (type && *type != "event")
        return; // page and screen views carry a URL or screen name, not a planned event
    if (!present)
        report(out, ViolationCode::MissingEventName, root.member("name"), "event name must not be blank",
               "string", "absent");
    if (!name)
        return;
    eventName.assign(*name);
    checkProperties(plan, *name, top.find("data"), root.member("name"), root.container("data"), out);
}

// Track v2 object entity: {"type": "object", "identifiers": {"object_type_id", "object_id"}, "action",
// "attributes"}; an identify's attributes follow the plan's object type. Only a plan that declares object
// types governs objects, as Validator::validate does for the call.
template <typename V>
void checkTrackV2Object(const CompiledPlan &plan, const V &top, Violations &out, std::string &eventName)
{
    const PayloadPath root;
    eventName.assign("(object)");
    if (plan.plan().objectTypes.empty())
        return;
    // Another action (or one that is not a string, which the API refuses) carries no attributes to type.
    bool isIdentify = true;
    if (const std::optional<V> action = top.find("action"))
        isIdentify = action->kind() == ValueKind::String &&
                     (action->getString() == "identify" || action->getString() == "identify_anonymous");
    const std::optional<V> identifiers = top.find("identifiers");
    if (!identifiers || identifiers->kind() != ValueKind::Object || !isIdentify)
        return; // the envelope's own errors are the API's (the sandbox answers them); nothing to type here
    const PayloadPath identifiersPath = root.container("identifiers");
    const std::optional<std::string_view> typeId =
        stringMember(*identifiers, "object_type_id", identifiersPath, out);
    if (!typeId)
        return;
    const CompiledNode *type = plan.objectType(*typeId);
    if (!type) {
        std::string known;
        for (const ObjectTypeSpec &spec : plan.plan().objectTypes)
            known += (known.empty() ? "" : ", ") + spec.typeId + " (" + spec.name + ")";
        return report(out, ViolationCode::UnknownObjectType, identifiersPath.member("object_type_id"),
                      "object type " + std::string(*typeId) + " is not in the plan", known,
                      std::string(*typeId));
    }
    if (const std::optional<V> attributes = top.find("attributes");
        attributes && attributes->kind() == ValueKind::Object)
        checkObjectMembers(*type, *attributes, root.container("attributes"), out,
                           ViolationCode::UnknownAttribute);
}

template <typename V>
void checkAuto(const CompiledPlan &plan, const V &top, Violations &out, std::string &eventName)
{
    const PayloadPath root;
    if (top.kind() != ValueKind::Object)
        return report(out, ViolationCode::UnsupportedPayload, root, "a payload must be a JSON object",
                      "object", kindName(top.kind()));
    if (const std::optional<V> type = top.find("type"); type && type->kind() == ValueKind::String) {
        const std::string_view text = type->getString();
        if (text == "track")
            return checkPipelinesTrack(plan, top, out, eventName);
        if (text == "identify")
            return checkPipelinesIdentify(plan, top, out, eventName);
        if (text == "object")
            return checkTrackV2Object(plan, top, out, eventName);
        if (text == "page" || text == "screen" || text == "group" || text == "alias")
            return; // not governed by the plan yet
    }
    if (top.find("event"))
        return checkPipelinesTrack(plan, top, out, eventName);
    if (top.find("traits"))
        return checkPipelinesIdentify(plan, top, out, eventName);
    if (top.find("name"))
        return checkTrackV1(plan, top, out, eventName);
    report(out, ViolationCode::UnsupportedPayload, root,
           "not a Track v1 event body, a Pipelines track/identify call nor a Track v2 object",
           "track, identify or object payload", "object");
}

} // namespace preflight::rules
