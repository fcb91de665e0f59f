#pragma once

#include "common/Json.h"
#include "common/Result.h"
#include "common/Time.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// What a call does; every API surface renders a subset of these.
enum class CallKind {
    Identify,
    Track, // an event; anonymous when the identity has only an anonymous id (or nothing: an "invite")
    Page,
    Screen,
    Merge,
    Delete,
    Suppress,
    Unsuppress,
    AddDevice,
    DeleteDevice,
    Alias,
    Group,
    ObjectIdentify,      // create or update an object (a company, an account, an order…)
    ObjectDelete,        // delete an object and its relationships
    AddRelationships,    // relate a person to objects, or an object to people (`object` set)
    DeleteRelationships, // the reverse
    ManualSegmentAdd,    // add the person to the manual segment whose id is `name` (Track add_customers)
    ManualSegmentRemove, // remove them (remove_customers)
    Batch,
};

std::string_view toString(CallKind kind);
std::optional<CallKind> callKindFromString(std::string_view text);
bool isManualSegmentChange(CallKind kind);
// A manual segment's id as the Track API's URL carries it: a whole number from 1 (at most nine digits).
bool isManualSegmentId(std::string_view text);

// Who a call is about. An empty string means "not given".
struct Identity {
    std::string id;
    std::string email;
    std::string phone;
    std::string cioId;
    std::string anonymousId;

    bool isEmpty() const;
    bool isKnown() const; // has id, email, phone or cio_id
    // The one identifier a person-scoped API uses, in Customer.io's order of preference.
    std::string primaryValue() const;
    friend bool operator==(const Identity &, const Identity &) = default;

    // The person named by one identifier of a type: "id" (or ""), "email", "phone" or "cio_id", as the
    // App API's id_type and Track v2's identifiers name them; nullopt for any other type.
    static std::optional<Identity> ofType(std::string_view idType, std::string identifier);
};

struct Device {
    std::string token;
    std::string platform;                 // "ios" | "android"
    std::optional<std::int64_t> lastUsed; // unix seconds, as Customer.io stores it
    Json attributes = Json::object();
    friend bool operator==(const Device &, const Device &) = default;
};

// A Customer.io object: its type's id (a stringified integer, "1", "2"…) and its own id.
struct ObjectRef {
    std::string typeId;
    std::string id;
    friend auto operator<=>(const ObjectRef &, const ObjectRef &) = default;
    friend bool operator==(const ObjectRef &, const ObjectRef &) = default;
};

// The other side of one relationship: the object of a person's call, or the person of an object's call.
struct Relationship {
    ObjectRef object;                 // when the call is about a person
    Identity person;                  // when the call is about an object
    Json attributes = Json::object(); // relationship attributes ("role": "admin")
    friend bool operator==(const Relationship &, const Relationship &) = default;
};

// The dialect-free fact "who did what, when". Value type.
struct Call {
    CallKind kind = CallKind::Track;
    Identity identity;
    Identity secondary;                      // merge: the person merged away; alias: the previous id
    std::string name;                        // event name, page URL or name, screen name, segment id
    Json properties = Json::object();        // event data, traits or attributes
    std::optional<UnixMillis> occurredAt;    // when it happened (the payload's timestamp)
    std::optional<UnixMillis> arrivedAt;     // when it reached the workspace (sandbox, simulator)
    std::string dedupeId;                    // Track `id`, Pipelines `messageId`
    std::string groupId;                     // Pipelines group
    std::optional<Device> device;            // add/delete device
    std::optional<ObjectRef> object;         // object calls, and relationship calls made from the object
    std::vector<Relationship> relationships; // identify, object identify, add/delete relationships
    Json context = Json::object();           // Pipelines context/integrations; Track extras
    std::vector<Call> batch;                 // kind == Batch

    friend bool operator==(const Call &, const Call &) = default;
};

// The canonical JSON form of a call (scenario steps, recorded streams, outbox metadata):
// {"kind", "identity": {"id", "email", "phone", "cio_id", "anonymous_id"}, "secondary", "name",
//  "properties", "occurred_at", "arrived_at" (ISO-8601 or unix seconds), "dedupe_id", "group_id",
//  "device", "object": {"type_id", "id"}, "relationships": [{"object"|"identity", "attributes"}],
//  "context", "batch"}; absent members are omitted. Reading is strict: unknown keys, wrong
// types and instants outside 2000–2100 (seconds/milliseconds mix-ups) are errors at their pointer.
Json toJson(const Call &call);
Result<Call> callFromJson(const Json &json, const std::string &where = {});
// The members callFromJson knows, for readers that embed a call in a larger object (scenario steps).
std::span<const std::string_view> callJsonKeys();
// The same, taking the properties and context trees out of `json` instead of copying them.
Result<Call> callFromJson(Json &&json, const std::string &where = {});
Json toJson(const Identity &identity);
Json toJson(const ObjectRef &object);
// Strict, as callFromJson reads them: {"type_id", "id"}, and {"object"|"identity", "attributes"}.
Result<ObjectRef> objectFromJson(const Json &json, const std::string &where);
Result<Relationship> relationshipFromJson(const Json &json, const std::string &where);
// Lenient: whatever identifiers are strings (expectations, resolved after templates).
Identity identityFromJson(const Json &json);
// Strict: an object of identifier strings, unknown keys refused, errors located under `where`.
Result<Identity> identityFromJson(const Json &json, const std::string &where);

} // namespace preflight
