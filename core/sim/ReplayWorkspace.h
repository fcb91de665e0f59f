#pragma once

#include "workspace/WorkspaceChange.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace preflight {

// A minimal in-memory workspace for replaying calls: it resolves identifiers to people, holds anonymous
// events until an identify with their anonymous_id attaches them, merges, drops repeated event ids and
// marks events that may not trigger (backdated, merged, anonymous, attached too late). The simulator
// and runner take any function from a call to changes; this is the one used in-process when no other
// workspace is plugged in.
class ReplayWorkspace
{
public:
    std::vector<WorkspaceChange> apply(const Call &call, UnixMillis arrivedAt);
    // The person key for an identity ("" when unknown): what timelines are keyed by.
    std::string personKeyFor(const Identity &identity) const;

private:
    struct Person {
        std::string key;
        Json attributes = Json::object();
    };
    struct HeldEvent {
        Call call;
        UnixMillis arrivedAt = 0;
    };

    void applyOne(const Call &call, UnixMillis arrivedAt, std::vector<WorkspaceChange> &out);
    std::string resolve(const Identity &identity) const;
    std::string resolveOrCreate(const Identity &identity, const Call &call, UnixMillis at, std::vector<WorkspaceChange> &out);
    void linkIdentifiers(const std::string &key, const Identity &identity);

    std::unordered_map<std::string, Person> m_people;
    std::unordered_map<std::string, std::string> m_keyByIdentifier; // "id:…", "email:…", "anon:…"
    std::unordered_map<std::string, std::vector<HeldEvent>> m_heldByAnonymousId;
    std::unordered_set<std::string> m_seenEventIds;
};

} // namespace preflight
