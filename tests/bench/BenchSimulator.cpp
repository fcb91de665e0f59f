// Throughput of the journey simulator: N events (default 1M) over 10 journeys on one core, at three
// sizes to show the cost is linear. Changes are generated in chunks outside the timed region, so the
// figure is the simulator's own cost. Usage: BenchSimulator [events] [--no-timeline] [--sessions]
#include "BulkMemory.h"
#include "journeys/Journeys.h"
#include "sim/Simulator.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

using namespace preflight;

namespace {

const char *kJourneys = R"({"format": "preflight.journeys/1",
 "segments": [
  {"name": "vip", "condition": {"all": [{"performed": "order_completed", "at_least": 2, "within": "365d"},
                                         {"performed": "order_refunded", "at_least": 0, "at_most": 0, "within": "30d"}]}},
  {"name": "recent_buyers", "condition": {"performed": "order_completed", "within": "7d"}},
  {"name": "big_carts", "condition": {"performed": "added_to_cart", "where": [{"property": "cart_value", "op": "gt", "value": 100}], "at_least": 2, "within": "1d"}}],
 "campaigns": [
  {"name": "cart_recovery", "trigger": {"event": "added_to_cart", "where": [{"property": "cart_value", "op": "gte", "value": 20}]},
   "audience": {"attribute": "accepts_marketing", "op": "eq", "value": true}, "dedupe_key": "cart_id",
   "steps": [{"delay": "30m"}, {"message": {"channel": "email", "name": "cart_1"}}, {"delay": "1d"}, {"message": {"channel": "sms", "name": "cart_2"}}],
   "exit": {"goal": {"event": "order_completed", "match": "cart_id", "within": "2d"}}},
  {"name": "checkout_abandon", "trigger": {"event": "checkout_started"}, "dedupe_key": "cart_id",
   "steps": [{"wait_until": {"event": "order_completed", "match": "cart_id", "timeout": "1h", "on_event": "exit"}},
             {"message": {"channel": "push", "name": "checkout_push"}}]},
  {"name": "browse", "trigger": {"event": "product_viewed", "where": [{"property": "price", "op": "gt", "value": 90}]},
   "frequency": {"at_most_once_per": "7d"}, "steps": [{"delay": "2h"}, {"message": {"channel": "email", "name": "browse"}}],
   "exit": {"goal": {"event": "added_to_cart", "match": "person", "within": "1d"}}},
  {"name": "post_purchase", "trigger": {"event": "order_completed"}, "steps": [{"delay": "3d"}, {"message": {"channel": "email", "name": "review"}}]},
  {"name": "vip_welcome", "trigger": {"segment": "vip"}, "frequency": "once", "exit": {"when_leaving_segment": "vip"},
   "steps": [{"delay": "2h"}, {"message": {"channel": "email", "name": "vip_perks"}}]},
  {"name": "refund_followup", "trigger": {"event": "order_refunded"}, "steps": [{"message": {"channel": "email", "name": "refund"}}]},
  {"name": "big_spender", "trigger": {"segment": "big_carts"}, "steps": [{"message": {"channel": "email", "name": "big"}}]},
  {"name": "second_order", "trigger": {"segment": "recent_buyers"}, "audience": {"not_in_segment": "vip"},
   "steps": [{"delay": "5d"}, {"branch": {"if": {"attribute": "sms_consent", "op": "eq", "value": true},
      "then": [{"message": {"channel": "sms", "name": "second_sms"}}], "else": [{"message": {"channel": "email", "name": "second_email"}}]}}]},
  {"name": "subscription_welcome", "trigger": {"event": "subscription_created"}, "frequency": "once",
   "steps": [{"time_window": {"start": "09:00", "end": "18:00"}}, {"message": {"channel": "email", "name": "sub_welcome"}}]},
  {"name": "subscription_winback", "trigger": {"event": "subscription_canceled"},
   "steps": [{"delay": "7d"}, {"message": {"channel": "email", "name": "sub_winback"}}],
   "exit": {"goal": {"event": "subscription_created", "match": "person", "within": "7d"}}}]})";

const char *kEvents[] = {"product_viewed", "added_to_cart",        "checkout_started",     "order_completed",
                         "order_refunded", "subscription_created", "subscription_canceled"};
const int kWeights[] = {40, 25, 14, 14, 3, 2, 2};

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

struct Figures {
    double seconds = 0;
    Simulator::Stats stats;
    std::size_t timelineEntries = 0;
};

