// Workspace rules for objects and relationships: object identify/delete, relationship changes from
// either side, Pipelines group calls, and the App API read-back of both.
#include "workspace/Workspace.h"

#include "call/GroupObject.h"
#include "workspace/WorkspaceValues.h"

#include <set>

namespace preflight {

using namespace workspace_values;

namespace {

std::string describe(const ObjectRef &object)
{
    return "object " + object.id + " (type " + object.typeId + ")";
}

std::string joined(const std::vector<std::string> &notes)
{
    std::string out;
    for (const std::string &note : notes)
        out += (out.empty() ? "" : "; ") + note;
    return out;
}

} // namespace

std::optional<std::uint32_t> Workspace::personOfAnonymousId(const std::string &anonymousId) const
{
    const auto link = m_anonymousLinks.find(anonymousId);
    if (link == m_anonymousLinks.end() || !m_people[link->second.person])
        return std::nullopt;
    return link->second.person;
}

std::string Workspace::changeRelationships(std::uint32_t person, const Call &call, UnixMillis arrivedAt)
{
    std::vector<std::string> notes;
    for (const Relationship &relationship : call.relationships) {
        if (call.kind == CallKind::DeleteRelationships) {
            if (!m_objects.unrelate(relationship.object, person))
                notes.push_back("not related to " + describe(relationship.object) + ": nothing removed");
        } else {
            m_objects.relate(relationship.object, person, relationship.attributes, toSeconds(arrivedAt));
        }
    }
    return joined(notes);
}

bool Workspace::attachHeldRelationships(std::uint32_t person, const std::string &anonymousId, UnixMillis at)
{
    const auto held = m_heldRelationships.find(anonymousId);
    if (held == m_heldRelationships.end())
        return false;
    bool related = false;
    for (const auto &[object, attributes] : held->second) {
        if (m_objects.find(object)) {
            m_objects.relate(object, person, attributes, toSeconds(at));
            related = true;
        }
    }
    m_heldRelationships.erase(held);
    return related;
}

WorkspaceChange Workspace::relatedObjectsChange(std::uint32_t person, UnixMillis at, const Call &call) const
{
    WorkspaceChange out = change(WorkspaceChange::Kind::RelatedObjectsUpdated, person, at, call);
    out.attributes = Json::array();
    for (const auto &[object, relationship] : m_objects.relationshipsOf(person)) {
        const ObjectStore::StoredObject *stored = m_objects.find(object);
        out.attributes.push_back({{"object_type_id", object.typeId},
                                  {"object_id", object.id},
                                  {"attributes", stored ? stored->attributes : Json::object()},
                                  {"relationship_attributes", *relationship}});
    }
    return out;
}

ApplyResult Workspace::objectCall(const Call &call, UnixMillis arrivedAt)
{
    if (call.kind == CallKind::Group) {
        if (call.groupId.empty())
            return ApplyResult::ignored(IgnoreReason::NoIdentifier,
                                        "group without a groupId names no object");
        return objectCall(objectCallOfGroup(call), arrivedAt);
    }
    if (!call.object || call.object->id.empty() || call.object->typeId.empty())
        return ApplyResult::ignored(IgnoreReason::NoIdentifier,
                                    "an object call needs a type id and an object id");
    const ObjectRef &object = *call.object;
    const std::int64_t now = toSeconds(arrivedAt);
    ApplyResult result;
    // Everyone whose related objects look different afterwards, for the simulator.
    std::set<std::uint32_t> touched;
    const auto relatedPeople = [&] {
        if (const ObjectStore::StoredObject *stored = m_objects.find(object))
            for (const auto &[person, attributes] : stored->relationships)
                touched.insert(person);
    };
    const auto noteTouched = [&] {
        for (std::uint32_t person : touched)
            result.changes.push_back(relatedObjectsChange(person, arrivedAt, call));
    };
    if (call.kind == CallKind::ObjectDelete) {
        relatedPeople();
        if (!m_objects.remove(object))
            return ApplyResult::ignored(IgnoreReason::ObjectNotFound,
                                        "no " + describe(object) + " to delete");
        noteTouched();
        return result;
    }
    if (call.kind == CallKind::ObjectIdentify) {
        m_objects.identify(object, call.properties, now);
        relatedPeople();
    } else if (call.kind == CallKind::DeleteRelationships && !m_objects.find(object)) {
        return ApplyResult::ignored(IgnoreReason::ObjectNotFound, "no " + describe(object));
    }

    std::vector<std::string> notes;
    for (const Relationship &relationship : call.relationships) {
        const Identity &named = relationship.person;
        const auto person = named.isKnown() ? resolve(named) : personOfAnonymousId(named.anonymousId);
        if (!person) {
            if (!named.isKnown() && call.kind != CallKind::DeleteRelationships) {
                // Choice: held like anonymous events, and made when the anonymous id is identified.
                m_heldRelationships[named.anonymousId].emplace_back(object, relationship.attributes);
                notes.push_back("anonymous_id " + named.anonymousId +
                                " is not identified yet: related once it is");
            } else {
                notes.push_back("nobody has " + named.primaryValue() + ": no relationship changed");
            }
            continue;
        }
        if (call.kind == CallKind::DeleteRelationships) {
            if (m_objects.unrelate(object, *person))
                touched.insert(*person);
            else
                notes.push_back(named.primaryValue() + " was not related to it: nothing removed");
        } else {
            m_objects.relate(object, *person, relationship.attributes, now);
            touched.insert(*person);
        }
    }
    noteTouched();
    result.message = joined(notes);
    return result;
}

Result<Json> Workspace::relationshipsResponse(std::string_view identifier, std::string_view idType) const
{
    if (!Identity::ofType(idType, {}))
        return Error{"bad_request", "id_type must be one of id, email, phone, cio_id", "id_type"};
    const auto handle = resolve(identifier, idType);
    if (!handle)
        return Error{"not_found", "The customer_id does not exist.", std::string(identifier)};
    Json relationships = Json::array();
    for (const auto &[object, attributes] : m_objects.relationshipsOf(*handle)) {
        relationships.push_back(
            {{"identifiers", {{"object_type_id", object.typeId}, {"object_id", object.id}}},
             {"relationship_attributes", *attributes}});
    }
    return Json{{"cio_relationships", std::move(relationships)}, {"next", ""}};
}

Result<Json> Workspace::objectAttributesResponse(const ObjectRef &object) const
{
    const ObjectStore::StoredObject *stored = m_objects.find(object);
    if (!stored)
        return Error{"not_found", "The object does not exist.", object.id};
    return Json{{"object",
                 {{"object_type_id", object.typeId},
                  {"identifiers", {{"object_id", object.id}}},
                  {"attributes", stored->attributes},
                  {"created_at", stored->createdAt}}}};
}

Result<Json> Workspace::objectRelationshipsResponse(const ObjectRef &object) const
{
    const ObjectStore::StoredObject *stored = m_objects.find(object);
    if (!stored)
        return Error{"not_found", "The object does not exist.", object.id};
    Json relationships = Json::array();
    for (const auto &[handle, attributes] : stored->relationships) {
        relationships.push_back(
            {{"identifiers", identifiersJson(*m_people[handle])}, {"relationship_attributes", attributes}});
    }
    return Json{{"cio_relationships", std::move(relationships)}, {"next", ""}};
}

} // namespace preflight
