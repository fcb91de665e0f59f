#include "sim/PersonLinks.h"

#include <algorithm>

namespace preflight {

bool PersonLinks::inManualSegment(std::uint32_t person, std::int32_t segment) const
{
    const auto found = m_manualSegments.find(person);
    return found != m_manualSegments.end() &&
           std::find(found->second.begin(), found->second.end(), segment) != found->second.end();
}

void PersonLinks::setManualSegments(std::uint32_t person, const Json &segments)
{
    std::vector<std::int32_t> ids;
    for (const Json &segment : segments) {
        if (segment.is_number_integer())
            ids.push_back(segment.get<std::int32_t>());
    }
    if (ids.empty())
        m_manualSegments.erase(person);
    else
        m_manualSegments[person] = std::move(ids);
}

const Json &PersonLinks::relatedObjects(std::uint32_t person) const
{
    static const Json kNone = Json::array();
    const auto found = m_relatedObjects.find(person);
    return found == m_relatedObjects.end() ? kNone : found->second;
}

void PersonLinks::setRelatedObjects(std::uint32_t person, Json objects)
{
    if (!objects.is_array() || objects.empty())
        m_relatedObjects.erase(person);
    else
        m_relatedObjects[person] = std::move(objects);
}

} // namespace preflight
