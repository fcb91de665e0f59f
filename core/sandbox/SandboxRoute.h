#pragma once

#include "api/Api.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// What a method + path means on the sandbox's single origin. Paths are those of the real APIs.
struct SandboxRoute {
    enum class Endpoint {
        // Track v1
        Identify,
        DeleteCustomer,
        CustomerEvent,
        AnonymousEvent,
        Suppress,
        Unsuppress,
        AddDevice,
        DeleteDevice,
        MergeCustomers,
        Region,
        DeliveryMetric, // /api/v1/metrics and the deprecated /api/v1/push/events: no credentials
        ManualSegment,  // add_customers, remove_customers
        FormSubmit,
        // Track v2
        Entity,
        V2Batch,
        // Pipelines
        PipelinesCall,
        // App API read-back
        CustomerAttributes,
        CustomerActivities,
        CustomersByEmail,
        CustomerSegments,
        CustomerRelationships,
        ObjectAttributes,    // captures: object type id, object id
        ObjectRelationships, // captures: object type id, object id
        // The sandbox's own API
        PreflightActivity,
        PreflightCount,
        PreflightStream,
        PreflightReset,
        PreflightHealth,
    };

    enum class Match { Found, UnknownPath, WrongMethod };

    Match match = Match::UnknownPath;
    std::optional<Api> api; // empty for /preflight/… and paths under no API's prefix
    Endpoint endpoint = Endpoint::PreflightHealth;
    std::vector<std::string> captures; // percent-decoded path parameters ({identifier}, {token}, call type)
    std::string allowedMethods;        // for 405: "GET", "POST, PUT"…

    bool isPreflight() const { return match == Match::Found && !api; }
    // The person a /customers/{identifier}/… path names; empty for other paths.
    std::string personInPath() const;
    // Customer.io's metrics endpoints take no credentials (the OpenAPI's `security: []`).
    bool takesCredentials() const { return endpoint != Endpoint::DeliveryMetric; }

    // `path` is the raw (still percent-encoded) path without the query.
    static SandboxRoute resolve(std::string_view method, std::string_view path);
    // Percent-decodes one path segment; nullopt for malformed escapes.
    static std::optional<std::string> decodeSegment(std::string_view segment);
};

} // namespace preflight
