#pragma once

#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Json.h"
#include "common/Result.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

// What the three dialects share: body parsing, identity mapping, timestamp conversion. Not a public API.
namespace preflight::dialect {

Error unsupported(const Call &call, std::string_view surface);
Error missing(std::string_view code, std::string message, std::string where);

// The body as a JSON object; an empty body is {} (customerio-node sends {} when given nothing).
Result<Json> parseObjectBody(const HttpRequest &request);

// The items of a POST {"batch": [...]} request. The whole request is refused when it is not POST, over
// batchBytes, not a JSON object or without a batch array; an item over itemBytes fails on its own; the
// others go to parseItem(item, "/batch/<index>").
using BatchItemParser = std::function<Result<Call>(const Json &item, const std::string &where)>;
Result<std::vector<Result<Call>>> parseBatchBody(const HttpRequest &request, std::size_t batchBytes,
                                                 std::size_t itemBytes, const BatchItemParser &parseItem);
// One Batch call of the items; the first failed item fails it.
Result<Call> batchCallOf(Result<std::vector<Result<Call>>> items);

// A JSON header set for a body the dialects send.
void setJsonBody(HttpRequest &request, const Json &body);

// The secret Authorization header, first as customerio-node sends it.
void setAuthorization(HttpRequest &request, std::string value);

// Track timestamps are whole unix seconds; sub-second precision is dropped (floor).
std::int64_t toUnixSeconds(UnixMillis instant);
// Reads an optional integer "timestamp" member (Track): seconds to millis.
Result<std::optional<UnixMillis>> readUnixSeconds(const Json &body, const char *key,
                                                  const std::string &where);

// A string member or "" (absent or null); an error when present with another type.
Result<std::string> readString(const Json &body, const char *key, const std::string &where);
// An object member or {} when absent.
Result<Json> readObject(const Json &body, const char *key, const std::string &where);

// The identifier of a Track v1 path: id, else email, else "cio_" + cio_id (phone is not a v1 path form).
std::string trackPathIdentifier(const Identity &identity);
// A decoded v1 path identifier back to an identity: "cio_..." is a cio_id, one with '@' an email, else an id.
Identity identityFromTrackPath(const std::string &identifier);
// The identity field (JSON pointer in the canonical Call form) that names the person.
std::string identityPointer(const Identity &identity, const std::string &base);

// {"id"|"email"|"cio_id"|"phone": value}: the one identifier Track v2 and merge_customers take.
Json identifierObject(const Identity &identity, bool allowPhone);
Result<Identity> identityFromIdentifierObject(const Json &json, bool allowPhone, const std::string &where);

// Identify attributes: the properties plus the identity's email (when the person is named otherwise) and
// anonymous_id; and back.
Json identifyAttributes(const Call &call, bool emailIsIdentifier);
void takeIdentifyAttributes(Json &attributes, Identity &identity, bool emailIsIdentifier);

// Track's object identifiers {"object_type_id": "1", "object_id": "acme"} and back. The type id is a
// stringified integer from 1 (a number is read as its digits); cio_object_id is refused: the sandbox
// assigns none, so it could name no object.
Json objectIdentifiers(const ObjectRef &object);
Result<ObjectRef> objectFromIdentifiers(const Json &json, const std::string &where);
// Track's cio_relationships array, [{"identifiers": {…}, "relationship_attributes": {…}}]: the related
// objects of a person's call (`objectSide` false) or the related people of an object's call.
Json relationshipsJson(const std::vector<Relationship> &relationships);
Result<std::vector<Relationship>> relationshipsFromJson(const Json &json, bool objectSide,
                                                        const std::string &where);

// Track device: v1 calls the token "id", v2 "token".
Json deviceJson(const Device &device, const char *tokenKey);
Result<Device> deviceFromJson(const Json &json, const char *tokenKey, bool requirePlatform,
                              const std::string &where);

} // namespace preflight::dialect
