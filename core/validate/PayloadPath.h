#pragma once

#include "common/Json.h"

#include <string>
#include <string_view>

namespace preflight {

// Where a check is in the payload, as a chain of stack frames: the pointer string is only built when a
// violation is reported, so the happy path allocates nothing.
struct PayloadPath {
    const PayloadPath *parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool isIndex = false;
    bool hidden = false; // "properties", "data", "traits": left out of display names

    PayloadPath member(std::string_view name) const { return {this, name, 0, false}; }
    PayloadPath element(std::size_t position) const { return {this, {}, position, true}; }
    PayloadPath container(std::string_view name) const { return {this, name, 0, false, true}; }

    std::string pointer() const
    {
        if (!parent)
            return {};
        std::string result = parent->pointer() + "/";
        if (isIndex)
            return result + std::to_string(index);
        return result + jsonPointerToken(key);
    }
    // How messages name the value: "items[0].price", or the container itself ("properties").
    std::string name() const
    {
        std::string shown = display();
        if (shown.empty())
            shown = key.empty() ? std::string("payload") : std::string(key);
        return shown;
    }
    // "items[0].price": the path below the properties/data/traits container.
    std::string display() const
    {
        if (!parent)
            return {};
        if (hidden)
            return parent->display();
        const std::string prefix = parent->display();
        if (isIndex)
            return prefix + "[" + std::to_string(index) + "]";
        return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    }
};

} // namespace preflight
