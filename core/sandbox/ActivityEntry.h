#pragma once

#include "common/Json.h"
#include "common/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// One item of a batch request: who and what it was about, and what became of it. The query API filters
// by item, so a batch is found by any of its events, people and verdicts, not only its first.
struct ActivityItem {
    std::string person;
    std::string eventName;
    std::string outcome = "accepted"; // "accepted", "ignored" (the workspace did nothing), "refused"
    std::string reason;
    bool failsPlan = false; // some plan verdict names this item

    Json toJson(std::size_t batchIndex) const;
};

// One request the sandbox received and what it did with it: what the activity view and the
// /preflight/activity API show.
struct ActivityEntry {
    std::int64_t sequence = 0; // increasing, never reused within a run (and across restarts with --db)
    UnixMillis arrivedAt = 0;
    std::string api; // "track-v1", "track-v2", "pipelines", "app", "preflight", or "" (no route)
    std::string method;
    std::string path;   // as received, query included
    std::string person; // the identifier the call is about, when there is one
    std::string eventName;
    int status = 0;                  // what the client was answered (0: connection dropped)
    std::string outcome;             // "accepted", "rejected", "dropped" (Pipelines' silent 200), "fault"
    std::string reason;              // why rejected, dropped or faulted
    Json verdicts = Json::array();   // plan violations, when a plan is loaded
    std::vector<ActivityItem> items; // a batch's items, by batch index; empty for a single call
    // The request itself, so it can be opened again exactly: its Content-Type and body (never its
    // Authorization). Bodies over kMaxKeptBodyBytes, and the oldest ones once the log's body budget is
    // spent, are not kept: bodyKept says whether `body` is the whole body.
    std::string contentType;
    std::string body;
    bool bodyKept = false;
    static constexpr std::size_t kMaxKeptBodyBytes = 64 * 1024;

    // Keeps `received` as this entry's body when it is small enough.
    void keepBody(std::string_view received, std::string_view receivedContentType);

    Json toJson() const;
};

// What /preflight/activity filters by; empty members match everything. person, eventName and
// hasViolations are about a call: a batch matches when one of its items matches all three.
struct ActivityFilter {
    std::string person;
    std::string eventName;
    std::string api;
    std::string outcome;
    std::optional<int> status;
    std::optional<bool> hasViolations; // verdict=fail / verdict=pass
    std::optional<UnixMillis> since;   // arrivedAt >= since
    std::optional<UnixMillis> until;   // arrivedAt < until
    std::int64_t afterSequence = 0;    // sequence > afterSequence

    bool matches(const ActivityEntry &entry) const;
    // How many of the entry's calls match: its items that do, or 1 for a matching single call.
    std::size_t matchingCalls(const ActivityEntry &entry) const;

private:
    bool requestMatches(const ActivityEntry &entry) const;
    bool callMatches(const std::string &callPerson, const std::string &callEvent, bool failsPlan) const;
};

} // namespace preflight
