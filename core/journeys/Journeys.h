#pragma once

#include "common/Json.h"
#include "common/Result.h"
#include "common/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace preflight {

// A comparison on one value: an event property ("cart_value", "items[].sku") or a person attribute.
struct ValueFilter {
    enum class Op {
        Equals,
        NotEquals,
        Less,
        Greater,
        LessOrEqual,
        GreaterOrEqual,
        Exists,
        NotExists,
        Contains,
        WithinPast
    };
    std::string path; // "items[].sku" looks at every element of items
    Op op = Op::Equals;
    Json value;                    // unused by Exists/NotExists
    std::int64_t windowMillis = 0; // WithinPast: "within the past 7d"
    friend bool operator==(const ValueFilter &, const ValueFilter &) = default;
};

// A segment or audience condition: AND/OR groups over attribute, event and membership tests.
struct Condition {
    enum class Kind { All, Any, Attribute, Performed, NotPerformed, InSegment, NotInSegment, RelatedObject };
    Kind kind = Kind::All;
    std::vector<Condition> children;          // All / Any
    ValueFilter attribute;                    // Attribute
    std::string event;                        // Performed / NotPerformed
    std::vector<ValueFilter> where;           // filters on the event's data, or the object's attributes
    int atLeast = 1;                          // Performed
    std::optional<int> atMost;                // Performed
    std::optional<std::int64_t> withinMillis; // by the event's timestamp, not its arrival
    // Performed / NotPerformed in a message condition or branch: only events whose value of this key is the
    // run's trigger's ("no order_completed with this cart_id"); empty: any event of the person.
    std::string matchKey;
    std::string segment; // InSegment / NotInSegment
    // RelatedObject: the person is related to an object of this type ("1") whose attributes pass `where`.
    std::string objectTypeId;
    friend bool operator==(const Condition &, const Condition &) = default;
};

// A data-driven segment (its condition decides membership), or a manual one: people are added and removed
// through the Track API's add_customers / remove_customers for its id.
struct Segment {
    std::string name;
    Condition condition;
    std::optional<std::int32_t> manualId;
    bool isManual() const { return manualId.has_value(); }
    friend bool operator==(const Segment &, const Segment &) = default;
};

struct Trigger {
    std::string event; // event trigger, or
    std::vector<ValueFilter> where;
    std::string segment; // segment-entry trigger
    bool isSegment() const { return !segment.empty(); }
    friend bool operator==(const Trigger &, const Trigger &) = default;
};

struct Frequency {
    enum class Kind { EveryTime, Once, OncePerPeriod };
    Kind kind = Kind::EveryTime;
    std::int64_t periodMillis = 0;
    friend bool operator==(const Frequency &, const Frequency &) = default;
};

// How an event is matched to the run it concerns: the same value of a key (cart_id), or any event of the
// person.
struct EventMatch {
    std::string event;
    std::vector<ValueFilter> where;
    std::string matchKey; // empty = by person
    friend bool operator==(const EventMatch &, const EventMatch &) = default;
};

inline constexpr std::uint8_t kEveryDay = 0x7f;

// A message's template, as Customer.io renders it with Liquid: inline, or a file beside the journeys file.
struct MessageTemplate {
    std::string file;    // as written ("templates/cart_reminder_1.liquid"); empty for an inline template
    std::string subject; // inline (email)
    std::string body;    // inline, or the file's text once loadJourneysFile has read it
    bool isEmpty() const { return file.empty() && subject.empty() && body.empty(); }
    friend bool operator==(const MessageTemplate &, const MessageTemplate &) = default;
};

struct Step {
    enum class Kind { Delay, TimeWindow, WaitUntil, Message, Branch };
    enum class Then { Continue, Exit };
    Kind kind = Kind::Delay;
    std::int64_t durationMillis = 0; // Delay
    int windowStartMinute = 0;       // TimeWindow: minutes after midnight in windowZone
    int windowEndMinute = 0;
    std::uint8_t windowDays = kEveryDay; // TimeWindow: bit 0 Monday … bit 6 Sunday
    std::string windowZone; // TimeWindow: an IANA name, "person" (their timezone attribute), "" UTC
    std::string
        windowFallbackZone; // TimeWindow with "person": when theirs is absent or unknown; "" the file's
    EventMatch waitFor;     // WaitUntil
    std::optional<std::int64_t> timeoutMillis; // WaitUntil: none = wait forever
    Then onEvent = Then::Continue;
    Then onTimeout = Then::Continue;
    std::string channel;                // Message: email | sms | push
    std::string name;                   // Message name
    MessageTemplate messageTemplate;    // Message: what it renders, when the file says
    std::optional<Condition> condition; // Message action condition; Branch test
    std::vector<Step> thenSteps;        // Branch
    std::vector<Step> elseSteps;
    friend bool operator==(const Step &, const Step &) = default;
};

struct Goal {
    EventMatch match;
    std::int64_t withinMillis = 0; // measured from entry
    friend bool operator==(const Goal &, const Goal &) = default;
};

// Where Customer.io's documentation is silent, the simulator's choice; each may be overridden per campaign.
struct Choices {
    bool concurrentRuns = true; // "allow": every trigger starts its own run; "skip": one run per person
    bool goalBeforeFirstMessageExits = true;
    bool delayFromOccurred = false; // delays count from the trigger's arrival (default) or its timestamp
    friend bool operator==(const Choices &, const Choices &) = default;
};

struct Campaign {
    std::string name;
    Trigger trigger;
    std::optional<Condition> audience;
    Frequency frequency;
    std::string dedupeKey;
    std::vector<Step> steps;
    std::optional<Goal> goal;
    std::string exitWhenLeavingSegment;
    // Customer.io's default exit condition: a segment-triggered run exits when the person leaves the trigger
    // segment or stops matching the audience; an event-triggered run re-checks the audience before each
    // message and exits when it fails. false: "don't exit early".
    bool exitWhenNoLongerMatching = true;
    Choices choices;
    friend bool operator==(const Campaign &, const Campaign &) = default;
};

struct Journeys {
    std::vector<Segment> segments;
    std::vector<Campaign> campaigns;
    std::int64_t segmentUpdateLatencyMillis = 0; // how long after data arrives segments reflect it
    std::string timezone; // the fallback zone of time windows in a person's zone (settings.timezone); "" UTC

    const Segment *segment(const std::string &name) const;
    const Campaign *campaign(const std::string &name) const;
    friend bool operator==(const Journeys &, const Journeys &) = default;
};

inline constexpr const char *kJourneysFormat = "preflight.journeys/1";

// The file form (see docs/journeys-format.md). Errors carry "file:line:column" for syntax and
// "file#/json/pointer" for meaning.
Result<Journeys> journeysFromJson(const Json &json, const std::string &origin = {});
Result<Journeys> loadJourneysFile(const std::string &path);
Json toJson(const Journeys &journeys);
std::string toJourneysFileText(const Journeys &journeys);

Result<Condition> conditionFromJson(const Json &json, const std::string &where);
Json toJson(const Condition &condition);
Result<ValueFilter> valueFilterFromJson(const Json &json, const std::string &where, const char *subjectKey);
Json toJson(const ValueFilter &filter, const char *subjectKey);

} // namespace preflight
