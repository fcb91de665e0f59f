#include "call/GroupObject.h"

namespace preflight {

Call objectCallOfGroup(const Call &group)
{
    Call call;
    call.kind = CallKind::ObjectIdentify;
    Json traits = group.properties.is_object() ? group.properties : Json::object();
    ObjectRef object{"1", group.groupId};
    for (const char *key : {"object_type_id", "objectTypeId"}) {
        if (const auto it = traits.find(key); it != traits.end()) {
            if (it->is_string() && !it->get_ref<const std::string &>().empty())
                object.typeId = it->get<std::string>();
            else if (it->is_number_integer())
                object.typeId = it->dump();
            traits.erase(it);
        }
    }
    Relationship relationship;
    relationship.person = group.identity;
    if (const auto it = traits.find("relationshipAttributes"); it != traits.end()) {
        if (it->is_object())
            relationship.attributes = *it;
        traits.erase(it);
    }
    call.object = std::move(object);
    call.properties = std::move(traits);
    call.relationships.push_back(std::move(relationship));
    return call;
}

} // namespace preflight
