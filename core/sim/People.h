#pragma once

#include "common/Json.h"
#include "common/Time.h"
#include "sim/Prefetch.h"
#include "sim/TriggerKeys.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// The people the simulator keeps; private to core/sim.

struct StoredEvent {
    int nameId = -1;
    UnixMillis occurredAt = 0;
    std::uint64_t matchedWhere = 0; // bit per counting condition whose time-free filters this event met
    Json properties;                // kept only when a condition reads its data at evaluation time
};

// Why the simulator decided something: the event (or "time", "identify", "merge") and its two instants.
// `event` views a name the simulator keeps (an interned event name or a literal).
struct Cause {
    std::string_view event;
    UnixMillis occurredAt = 0;
    UnixMillis arrivedAt = 0;
};

struct Run {
    int id = 0;
    int campaign = 0;
    std::size_t pc = 0;
    enum class State : std::uint8_t { Ready, Delayed, WaitingEvent } state = State::Ready;
    int sends = 0;
    std::uint64_t timerToken = 0; // seq of its current timer; 0: none
    UnixMillis timerAt = 0;       // when that timer falls due
    UnixMillis enteredAt = 0;
    UnixMillis stepBase = 0;
    Cause trigger;
    TriggerKeys keyValues;
    bool anchorNamed = false; // the first delay's reason has said what delays count from
};

// A trigger whose audience did not match: re-checked at each attribute change for 30 minutes. It keeps
// the trigger's key values, not the event's data.
struct PendingEntry {
    int campaign = 0;
    UnixMillis until = 0;
    Cause trigger;
    TriggerKeys keyValues;
};

// Laid out for the cache: two lines, what most events read (flags, marks, events, runs) in the first.
// What only the timeline reads (the key, finished runs) is kept apart, by index.
struct alignas(64) Person {
    std::uint32_t index = 0; // in PersonStore: saves hashing the key on every step
    bool suppressed = false;
    bool segmentsEvaluated = false; // every segment looked at once: later events look only at theirs
    bool deleted = false;
    bool unsubscribed = false; // attributes.unsubscribed == true, looked up before every message
    UnixMillis firstSeen = 0;
    std::vector<std::int64_t> marks; // small state in one allocation: PersonMarks knows the layout
    std::vector<StoredEvent> events;
    std::vector<Run> runs; // active
    std::vector<PendingEntry> pending;
    Json attributes = Json::object();
};
static_assert(sizeof(Person) <= 128, "a person takes two cache lines");

// The layout of Person::marks, the same for everyone: small per-person state packed into one allocation
// so that touching a person costs few cache lines. In order: the last entry per campaign, the next window
// check per window slot (0: none due), the segment membership bits (64 to a word), then one word of
// clock-free attribute test results (a bit per test).
class PersonMarks
{
public:
    PersonMarks(std::size_t campaigns, std::size_t windowSlots, std::size_t segments)
        : m_campaigns(campaigns), m_windowSlots(windowSlots), m_segmentWords((segments + 63) / 64)
    {
    }

    // A new person's marks: never entered, no window checks, in no segment.
    std::vector<std::int64_t> initial(std::uint64_t attributeTests) const
    {
        std::vector<std::int64_t> marks(attributeTestsAt() + 1, 0);
        std::fill_n(marks.begin(), m_campaigns, kNever);
        marks[attributeTestsAt()] = static_cast<std::int64_t>(attributeTests);
        return marks;
    }

    std::optional<UnixMillis> lastEntry(const Person &person, int campaign) const
    {
        const std::int64_t at = person.marks[static_cast<std::size_t>(campaign)];
        return at == kNever ? std::nullopt : std::optional<UnixMillis>(at);
    }
    void setLastEntry(Person &person, int campaign, UnixMillis at) const
    {
        person.marks[static_cast<std::size_t>(campaign)] = at;
    }

    UnixMillis &windowCheck(Person &person, int slot) const
    {
        return person.marks[m_campaigns + static_cast<std::size_t>(slot)];
    }

    bool inSegment(const Person &person, std::size_t segment) const
    {
        return (segmentWord(person, segment) >> (segment % 64)) & 1;
    }
    void setInSegment(Person &person, std::size_t segment, bool member) const
    {
        const std::uint64_t bit = std::uint64_t{1} << (segment % 64);
        const std::uint64_t word = segmentWord(person, segment);
        person.marks[segmentsAt() + segment / 64] =
            static_cast<std::int64_t>(member ? word | bit : word & ~bit);
    }

    std::uint64_t attributeTests(const Person &person) const
    {
        return static_cast<std::uint64_t>(person.marks[attributeTestsAt()]);
    }
    void setAttributeTests(Person &person, std::uint64_t passed) const
    {
        person.marks[attributeTestsAt()] = static_cast<std::int64_t>(passed);
    }

private:
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min(); // no entry yet

    std::size_t segmentsAt() const { return m_campaigns + m_windowSlots; }
    std::size_t attributeTestsAt() const { return segmentsAt() + m_segmentWords; }
    std::uint64_t segmentWord(const Person &person, std::size_t segment) const
    {
        return static_cast<std::uint64_t>(person.marks[segmentsAt() + segment / 64]);
    }

    std::size_t m_campaigns;
    std::size_t m_windowSlots;
    std::size_t m_segmentWords;
};

// Everyone the simulator has seen, by person key, in one vector by index. Adding a person may move them
// all: a Person& is valid only until the next add(), so code that can add someone holds indexes.
class PersonStore
{
public:
    static constexpr std::uint32_t kUnknown = std::numeric_limits<std::uint32_t>::max();

    explicit PersonStore(PersonMarks marks) : m_marks(marks) {}

    const PersonMarks &marks() const { return m_marks; }
    std::size_t size() const { return m_people.size(); }
    Person &operator[](std::uint32_t index) { return m_people[index]; }
    const Person &operator[](std::uint32_t index) const { return m_people[index]; }
    const std::string &key(std::uint32_t index) const { return m_keys[index]; }

    // The person with this key, added (first seen now, attribute tests as for an empty profile) if new.
    std::uint32_t findOrAdd(const std::string &key, UnixMillis now, std::uint64_t emptyProfileTests);
    std::uint32_t find(const std::string &key) const
    {
        const auto it = m_byKey.find(key);
        return it == m_byKey.end() ? kUnknown : it->second;
    }
    // Forgets the key (the person merged away; their state stays, marked deleted, so indexes stay valid).
    void forget(const std::string &key);
    // Counts forget()s: an index looked up ahead is stale once this has moved on.
    std::uint64_t keysForgotten() const { return m_keysForgotten; }

    // Starts fetching the key's hash slot into the cache.
    void prefetchSlot(const std::string &key) const { m_byKey.prefetch(key); }
    // The key's index (kUnknown if none), with their state on its way to the cache.
    std::uint32_t prefetchPerson(const std::string &key) const
    {
        const std::uint32_t index = find(key);
        if (index != kUnknown) {
            const auto *person = reinterpret_cast<const char *>(&m_people[index]);
            prefetchLine(person);
            prefetchLine(person + kCacheLine);
        }
        return index;
    }

private:
    PersonMarks m_marks;
    // Looked up for every change, at random among many people: a Swiss table reaches the key in its
    // slot through one group of control bytes, where std::unordered_map goes bucket, previous node,
    // node (a cache miss each; this one change took the benchmark from 500k to 640k events/s).
    absl::flat_hash_map<std::string, std::uint32_t> m_byKey;
    std::uint64_t m_keysForgotten = 0;
    std::vector<Person> m_people;
    std::vector<std::string> m_keys; // by index
};

} // namespace preflight
