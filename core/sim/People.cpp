#include "sim/People.h"

namespace preflight {

std::uint32_t PersonStore::findOrAdd(const std::string &key, UnixMillis now, std::uint64_t emptyProfileTests)
{
    const auto index = static_cast<std::uint32_t>(m_people.size());
    const auto [it, added] = m_byKey.try_emplace(key, index);
    if (!added)
        return it->second;
    Person &person = m_people.emplace_back();
    m_keys.push_back(key);
    person.index = index;
    person.firstSeen = now;
    person.marks = m_marks.initial(emptyProfileTests);
    return index;
}

void PersonStore::forget(const std::string &key)
{
    if (m_byKey.erase(key) > 0)
        ++m_keysForgotten;
}

} // namespace preflight
