#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"

#include <optional>
#include <string>

namespace preflight {

// How the App API's id_type names the identifier in the path.
enum class IdType { Id, Email, Phone, CioId };
std::string_view toString(IdType type); // "id", "email", "phone", "cio_id"

struct ActivityQuery {
    std::string type;         // e.g. "event", "attribute_change"; empty: all
    std::string name;         // event name filter; empty: all
    std::optional<int> limit; // 1..100
    std::string start;        // the "next" cursor of the previous page
};

// Read-back requests to the App API (GET, "Authorization: Bearer <app key>" marked secret, Accept JSON),
// on target.origin(Api::App). Query values and the path identifier are percent-encoded.
// GET /v1/customers/{identifier}/attributes?id_type=
HttpRequest customerAttributesRequest(const std::string &identifier, IdType idType, const ApiTarget &target);
// GET /v1/customers/{identifier}/activities?id_type=&type=&name=&limit=&start= (empty filters omitted;
// limit clamped to 1..100)
HttpRequest customerActivitiesRequest(const std::string &identifier, IdType idType,
                                      const ActivityQuery &query, const ApiTarget &target);
// GET /v1/customers?email=
HttpRequest customersByEmailRequest(const std::string &email, const ApiTarget &target);

} // namespace preflight
