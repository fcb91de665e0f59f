#pragma once

#include "common/Json.h"
#include "common/Time.h"
#include "workspace/WorkspaceChange.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace preflight {

enum class ActivityType : std::uint8_t { Event, Page, Screen };
std::string_view toString(ActivityType type);

// One stored event in 64 bytes plus its data: names and anonymous ids are interned, the data is
// MessagePack in a chunked arena, so a few million events stay within a few hundred MB.
struct StoredEvent {
    enum Flag : std::uint8_t { Attached = 1, Merged = 2, Deleted = 4, Invite = 8 };

    UnixMillis occurredAt = 0;
    UnixMillis arrivedAt = 0;
    UnixMillis attachedAt = 0;    // meaningful only with the Attached flag
    std::uint64_t dedupeHash = 0; // the event id's hash; 0: the event had no id
    std::uint32_t person = kNoPerson;
    std::uint32_t name = 0;
    std::uint32_t anonymousId = kNoString;
    std::uint32_t dataChunk = 0;
    std::uint32_t dataOffset = 0;
    std::uint32_t dataLength = 0; // 0: the data is {}
    ActivityType type = ActivityType::Event;
    TriggerBlock block = TriggerBlock::None;
    std::uint8_t flags = 0;

    static constexpr std::uint32_t kNoPerson = 0xffffffffu;
    static constexpr std::uint32_t kNoString = 0xffffffffu;
    bool has(Flag flag) const { return (flags & flag) != 0; }
};

// Events in arrival order, addressed by a sequence number that never changes. With a cap, the oldest
// events are evicted first; a sequence number then simply stops resolving.
class EventStore
{
public:
    explicit EventStore(std::size_t maxEvents = 0) : m_maxEvents(maxEvents) {}

    // Stores the event (its data copied into the arena); answers its sequence number.
    std::uint64_t append(StoredEvent event, const Json &data);
    StoredEvent *find(std::uint64_t sequence);
    const StoredEvent *find(std::uint64_t sequence) const;
    Json data(const StoredEvent &event) const;

    std::uint32_t intern(std::string_view text);
    std::optional<std::uint32_t> lookup(std::string_view text) const;
    const std::string &text(std::uint32_t handle) const { return m_strings[handle]; }

    std::uint64_t firstSequence() const { return m_firstSequence; }
    std::uint64_t nextSequence() const { return m_firstSequence + m_events.size(); }
    std::size_t size() const { return m_events.size(); }
    std::size_t dataBytes() const;
    // The dedupe hashes of events evicted since the last call: the workspace forgets those ids.
    std::vector<std::uint64_t> takeEvictedDedupeHashes() { return std::exchange(m_evictedDedupeHashes, {}); }

private:
    void evictOverCap();

    static constexpr std::size_t kChunkBytes = 1 << 20;

    std::size_t m_maxEvents = 0;
    std::deque<StoredEvent> m_events;
    std::uint64_t m_firstSequence = 1;
    std::vector<std::uint64_t> m_evictedDedupeHashes;
    std::deque<std::string> m_chunks;
    std::uint32_t m_firstChunk = 0;
    // Heterogeneous lookup: interning a name from a string_view allocates only for new strings.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>> m_stringIndex;
};

} // namespace preflight
