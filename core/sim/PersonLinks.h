#pragma once

#include "common/Json.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace preflight {

// What a person is linked to besides their attributes: the manual segments they were added to and the
// objects they are related to, as the workspace's latest change says. Few people have either, so they
// are kept by person index apart from Person (which must stay two cache lines); private to core/sim.
class PersonLinks
{
public:
    bool inManualSegment(std::uint32_t person, std::int32_t segment) const;
    // `segments`: the ids, as WorkspaceChange::ManualSegmentsUpdated holds them.
    void setManualSegments(std::uint32_t person, const Json &segments);

    // [{"object_type_id", "object_id", "attributes", "relationship_attributes"}], empty if none.
    const Json &relatedObjects(std::uint32_t person) const;
    void setRelatedObjects(std::uint32_t person, Json objects);

private:
    std::unordered_map<std::uint32_t, std::vector<std::int32_t>> m_manualSegments;
    std::unordered_map<std::uint32_t, Json> m_relatedObjects;
};

} // namespace preflight
