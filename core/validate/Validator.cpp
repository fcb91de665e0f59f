#include "validate/Validator.h"

#include "call/GroupObject.h"
#include "validate/EnvelopeRules.h"
#include "validate/JsonValueView.h"

#include <algorithm>

namespace preflight {

std::string_view toString(Severity severity)
{
    return severity == Severity::Error ? "error" : "warning";
}

bool hasErrors(const std::vector<Violation> &violations)
{
    return std::any_of(violations.begin(), violations.end(),
                       [](const Violation &v) { return v.severity == Severity::Error; });
}

Validator::Validator(const Plan &plan) : m_compiled(std::make_unique<CompiledPlan>(plan)) {}
Validator::~Validator() = default;
Validator::Validator(Validator &&) noexcept = default;
Validator &Validator::operator=(Validator &&) noexcept = default;

const Plan &Validator::plan() const
{
    return m_compiled->plan();
}

namespace {

void checkIdentity(const IdentityRules &rules, const Identity &identity, bool requireKnown,
                   std::vector<Violation> &out)
{
    const PayloadPath root;
    const PayloadPath path = root.member("identity");
    if (requireKnown ? !identity.isKnown() : identity.isEmpty()) {
        rules::report(out, ViolationCode::MissingIdentity, path,
                      requireKnown ? "an identify needs id, email, phone or cio_id"
                                   : "the call has no identifier: the event belongs to no one",
                      requireKnown ? "a known identifier" : "an identifier or anonymous id", "none");
        return;
    }
    const std::pair<const char *, const std::string *> present[] = {{"id", &identity.id},
                                                                    {"email", &identity.email},
                                                                    {"phone", &identity.phone},
                                                                    {"cio_id", &identity.cioId}};
    std::string firstUsed;
    for (const auto &[name, value] : present) {
        if (value->empty())
            continue;
        if (std::find(rules.accepted.begin(), rules.accepted.end(), name) != rules.accepted.end())
            return;
        if (firstUsed.empty())
            firstUsed = name;
    }
    if (!firstUsed.empty()) {
        std::string accepted;
        for (const std::string &name : rules.accepted)
            accepted += (accepted.empty() ? "" : ", ") + name;
        rules::report(out, ViolationCode::IdentifierNotAccepted, path.member(firstUsed),
                      "the plan identifies people by " + accepted + ", this call only by " + firstUsed +
                          ": it can create a duplicate person",
                      accepted, firstUsed, "send the " + rules.primary + " as well");
    }
}

} // namespace

std::vector<Violation> Validator::validate(const Call &call) const
{
    std::vector<Violation> out;
    const PayloadPath root;
    switch (call.kind) {
    case CallKind::Track: {
        checkIdentity(plan().identity, call.identity, false, out);
        if (call.name.empty()) {
            rules::report(out, ViolationCode::MissingEventName, root.member("name"),
                          "event name must not be blank", "string", "absent");
            break;
        }
        rules::checkProperties(*m_compiled, call.name,
                               std::optional<JsonValueView>(JsonValueView(call.properties)),
                               root.member("name"), root.container("properties"), out);
        break;
    }
    case CallKind::Identify: {
        checkIdentity(plan().identity, call.identity, true, out);
        const JsonValueView attributes(call.properties);
        if (attributes.kind() == ValueKind::Object)
            rules::checkObjectMembers(m_compiled->attributes(), attributes, root.container("properties"), out,
                                      ViolationCode::UnknownAttribute);
        break;
    }
    case CallKind::Group: {
        // Customer.io makes a group an object: checked as the object identify it becomes.
        if (!plan().objectTypes.empty() && !call.groupId.empty())
            for (Violation &violation : validate(objectCallOfGroup(call))) {
                // The object's attributes and type are the group's traits.
                const std::string attributes = "/properties";
                if (violation.pointer.rfind(attributes, 0) == 0)
                    violation.pointer = "/traits" + violation.pointer.substr(attributes.size());
                else if (violation.pointer == "/object/type_id")
                    violation.pointer = "/traits/objectTypeId";
                out.push_back(std::move(violation));
            }
        break;
    }
    case CallKind::ObjectIdentify: {
        // Only a plan that declares object types governs objects.
        if (plan().objectTypes.empty() || !call.object)
            break;
        const CompiledNode *type = m_compiled->objectType(call.object->typeId);
        if (!type) {
            std::string known;
            for (const ObjectTypeSpec &spec : plan().objectTypes)
                known += (known.empty() ? "" : ", ") + spec.typeId + " (" + spec.name + ")";
            rules::report(out, ViolationCode::UnknownObjectType, root.container("object").member("type_id"),
                          "object type " + call.object->typeId + " is not in the plan", known,
                          call.object->typeId);
            break;
        }
        const JsonValueView attributes(call.properties);
        if (attributes.kind() == ValueKind::Object)
            rules::checkObjectMembers(*type, attributes, root.container("properties"), out,
                                      ViolationCode::UnknownAttribute);
        break;
    }
    default: break; // page, screen, merge, devices…: nothing in the plan governs them yet
    }
    return out;
}

std::vector<Violation> Validator::validatePayload(const Json &payload, PayloadKind kind,
                                                  std::string_view eventName) const
{
    std::vector<Violation> out;
    std::string checkedEvent;
    const JsonValueView top(payload);
    const PayloadPath root;
    if (kind != PayloadKind::Auto && top.kind() != ValueKind::Object) {
        rules::report(out, ViolationCode::UnsupportedPayload, root, "a payload must be a JSON object",
                      "object", kindName(top.kind()));
        return out;
    }
    switch (kind) {
    case PayloadKind::Auto: rules::checkAuto(*m_compiled, top, out, checkedEvent); break;
    case PayloadKind::TrackV1Event: rules::checkTrackV1(*m_compiled, top, out, checkedEvent); break;
    case PayloadKind::PipelinesCall:
        if (top.find("traits") && !top.find("event"))
            rules::checkPipelinesIdentify(*m_compiled, top, out, checkedEvent);
        else
            rules::checkPipelinesTrack(*m_compiled, top, out, checkedEvent);
        break;
    case PayloadKind::Properties:
        rules::checkProperties(*m_compiled, eventName, std::optional<JsonValueView>(top), root, root, out);
        break;
    }
    return out;
}

} // namespace preflight
