#include "sim/TriggerKeys.h"

#include <cstdint>
#include <cstring>

namespace preflight {

void TriggerKeys::append(const Json *value)
{
    if (!value || value->is_null()) {
        m_packed.push_back(kAbsent);
        return;
    }
    const std::string dumped = value->is_string() ? std::string() : value->dump();
    const std::string &text = value->is_string() ? value->get_ref<const std::string &>() : dumped;
    const auto length = static_cast<std::uint32_t>(text.size());
    char lengthBytes[sizeof length];
    std::memcpy(lengthBytes, &length, sizeof length);
    m_packed.push_back(kPresent);
    m_packed.append(lengthBytes, sizeof length);
    m_packed.append(text);
}

std::optional<std::string_view> TriggerKeys::at(std::size_t slot) const
{
    std::size_t offset = 0;
    for (std::size_t key = 0;; ++key) {
        if (offset >= m_packed.size())
            return std::nullopt; // fewer keys than slots: absent
        if (m_packed[offset] == kAbsent) {
            if (key == slot)
                return std::nullopt;
            ++offset;
            continue;
        }
        std::uint32_t length = 0;
        std::memcpy(&length, m_packed.data() + offset + 1, sizeof length);
        const std::size_t text = offset + 1 + sizeof length;
        if (key == slot)
            return std::string_view(m_packed).substr(text, length);
        offset = text + length;
    }
}

} // namespace preflight
