#pragma once

#include "api/Api.h"
#include "call/Call.h"
#include "outbox/OutboxEntry.h"

#include <optional>
#include <string>
#include <vector>

namespace preflight {

// "Did it land?": after a send, asks the target's App-API-shaped read endpoints (the real App API or the
// sandbox's) until each acknowledged call is visible or the time is up. Identify: every sent attribute
// reads back equal; event/page/screen: an activity of that type and name exists for the person.
// Other kinds (merge, delete, devices...) are not checked. An item may say whom to ask and which values to
// find when later calls changed them: a merge takes the call's person away, a later identify overwrites.
namespace ReadBack {

enum class Visibility { NotChecked, Visible, Missing };

struct Item {
    Call call;
    Identity readAs; // whom to ask (the primary, when a later merge took the call's person away); empty: the
                     // call's
    std::optional<Json>
        attributes; // identify: the values to find (as later calls left them); unset: the call's
    OutboxState state = OutboxState::Pending;
    int status = 0; // last HTTP status of its request
    Visibility visibility = Visibility::NotChecked;
    std::string detail;
};

void poll(std::vector<Item> &items, const ApiTarget &target, int timeoutMs, int intervalMs = 1000);
// "<dedupe id> <kind> <name>: acknowledged (200), visible" and so on.
std::string describe(const Item &item);

} // namespace ReadBack
} // namespace preflight
