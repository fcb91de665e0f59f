#include "workspace/ObjectStore.h"

#include "workspace/WorkspaceValues.h"

namespace preflight {

namespace {

// Customer.io's rule for object and relationship attributes: null or "" removes one.
void updateAttributes(Json &stored, const Json &update)
{
    if (!update.is_object())
        return;
    for (const auto &[key, value] : update.items()) {
        if (workspace_values::isEmptyValue(value))
            stored.erase(key);
        else
            stored[key] = value;
    }
}

} // namespace

bool ObjectStore::identify(const ObjectRef &object, const Json &attributes, std::int64_t now)
{
    const auto [it, created] = m_objects.try_emplace(object);
    if (created)
        it->second.createdAt = now;
    updateAttributes(it->second.attributes, attributes);
    return created;
}

bool ObjectStore::remove(const ObjectRef &object)
{
    const auto it = m_objects.find(object);
    if (it == m_objects.end())
        return false;
    for (const auto &[person, attributes] : it->second.relationships) {
        if (const auto related = m_byPerson.find(person); related != m_byPerson.end()) {
            related->second.erase(object);
            if (related->second.empty())
                m_byPerson.erase(related);
        }
    }
    m_objects.erase(it);
    return true;
}

void ObjectStore::relate(const ObjectRef &object, std::uint32_t person, const Json &attributes,
                         std::int64_t now)
{
    identify(object, Json::object(), now);
    Json &relationship = m_objects[object].relationships.try_emplace(person, Json::object()).first->second;
    updateAttributes(relationship, attributes);
    m_byPerson[person].insert(object);
}

bool ObjectStore::unrelate(const ObjectRef &object, std::uint32_t person)
{
    const auto it = m_objects.find(object);
    if (it == m_objects.end() || it->second.relationships.erase(person) == 0)
        return false;
    if (const auto related = m_byPerson.find(person); related != m_byPerson.end()) {
        related->second.erase(object);
        if (related->second.empty())
            m_byPerson.erase(related);
    }
    return true;
}

void ObjectStore::movePerson(std::uint32_t from, std::uint32_t to)
{
    const auto gone = m_byPerson.find(from);
    if (gone == m_byPerson.end())
        return;
    const std::set<ObjectRef> objects = std::move(gone->second);
    m_byPerson.erase(gone);
    for (const ObjectRef &object : objects) {
        auto &relationships = m_objects[object].relationships;
        Json attributes = std::move(relationships[from]);
        relationships.erase(from);
        relationships.try_emplace(to, std::move(attributes));
        m_byPerson[to].insert(object);
    }
}

void ObjectStore::dropPerson(std::uint32_t person)
{
    const auto gone = m_byPerson.find(person);
    if (gone == m_byPerson.end())
        return;
    for (const ObjectRef &object : gone->second)
        m_objects[object].relationships.erase(person);
    m_byPerson.erase(gone);
}

const ObjectStore::StoredObject *ObjectStore::find(const ObjectRef &object) const
{
    const auto it = m_objects.find(object);
    return it == m_objects.end() ? nullptr : &it->second;
}

std::vector<std::pair<ObjectRef, const Json *>> ObjectStore::relationshipsOf(std::uint32_t person) const
{
    std::vector<std::pair<ObjectRef, const Json *>> out;
    const auto related = m_byPerson.find(person);
    if (related == m_byPerson.end())
        return out;
    for (const ObjectRef &object : related->second)
        out.emplace_back(object, &m_objects.at(object).relationships.at(person));
    return out;
}

} // namespace preflight
