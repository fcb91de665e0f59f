#pragma once

#include "api/HttpRequest.h"
#include "common/Result.h"
#include "common/Time.h"

#include <optional>
#include <string>

namespace preflight {

// A message metric reported back to Customer.io: POST /api/v1/metrics (every channel) or the deprecated
// POST /api/v1/push/events that customerio-node's trackPush sends. Neither endpoint takes credentials.
struct DeliveryMetric {
    std::string deliveryId; // the CIO-Delivery-ID of the message
    std::string metric;     // "opened", "clicked", "delivered"…
    std::string recipient;  // email, id or phone when given (/metrics)
    std::string deviceId;   // the CIO-Delivery-Token when given (/push/events)
    std::optional<UnixMillis> occurredAt;

    // Who the metric is about, as the activity log names them.
    const std::string &person() const { return recipient.empty() ? deviceId : recipient; }
};

// Reads either endpoint's body (the path says which). Error::where is a JSON pointer into the body.
Result<DeliveryMetric> parseDeliveryMetric(const HttpRequest &request);

} // namespace preflight
