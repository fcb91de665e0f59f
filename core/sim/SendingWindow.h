#pragma once

#include "common/Time.h"
#include "journeys/Journeys.h"

#include <QTimeZone>

#include <string>
#include <string_view>
#include <unordered_map>

namespace preflight {

// When a time-window step lets a run through, in the zone it is read in: `now` when inside, else the next
// opening on one of its days. Local times are the zone's wall clock, so a window keeps its hours across a
// change to or from summer time.
UnixMillis nextWindowOpening(const Step &window, UnixMillis now, const QTimeZone &zone);

// "Mon–Fri 09:00–17:00", "every day 09:00–17:00".
std::string describeWindow(const Step &window);

// Time zones by IANA name, looked up once each (QTimeZone's construction reads the database).
class TimeZones
{
public:
    // Invalid for a name the database does not know.
    const QTimeZone &zone(std::string_view name);

private:
    std::unordered_map<std::string, QTimeZone> m_zones;
};

} // namespace preflight
