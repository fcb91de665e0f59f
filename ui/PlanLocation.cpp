#include "PlanLocation.h"

#include <charconv>
#include <vector>

namespace preflight::ui {

namespace {

std::vector<std::string> tokens(const std::string &pointer)
{
    std::vector<std::string> result;
    std::size_t start = 1;
    while (start <= pointer.size() && !pointer.empty()) {
        const std::size_t end = pointer.find('/', start);
        result.push_back(pointer.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return result;
}

int indexToken(const std::vector<std::string> &parts, std::size_t at, std::size_t size)
{
    if (at >= parts.size())
        return -1;
    int value = -1;
    const std::string &text = parts[at];
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0 || std::size_t(value) >= size)
        return -1;
    return value;
}

} // namespace

PlanLocation PlanLocation::fromPointer(const Plan &plan, const std::string &pointer)
{
    PlanLocation location;
    const auto parts = tokens(pointer);
    if (parts.empty())
        return location;
    if (parts[0] == "identity") {
        location.section = Section::Identity;
    } else if (parts[0] == "attributes") {
        location.attribute = indexToken(parts, 1, plan.attributes.size());
        if (location.attribute >= 0)
            location.section = Section::Attribute;
    } else if (parts[0] == "events") {
        location.event = indexToken(parts, 1, plan.events.size());
        if (location.event >= 0) {
            location.section = Section::Event;
            if (parts.size() > 3 && parts[2] == "properties")
                location.property =
                    indexToken(parts, 3, plan.events[std::size_t(location.event)].properties.size());
        }
    }
    return location;
}

std::string PlanLocation::describe(const Plan &plan) const
{
    switch (section) {
    case Section::Identity: return "identity";
    case Section::Attribute: return "attribute " + plan.attributes[std::size_t(attribute)].name;
    case Section::Event: {
        const EventSpec &spec = plan.events[std::size_t(event)];
        return property >= 0 ? spec.name + " › " + spec.properties[std::size_t(property)].name : spec.name;
    }
    case Section::Plan: break;
    }
    return "plan";
}

} // namespace preflight::ui