// Who does the next event: anyone at random (the default, and the worst case for the caches), or with
// --sessions one of 1,000 people active at the moment, each replaced by someone else after about ten
// events, as a real stream's shopping sessions are.
class PersonPicker
{
public:
    PersonPicker(std::size_t people, bool sessions) : m_people(people), m_sessions(sessions)
    {
        if (sessions)
            for (std::size_t i = 0; i < std::min<std::size_t>(kActive, people); ++i)
                m_active.push_back(i);
    }
    std::size_t next(std::mt19937_64 &random)
    {
        if (!m_sessions)
            return random() % m_people;
        const std::size_t slot = random() % m_active.size();
        const std::size_t person = m_active[slot];
        if (random() % 10 == 0)
            m_active[slot] = random() % m_people;
        return person;
    }

private:
    static constexpr std::size_t kActive = 1000;
    std::size_t m_people;
    bool m_sessions;
    std::vector<std::size_t> m_active;
};

Figures run(const Journeys &journeys, std::size_t events, bool timeline, bool sessions)
{
    std::mt19937_64 random(42);
    std::discrete_distribution<int> pick(std::begin(kWeights), std::end(kWeights));
    const std::size_t people = std::max<std::size_t>(1, events / 10);
    PersonPicker picker(people, sessions);
    Simulator simulator(journeys);
    simulator.setRecordTimeline(timeline);
    UnixMillis now = 1'767'225'600'000;
    std::vector<WorkspaceChange> chunk;
    std::vector<char> identified(people, 0);
    Figures figures;
    std::size_t produced = 0;
    while (produced < events) {
        chunk.clear();
        while (chunk.size() < 10'000 && produced < events) {
            const std::size_t person = picker.next(random);
            now += static_cast<UnixMillis>(random() % 2000);
            WorkspaceChange change;
            change.personKey = "u" + std::to_string(person);
            change.at = now;
            if (!identified[person]) {
                identified[person] = 1;
                change.kind = WorkspaceChange::Kind::AttributesUpdated;
                change.attributes = {{"accepts_marketing", random() % 4 != 0},
                                     {"sms_consent", random() % 2 == 0}};
            } else {
                change.kind = WorkspaceChange::Kind::EventRecorded;
                change.call.name = kEvents[pick(random)];
                const std::string cart = "c" + std::to_string(person) + "-" + std::to_string(random() % 3);
                change.call.properties = {{"cart_id", cart},
                                          {"cart_value", static_cast<int>(random() % 200)},
                                          {"price", static_cast<int>(random() % 120)}};
                // One event in fifty arrives late, as client-side queues do.
                const UnixMillis late =
                    random() % 50 == 0 ? static_cast<UnixMillis>(random() % 3'600'000) : 0;
                change.call.occurredAt = now - late;
                change.call.arrivedAt = now;
            }
            chunk.push_back(std::move(change));
            ++produced;
        }
        const auto start = std::chrono::steady_clock::now();
        simulator.apply(chunk);
        figures.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    const auto start = std::chrono::steady_clock::now();
    simulator.advanceTo(now + 30 * 86'400'000LL);
    figures.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.stats = simulator.stats();
    figures.timelineEntries = simulator.timeline().entries.size();
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    useHugePagesForBulkMemory();
    std::size_t events = 1'000'000;
    bool timeline = true;
    bool sessions = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-timeline") == 0)
            timeline = false;
        else if (std::strcmp(argv[i], "--sessions") == 0)
            sessions = true;
        else
            events = std::stoul(argv[i]);
    }
    auto journeys = journeysFromJson(Json::parse(kJourneys), "bench");
    if (!journeys.ok()) {
        std::fprintf(stderr, "%s\n", journeys.error().toString().c_str());
        return 2;
    }
    std::printf("simulator: %zu journeys, %zu segments, timeline %s, %s, %s\n", journeys->campaigns.size(),
                journeys->segments.size(), timeline ? "recorded" : "off",
                sessions ? "people in sessions" : "people at random", bulkMemoryDescription().c_str());
    for (std::size_t size : {events / 4, events / 2, events}) {
        const Figures figures = run(*journeys, size, timeline, sessions);
        std::printf("%9zu events: %.3f s, %.0f events/s, %zu runs, %zu sent, %zu timeline entries, %zu "
                    "timers at most, peak RSS "
                    "%ld MiB\n",
                    size, figures.seconds, static_cast<double>(size) / figures.seconds,
                    figures.stats.runsStarted, figures.stats.messagesSent, figures.timelineEntries,
                    figures.stats.timersPeak, peakRssKiB() / 1024);
    }
    return 0;
}
