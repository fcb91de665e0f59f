#pragma once

#include "call/Call.h"
#include "common/Json.h"
#include "common/Result.h"
#include "common/Time.h"
#include "workspace/ApplyResult.h"
#include "workspace/EventIdSet.h"
#include "workspace/EventStore.h"
#include "workspace/ObjectStore.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace preflight {

struct WorkspaceOptions {
    std::uint64_t cioIdSeed = 3; // the first byte of every generated cio_id ("03000001", ...)
    std::size_t maxEvents = 0;   // 0: keep every event; otherwise the oldest are evicted first
    // Whether each WorkspaceChange carries a copy of its call. The simulator replays them; the sandbox
    // reads only the kind, trigger block and reason, and saves a copy per request without.
    bool changesCarryCalls = true;
};

// A Customer.io workspace's data semantics in memory: people, events and the rules that decide what a
// call does and whether an event can trigger a campaign. Deterministic: the same calls with the same
// arrival times give the same state, cio_ids and changes. No I/O; the sandbox server and the simulator
// sit on top. Choices where Customer.io is silent: docs/sandbox-semantics.md.
class Workspace
{
public:
    static constexpr std::int64_t kBackdateLimitMillis = 72LL * 3600 * 1000;
    static constexpr std::int64_t kAnonymousHoldMillis = 30LL * 86400 * 1000;
    static constexpr std::int64_t kAttachAfterIdentifyMillis = 5LL * 60 * 1000;
    static constexpr std::int64_t kMergeEventWindowMillis = 30LL * 86400 * 1000;
    static constexpr int kMaxActivitiesLimit = 100;
    static constexpr int kDefaultActivitiesLimit = 10;

    explicit Workspace(WorkspaceOptions options = {});

    ApplyResult apply(const Call &call, UnixMillis arrivedAt);

    // App API read-back. Errors: code "not_found" (answer 404) or "bad_request" (answer 400).
    Result<Json> attributesResponse(std::string_view identifier, std::string_view idType = "id") const;
    Result<Json> activitiesResponse(std::string_view identifier, std::string_view idType = "id",
                                    std::string_view type = {}, std::string_view name = {},
                                    int limit = kDefaultActivitiesLimit, std::string_view start = {}) const;
    Json customersByEmail(std::string_view email) const;
    // App API GET /v1/customers/{identifier}/segments: the manual segments the person is in.
    Result<Json> segmentsResponse(std::string_view identifier, std::string_view idType = "id") const;

    // App API GET /v1/customers/{identifier}/relationships: the objects the person is related to.
    Result<Json> relationshipsResponse(std::string_view identifier, std::string_view idType = "id") const;
    // App API GET /v1/objects/{type}/{id}/attributes and …/relationships (the related people).
    Result<Json> objectAttributesResponse(const ObjectRef &object) const;
    Result<Json> objectRelationshipsResponse(const ObjectRef &object) const;
    const ObjectStore &objects() const { return m_objects; }

    // The person's cio_id (the key changes carry), if someone has that identifier.
    std::optional<std::string> personKey(std::string_view identifier, std::string_view idType = "id") const;
    bool isSuppressed(std::string_view identifier, std::string_view idType = "id") const;
    std::size_t personCount() const { return m_personCount; }
    std::size_t eventCount() const { return m_events.size(); }
    std::size_t heldAnonymousEventCount(std::string_view anonymousId) const;
    const EventStore &events() const { return m_events; }

private:
    struct Person {
        std::string cioId;
        std::string id;
        std::string email;
        std::string phone;
        Json attributes = Json::object();               // everything but the identifiers and reserved fields
        std::map<std::string, std::int64_t> timestamps; // attribute -> unix seconds it was last set
        std::int64_t createdAt = 0;                     // unix seconds
        bool unsubscribed = false;
        std::vector<Device> devices;
        std::vector<std::uint64_t> events; // sequence numbers, ascending
        std::set<std::int32_t> manualSegments;
    };
    struct AnonymousLink {
        std::uint32_t person = 0;
        UnixMillis identifiedAt = 0;
    };

