#pragma once

#include "call/Call.h"
#include "common/Json.h"

#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace preflight {

// Customer.io objects (companies, accounts, orders…) and their relationships to people. People are the
// workspace's person handles; the workspace tells the store when one merges into another or goes.
class ObjectStore
{
public:
    struct StoredObject {
        Json attributes = Json::object();
        std::int64_t createdAt = 0;                  // unix seconds
        std::map<std::uint32_t, Json> relationships; // person handle -> relationship attributes
    };

    // Creates the object or updates its attributes (null or "" removes one). True when it was created.
    bool identify(const ObjectRef &object, const Json &attributes, std::int64_t now);
    // Deletes the object and its relationships. False when there was no such object.
    bool remove(const ObjectRef &object);
    // Relates a person to an object, creating the object when it is new; the attributes update the
    // relationship's as identify updates an object's.
    void relate(const ObjectRef &object, std::uint32_t person, const Json &attributes, std::int64_t now);
    // False when the two were not related.
    bool unrelate(const ObjectRef &object, std::uint32_t person);

    // The secondary of a merge: its relationships become the primary's (the primary's attributes win).
    void movePerson(std::uint32_t from, std::uint32_t to);
    void dropPerson(std::uint32_t person);

    const StoredObject *find(const ObjectRef &object) const;
    // The objects a person is related to, in (type, id) order.
    std::vector<std::pair<ObjectRef, const Json *>> relationshipsOf(std::uint32_t person) const;
    std::size_t size() const { return m_objects.size(); }

private:
    std::map<ObjectRef, StoredObject> m_objects;
    std::unordered_map<std::uint32_t, std::set<ObjectRef>> m_byPerson;
};

} // namespace preflight
