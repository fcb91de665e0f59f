#pragma once

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

    PayloadPath member(std::string_view name) const { return {this, name, 0, false}; }
    PayloadPath element(std::size_t position) const { return {this, {}, position, true}; }

    std::string pointer() const
    {
        if (!parent)
            return {};
        std::string result = parent->pointer() + "/";
        if (isIndex)
            return result + std::to_string(index);
        for (const char c : key)
            result += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        return result;
    }
    // "items[0].price": how messages name the value.
    std::string display() const
    {
        if (!parent)
            return "payload";
        if (!parent->parent)
            return isIndex ? "[" + std::to_string(index) + "]" : std::string(key);
        return parent->display() + (isIndex ? "[" + std::to_string(index) + "]" : "." + std::string(key));
    }
};

} // namespace preflight