    ApplyResult applyOne(const Call &call, UnixMillis arrivedAt);
    ApplyResult identify(const Call &call, UnixMillis arrivedAt);
    ApplyResult track(const Call &call, UnixMillis arrivedAt);
    ApplyResult merge(const Call &call, UnixMillis arrivedAt);
    ApplyResult remove(const Call &call, UnixMillis arrivedAt);
    ApplyResult suppress(const Call &call, UnixMillis arrivedAt);
    ApplyResult unsuppress(const Call &call, UnixMillis arrivedAt);
    ApplyResult addDevice(const Call &call, UnixMillis arrivedAt);
    ApplyResult deleteDevice(const Call &call, UnixMillis arrivedAt);
    ApplyResult alias(const Call &call, UnixMillis arrivedAt);
    ApplyResult objectCall(const Call &call, UnixMillis arrivedAt);
    ApplyResult manualSegment(const Call &call, UnixMillis arrivedAt);
    // What the person is related to, or which manual segments they are in, after a change: the changes
    // the simulator's object and segment conditions read.
    WorkspaceChange relatedObjectsChange(std::uint32_t person, UnixMillis at, const Call &call) const;
    WorkspaceChange manualSegmentsChange(std::uint32_t person, UnixMillis at, const Call &call) const;
    // A person's own relationship change (identify, add/delete relationships); returns what it noted.
    std::string changeRelationships(std::uint32_t person, const Call &call, UnixMillis arrivedAt);
    std::optional<std::uint32_t> personOfAnonymousId(const std::string &anonymousId) const;
    // True when it related the person to anything.
    bool attachHeldRelationships(std::uint32_t person, const std::string &anonymousId, UnixMillis at);

    std::optional<std::uint32_t> resolve(const Identity &identity) const;
    std::optional<std::uint32_t> resolve(std::string_view identifier, std::string_view idType) const;
    std::optional<std::uint32_t> resolveIdentified(const Identity &identity, const Identity &fromBody) const;
    std::optional<std::string> suppressedIdentifier(const Identity &identity) const;
    std::uint32_t createPerson(const Identity &identity, UnixMillis arrivedAt, ApplyResult &result,
                               const Call &call);
    void setIdentifier(std::uint32_t person, std::string Person::*slot, const std::string &value);
    void dropPerson(std::uint32_t person);
    std::string nextCioId();
    void attachHeld(std::uint32_t person, const std::string &anonymousId, UnixMillis at, ApplyResult &result,
                    const Call &call);
    void attachEvent(std::uint64_t sequence, std::uint32_t person, UnixMillis at, ApplyResult &result);
    WorkspaceChange change(WorkspaceChange::Kind kind, std::uint32_t person, UnixMillis at,
                           const Call &call) const;
    Json identifiersJson(const Person &person) const;
    Json attributesJson(const Person &person) const;
    Json deviceJson(const Device &device) const;
    Json activityJson(std::uint64_t sequence, const StoredEvent &event, const Person &person) const;
    Call eventCall(const StoredEvent &event) const;
    void sweep(UnixMillis now);

    WorkspaceOptions m_options;
    std::uint64_t m_cioIdCounter = 0;
    std::vector<std::unique_ptr<Person>> m_people; // index = the person's handle; null once gone
    std::size_t m_personCount = 0;
    std::unordered_map<std::string, std::uint32_t> m_byId;
    std::unordered_map<std::string, std::uint32_t> m_byEmail; // lower-cased
    std::unordered_map<std::string, std::uint32_t> m_byPhone;
    std::unordered_map<std::string, std::uint32_t> m_byCioId;
    // Suppressed identifiers ("id:42", "email:a@b.co") -> the suppression they belong to.
    std::unordered_map<std::string, std::uint32_t> m_suppressed;
    std::vector<std::vector<std::string>> m_suppressions;
    EventIdSet m_seenEventIds; // 64-bit FNV-1a of each event id
    EventStore m_events;
    std::unordered_map<std::string, std::vector<std::uint64_t>> m_heldAnonymous;
    std::unordered_map<std::string, AnonymousLink> m_anonymousLinks;
    ObjectStore m_objects;
    // Objects related to an anonymous id nobody has identified yet; they carry over at identify.
    std::unordered_map<std::string, std::vector<std::pair<ObjectRef, Json>>> m_heldRelationships;
    std::uint64_t m_eventsSinceSweep = 0; // bookkeeping of expired entries runs every kSweepEvery events
    static constexpr std::uint64_t kSweepEvery = 1 << 16;
};

} // namespace preflight
