#include "workspace/EventStore.h"

namespace preflight {

std::string_view toString(ActivityType type)
{
    switch (type) {
    case ActivityType::Event: return "event";
    case ActivityType::Page: return "page";
    case ActivityType::Screen: return "screen";
    }
    return "event";
}

std::uint64_t EventStore::append(StoredEvent event, const Json &data)
{
    event.dataLength = 0;
    if (data.is_object() ? !data.empty() : !data.is_null()) {
        std::string packed;
        Json::to_msgpack(data, packed);
        if (m_chunks.empty() || m_chunks.back().size() + packed.size() > kChunkBytes) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(std::max(kChunkBytes, packed.size()));
        }
        event.dataChunk = m_firstChunk + static_cast<std::uint32_t>(m_chunks.size() - 1);
        event.dataOffset = static_cast<std::uint32_t>(m_chunks.back().size());
        event.dataLength = static_cast<std::uint32_t>(packed.size());
        m_chunks.back().append(packed);
    }
    m_events.push_back(event);
    const std::uint64_t sequence = nextSequence() - 1;
    evictOverCap();
    return sequence;
}

void EventStore::evictOverCap()
{
    if (m_maxEvents == 0)
        return;
    while (m_events.size() > m_maxEvents) {
        const StoredEvent &oldest = m_events.front();
        // Events fill chunks in order: every chunk before the evicted event's own is unreferenced.
        if (oldest.dataLength > 0) {
            while (m_firstChunk < oldest.dataChunk && m_chunks.size() > 1) {
                m_chunks.pop_front();
                ++m_firstChunk;
            }
        }
        if (oldest.dedupeHash != 0)
            m_evictedDedupeHashes.push_back(oldest.dedupeHash);
        m_events.pop_front();
        ++m_firstSequence;
    }
}

StoredEvent *EventStore::find(std::uint64_t sequence)
{
    if (sequence < m_firstSequence || sequence >= nextSequence())
        return nullptr;
    return &m_events[static_cast<std::size_t>(sequence - m_firstSequence)];
}

const StoredEvent *EventStore::find(std::uint64_t sequence) const
{
    return const_cast<EventStore *>(this)->find(sequence);
}

Json EventStore::data(const StoredEvent &event) const
{
    if (event.dataLength == 0 || event.dataChunk < m_firstChunk)
        return Json::object();
    const std::string &chunk = m_chunks[event.dataChunk - m_firstChunk];
    const char *begin = chunk.data() + event.dataOffset;
    return Json::from_msgpack(begin, begin + event.dataLength);
}

std::uint32_t EventStore::intern(std::string_view text)
{
    const auto found = m_stringIndex.find(text);
    if (found != m_stringIndex.end())
        return found->second;
    const auto handle = static_cast<std::uint32_t>(m_strings.size());
    m_strings.emplace_back(text);
    m_stringIndex.emplace(m_strings.back(), handle);
    return handle;
}

std::optional<std::uint32_t> EventStore::lookup(std::string_view text) const
{
    const auto found = m_stringIndex.find(text);
    if (found == m_stringIndex.end())
        return std::nullopt;
    return found->second;
}

std::size_t EventStore::dataBytes() const
{
    std::size_t total = 0;
    for (const std::string &chunk : m_chunks)
        total += chunk.capacity();
    return total;
}

} // namespace preflight
