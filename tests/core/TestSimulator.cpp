#include "journeys/Journeys.h"
#include "sim/Simulator.h"
#include "sim/TimerQueue.h"
#include "sim/TriggerKeys.h"
#include "support/HelperChecks.h"
#include "workspace/Workspace.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace preflight;

namespace {

constexpr UnixMillis kStart = 1'767'603'600'000; // 2026-01-05T09:00:00Z

const char *kCartRecovery = R"({"name": "cart_recovery", "trigger": {"event": "added_to_cart"},
  "audience": {"attribute": "accepts_marketing", "op": "eq", "value": true}, "dedupe_key": "cart_id",
  "steps": [{"delay": "30m"}, {"message": {"channel": "email", "name": "cart_reminder_1"}}],
  "exit": {"goal": {"event": "order_completed", "match": "cart_id", "within": "1d"}} CHOICES})";

const char *kWinback = R"({"name": "winback", "trigger": {"segment": "lapsed_buyers"},
  "steps": [{"message": {"channel": "email", "name": "winback_offer"}}]})";

const char *kSegments =
    R"([{"name": "lapsed_buyers", "condition": {"all": [{"performed": "order_completed", "at_least": 1},
  {"not_performed": "order_completed", "within": "30d"}]}},
  {"name": "buyers", "condition": {"performed": "order_completed", "at_least": 1}}])";

Journeys journeysWith(const std::string &campaigns, const std::string &settings = "{}")
{
    const Json json =
        Json::parse(R"({"format": "preflight.journeys/1", "segments": )" + std::string(kSegments) +
                    R"(, "campaigns": [)" + campaigns + R"(], "settings": )" + settings + "}");
    auto journeys = journeysFromJson(json, "test");
    if (!journeys.ok())
        qFatal("%s", journeys.error().toString().c_str());
    return *journeys;
}

std::string cartRecovery(const std::string &choices = {})
{
    std::string text = kCartRecovery;
    text.replace(text.find("CHOICES"), 7, choices.empty() ? "" : ", \"choices\": " + choices);
    return text;
}

// Calls as {"at": "+10m", "arrive": "+55m", ...canonical call...}; "arrive" defaults to "at".
Timeline simulate(const Journeys &journeys, const std::string &callsJson,
                  UnixMillis until = kStart + 3 * 86'400'000LL)
{
    std::vector<Call> calls;
    for (Json item : Json::parse(callsJson)) {
        const UnixMillis at = kStart + *parseDurationMillis(item["at"].get<std::string>());
        const UnixMillis arrive =
            item.contains("arrive") ? kStart + *parseDurationMillis(item["arrive"].get<std::string>()) : at;
        item.erase("at");
        item.erase("arrive");
        Call call = *callFromJson(item);
        call.occurredAt = at;
        call.arrivedAt = arrive;
        calls.push_back(call);
    }
    std::stable_sort(calls.begin(), calls.end(),
                     [](const Call &a, const Call &b) { return *a.arrivedAt < *b.arrivedAt; });
    Workspace workspace;
    Simulator simulator(journeys);
    for (const Call &call : calls) {
        for (const WorkspaceChange &change : workspace.apply(call, *call.arrivedAt).changes)
            simulator.apply(change);
    }
    simulator.advanceTo(until);
    return simulator.takeTimeline();
}

// The first entry that `matches`, or nullptr.
template <typename Predicate> const TimelineEntry *firstEntry(const Timeline &timeline, Predicate matches)
{
    const auto found = std::find_if(timeline.entries.begin(), timeline.entries.end(), matches);
    return found == timeline.entries.end() ? nullptr : &*found;
}

int count(const Timeline &timeline, TimelineEntry::Kind kind, const std::string &code = {})
{
    return static_cast<int>(
        std::count_if(timeline.entries.begin(), timeline.entries.end(), [&](const TimelineEntry &entry) {
            return entry.kind == kind && (code.empty() || entry.code == code) &&
                   entry.personKey.rfind("anonymous:", 0) != 0;
        }));
}

const char *kIdentify =
    R"({"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}})";

std::string cart(const char *at, const char *cartId = "c1", const char *arrive = nullptr)
{
    std::string out = R"({"kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "at": ")" +
                      std::string(at) + "\"";
    if (arrive)
        out += R"(, "arrive": ")" + std::string(arrive) + "\"";
    out += cartId ? R"(, "properties": {"cart_id": ")" + std::string(cartId) + "\"}}"
                  : std::string(", \"properties\": {}}");
    return out;
}

std::string order(const char *at, const char *arrive, const char *cartId = "c1",
                  const char *who = R"({"id": "u1"})")
{
    return R"({"kind": "track", "identity": )" + std::string(who) +
           R"(, "name": "order_completed", "at": ")" + at + R"(", "arrive": ")" + arrive +
           R"(", "properties": {"cart_id": ")" + cartId + "\"}}";
}

std::string bigCart(const char *at, int value)
{
    return R"({"kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "at": ")" +
           std::string(at) + R"(", "properties": {"cart_id": "c1", "cart_value": )" + std::to_string(value) +
           "}}";
}

// Pops the top timer, checking that second() named the timer that is on top now.
void popAndCheckSecond(TimerQueue &queue)
{
    const Timer *second = queue.second();
    const std::uint64_t expected = second ? second->seq : 0;
    queue.pop();
    QCOMPARE(queue.empty() ? 0 : queue.top().seq, expected);
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private slots:
    void exposesFailureModes_data()
    {
        QTest::addColumn<QString>("campaigns");
        QTest::addColumn<QString>("calls");
        QTest::addColumn<int>("entered");
        QTest::addColumn<int>("sent");
        QTest::addColumn<QString>("code"); // an outcome code that must appear
        const QString cr = QString::fromStdString(cartRecovery());
        auto list = [](std::initializer_list<std::string> items) {
            std::string out = "[";
            for (const std::string &item : items)
                out += (out.size() > 1 ? "," : "") + item;
            return QString::fromStdString(out + "]");
        };
        QTest::newRow("purchase in time suppresses the reminder")
            << cr << list({kIdentify, cart("+0m"), order("+10m", "+10m")}) << 1 << 0 << "converted";
        QTest::newRow("purchase 45 minutes late lets the 30-minute reminder leak")
            << cr << list({kIdentify, cart("+0m"), order("+10m", "+55m")}) << 1 << 1 << "leaked";
        QTest::newRow("three carts without cart_id start three flows")
            << cr << list({kIdentify, cart("+0m", nullptr), cart("+2m", nullptr), cart("+4m", nullptr)}) << 3
            << 3 << "";
        QTest::newRow("three carts with one cart_id start one flow")
            << cr << list({kIdentify, cart("+0m"), cart("+2m"), cart("+4m")}) << 1 << 1 << "deduped";
        QTest::newRow("anonymous cart never merged at email capture never enrols")
            << cr
            << list(
                   {R"({"at": "+0m", "kind": "track", "identity": {"anonymous_id": "a1"}, "name": "added_to_cart", "properties": {"cart_id": "c1"}})",
                    R"({"at": "+5m", "kind": "identify", "identity": {"id": "u1", "email": "a@b.co"}, "properties": {"accepts_marketing": true}})"})
            << 0 << 0 << "";
        QTest::newRow("anonymous cart merged at email capture enrols the person")
            << cr
            << list(
                   {R"({"at": "+0m", "kind": "track", "identity": {"anonymous_id": "a1"}, "name": "added_to_cart", "properties": {"cart_id": "c1"}})",
                    R"({"at": "+5m", "kind": "identify", "identity": {"id": "u1", "anonymous_id": "a1"}, "properties": {"accepts_marketing": true}})"})
            << 1 << 1 << "";
        QTest::newRow("backdated cart event never triggers")
            << cr << list({kIdentify, cart("+0m", "c1", "+4d")}) << 0 << 0 << "backdated";
        QTest::newRow("a repeated event id is ignored")
            << cr
            << list(
                   {kIdentify,
                    R"({"at": "+0m", "kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "dedupe_id": "e1", "properties": {"cart_id": "c1"}})",
                    R"({"at": "+1m", "kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "dedupe_id": "e1", "properties": {"cart_id": "c2"}})"})
            << 1 << 1 << "";
        QTest::newRow("audience failing at the trigger is re-checked when attributes change")
            << cr
            << list(
                   {R"({"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": false}})",
                    cart("+0m"),
                    R"({"at": "+10m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}})"})
            << 1 << 1 << "audience";
        QTest::newRow("unsubscribed people are not sent to")
            << cr
            << list(
                   {R"({"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true, "unsubscribed": true}})",
                    cart("+0m")})
            << 1 << 0 << "unsubscribed";
        QTest::newRow("choice concurrent_runs=skip keeps one run per person")
            << QString::fromStdString(cartRecovery(R"({"concurrent_runs": "skip"})"))
            << list({kIdentify, cart("+0m", nullptr), cart("+2m", nullptr)}) << 1 << 1 << "already_running";
        QTest::newRow("choice goal_before_first_message=ignore keeps going")
            << QString::fromStdString(cartRecovery(R"({"goal_before_first_message": "ignore"})"))
            << list({kIdentify, cart("+0m"), order("+10m", "+10m")}) << 1 << 1 << "";
        QTest::newRow("winback reaches a buyer whose purchase was never sent server-side")
            << QString::fromStdString(kWinback) << list({kIdentify, order("-35d", "-35d")}) << 1 << 1 << "";
        QTest::newRow("winback skips a buyer whose purchase was sent server-side")
            << QString::fromStdString(kWinback)
            << list({kIdentify, order("-35d", "-35d"), order("-7d", "-7d", "c2")}) << 0 << 0 << "";
    }

    void exposesFailureModes()
    {
        QFETCH(QString, campaigns);
        QFETCH(QString, calls);
        QFETCH(int, entered);
        QFETCH(int, sent);
        QFETCH(QString, code);
        const Timeline timeline =
            simulate(journeysWith(campaigns.toStdString()), calls.toStdString(), kStart + 86'400'000LL);
        const std::string text = formatTimeline(timeline, kStart);
        QVERIFY2(count(timeline, TimelineEntry::Kind::Entered) == entered, text.c_str());
        QVERIFY2(count(timeline, TimelineEntry::Kind::Sent) == sent, text.c_str());
        if (!code.isEmpty()) {
            const bool found =
                std::any_of(timeline.entries.begin(), timeline.entries.end(),
                            [&](const TimelineEntry &entry) { return entry.code == code.toStdString(); });
            QVERIFY2(found, text.c_str());
        }
    }

    void leakedSendExplainsTheLatePurchase()
    {
        const Timeline timeline =
            simulate(journeysWith(cartRecovery()),
                     "[" + std::string(kIdentify) + "," + cart("+0m") + "," + order("+10m", "+55m") + "]");
        const auto send =
            std::find_if(timeline.entries.begin(), timeline.entries.end(),
                         [](const TimelineEntry &entry) { return entry.kind == TimelineEntry::Kind::Sent; });
        QVERIFY(send != timeline.entries.end());
        QCOMPARE(send->at, kStart + 30 * 60'000);
        QVERIFY(send->reason.find("arrived 45m late") != std::string::npos);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Note, "late_goal"), 1);
    }

    void delayAnchorChoiceCountsFromTheTimestamp_data()
    {
        QTest::addColumn<QString>("choices");
        QTest::addColumn<qint64>("sentAfter");
        QTest::newRow("arrival (default)") << QString() << qint64(50 * 60'000);
        QTest::newRow("occurred") << R"({"delay_anchor": "occurred"})" << qint64(30 * 60'000);
    }

    void delayAnchorChoiceCountsFromTheTimestamp()
    {
        QFETCH(QString, choices);
        QFETCH(qint64, sentAfter);
        const Timeline timeline =
            simulate(journeysWith(cartRecovery(choices.toStdString())),
                     "[" + std::string(kIdentify) + "," + cart("+0m", "c1", "+20m") + "]");
        const auto send =
            std::find_if(timeline.entries.begin(), timeline.entries.end(),
                         [](const TimelineEntry &entry) { return entry.kind == TimelineEntry::Kind::Sent; });
        QVERIFY(send != timeline.entries.end());
        QCOMPARE(send->at - kStart, sentAfter);
    }

    void segmentWindowsMoveWithTheClock()
    {
        const Timeline timeline =
            simulate(journeysWith(kWinback), "[" + std::string(kIdentify) + "," + order("+0m", "+0m") + "]",
                     kStart + 40 * 86'400'000LL);
        QCOMPARE(timeline.personKeys().size(), std::size_t(1));
        const std::string person = timeline.personKeys().front();
        QVERIFY(!timeline.inSegmentAt(person, "lapsed_buyers", kStart + 29 * 86'400'000LL));
        QVERIFY(timeline.inSegmentAt(person, "lapsed_buyers", kStart + 30 * 86'400'000LL));
    }

    void segmentUpdateLatencySetting()
    {
        const Timeline timeline = simulate(journeysWith(kWinback, R"({"segment_update_latency": "10m"})"),
                                           "[" + std::string(kIdentify) + "," + order("-35d", "-35d") + "]");
        const auto entered =
            std::find_if(timeline.entries.begin(), timeline.entries.end(), [](const TimelineEntry &entry) {
                return entry.kind == TimelineEntry::Kind::SegmentEntered && entry.segment == "buyers";
            });
        QVERIFY(entered != timeline.entries.end());
        QCOMPARE(entered->at, kStart - 35 * 86'400'000LL + 10 * 60'000);
    }

    void waitUntilTimeoutAndBranch()
    {
        const std::string campaign = R"({"name": "checkout_nudge", "trigger": {"event": "added_to_cart"},
          "steps": [{"wait_until": {"event": "checkout_started", "match": "cart_id", "timeout": "1h", "on_event": "exit"}},
                    {"branch": {"if": {"attribute": "sms_consent", "op": "eq", "value": true},
                                "then": [{"message": {"channel": "sms", "name": "nudge_sms"}}],
                                "else": [{"message": {"channel": "email", "name": "nudge_email"}}]}}]})";
        const Timeline timedOut =
            simulate(journeysWith(campaign), "[" + std::string(kIdentify) + "," + cart("+0m") + "]");
        const auto send =
            std::find_if(timedOut.entries.begin(), timedOut.entries.end(),
                         [](const TimelineEntry &entry) { return entry.kind == TimelineEntry::Kind::Sent; });
        QVERIFY(send != timedOut.entries.end());
        QCOMPARE(send->message, std::string("nudge_email"));
        QCOMPARE(send->at, kStart + 3'600'000);
        const Timeline met = simulate(
            journeysWith(campaign),
            "[" + std::string(kIdentify) + "," + cart("+0m") +
                R"(, {"at": "+5m", "kind": "track", "identity": {"id": "u1"}, "name": "checkout_started", "properties": {"cart_id": "c1"}}])");
        QCOMPARE(count(met, TimelineEntry::Kind::Sent), 0);
        QCOMPARE(count(met, TimelineEntry::Kind::Exited, "wait_exit"), 1);
    }

    void aPendingAudienceIsRecheckedAtEveryAttributeChangeFor30Minutes()
    {
        // Cart c1 arrives before consent: its trigger waits. The identify at +5m still gives none (it
        // keeps waiting), the one at +10m does (it enters). Cart c3 at +2h waits too; an identify at +2h20m
        // without consent does not extend its 30 minutes, so consent at +2h31m comes too late.
        const std::string calls =
            R"([{"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": false}},)" +
            cart("+0m", "c1") +
            R"(, {"at": "+5m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": false}},
                {"at": "+10m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}},
                {"at": "+1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": false}},)" +
            cart("+2h", "c3") +
            R"(, {"at": "+2h20m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": false}},
                {"at": "+2h31m", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}}])";
        const Timeline timeline = simulate(journeysWith(cartRecovery()), calls);
        QCOMPARE(count(timeline, TimelineEntry::Kind::NotEntered, "audience"), 2); // both carts waited
        QCOMPARE(count(timeline, TimelineEntry::Kind::Entered), 1);
        const auto entered =
            std::find_if(timeline.entries.begin(), timeline.entries.end(), [](const TimelineEntry &entry) {
                return entry.kind == TimelineEntry::Kind::Entered;
            });
        QCOMPARE(entered->at, kStart + 10 * 60'000LL);
        QVERIFY(entered->reason.find("cart_id=c1") != std::string::npos);
    }

    void audienceCountsEventsNoSegmentCounts()
    {
        // Only the audience counts checkout_started, so the simulator must still keep those events.
        const std::string campaign = R"({"name": "checked_out_carts", "trigger": {"event": "added_to_cart"},
          "audience": {"performed": "checkout_started", "within": "1d"},
          "steps": [{"message": {"channel": "email", "name": "nudge"}}]})";
        const std::string checkout =
            R"({"at": "-5m", "kind": "track", "identity": {"id": "u1"}, "name": "checkout_started", "properties": {"cart_id": "c1"}})";
        const Timeline with = simulate(journeysWith(campaign), "[" + std::string(kIdentify) + "," + checkout +
                                                                   "," + cart("+0m") + "]");
        QCOMPARE(count(with, TimelineEntry::Kind::Sent), 1);
        const Timeline without =
            simulate(journeysWith(campaign), "[" + std::string(kIdentify) + "," + cart("+0m") + "]");
        QCOMPARE(count(without, TimelineEntry::Kind::Sent), 0);
        QCOMPARE(count(without, TimelineEntry::Kind::NotEntered, "audience"), 1);
    }

    void segmentFiltersOnEventData()
    {
        const std::string journeys = R"({"format": "preflight.journeys/1",
          "segments": [{"name": "big_carts", "condition": {"performed": "added_to_cart", "at_least": 2, "within": "1d",
                        "where": [{"property": "cart_value", "op": "gt", "value": 100}]}}],
          "campaigns": [{"name": "big_spender", "trigger": {"segment": "big_carts"},
                         "steps": [{"message": {"channel": "email", "name": "big"}}]}]})";
        const Journeys parsed = *journeysFromJson(Json::parse(journeys), "test");
        const Timeline small = simulate(parsed, "[" + std::string(kIdentify) + "," + bigCart("+0m", 150) +
                                                    "," + bigCart("+1m", 50) + "]");
        QCOMPARE(count(small, TimelineEntry::Kind::SegmentEntered), 0);
        const Timeline big = simulate(parsed, "[" + std::string(kIdentify) + "," + bigCart("+0m", 150) + "," +
                                                  bigCart("+1m", 120) + "]");
        QCOMPARE(count(big, TimelineEntry::Kind::SegmentEntered), 1);
        QCOMPARE(count(big, TimelineEntry::Kind::Sent), 1);
        // The window moves with the clock: a day after the first cart, the person leaves.
        const auto left =
            std::find_if(big.entries.begin(), big.entries.end(), [](const TimelineEntry &entry) {
                return entry.kind == TimelineEntry::Kind::SegmentLeft;
            });
        QVERIFY(left != big.entries.end());
        QCOMPARE(left->at, kStart + 86'400'000LL);
    }

    void mergedEventsLeaveWindowsOnThePrimary()
    {
        const std::string journeys = R"({"format": "preflight.journeys/1",
          "segments": [{"name": "recent_buyers", "condition": {"performed": "order_completed", "within": "7d"}}],
          "campaigns": []})";
        const Journeys parsed = *journeysFromJson(Json::parse(journeys), "test");
        const Timeline timeline = simulate(
            parsed,
            "[" + std::string(kIdentify) +
                R"(, {"at": "-50m", "kind": "identify", "identity": {"id": "u2"}, "properties": {}})" + "," +
                order("+0m", "+0m", "c1", R"({"id": "u2"})") +
                R"(, {"at": "+1h", "kind": "merge", "identity": {"id": "u1"}, "secondary": {"id": "u2"}}])",
            kStart + 10 * 86'400'000LL);
        // The secondary entered at the order; the primary enters at the merge, an hour later.
        const auto merged =
            std::find_if(timeline.entries.begin(), timeline.entries.end(), [](const TimelineEntry &entry) {
                return entry.kind == TimelineEntry::Kind::SegmentEntered && entry.at == kStart + 3'600'000;
            });
        QVERIFY(merged != timeline.entries.end());
        const std::string primary = merged->personKey;
        QVERIFY(timeline.inSegmentAt(primary, "recent_buyers", kStart + 2 * 3'600'000));
        QVERIFY(!timeline.inSegmentAt(primary, "recent_buyers", kStart + 7 * 86'400'000LL));
    }

    void aMergedRunKeepsWhatIsLeftOfItsWait()
    {
        // u2 enters cart recovery at +0m (a 30-minute delay) and is merged into u1 at +10m: the reminder
        // goes out at +30m, to the merged person, not at the merge.
        const std::string calls =
            R"([{"at": "-1h", "kind": "identify", "identity": {"id": "u2"}, "properties": {"accepts_marketing": true}},
                {"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {}},
                {"kind": "track", "identity": {"id": "u2"}, "name": "added_to_cart", "at": "+0m", "properties": {"cart_id": "c9"}},
                {"at": "+10m", "kind": "merge", "identity": {"id": "u1"}, "secondary": {"id": "u2"}}])";
        const Timeline timeline = simulate(journeysWith(cartRecovery()), calls);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Sent), 1);
        const auto sent =
            std::find_if(timeline.entries.begin(), timeline.entries.end(),
                         [](const TimelineEntry &entry) { return entry.kind == TimelineEntry::Kind::Sent; });
        QCOMPARE(sent->at, kStart + 30 * 60'000LL);
        const auto entered =
            std::find_if(timeline.entries.begin(), timeline.entries.end(), [](const TimelineEntry &entry) {
                return entry.kind == TimelineEntry::Kind::Entered;
            });
        QVERIFY(sent->personKey != entered->personKey); // entered as u2, sent to the merged person
    }

    void aMergeIsShownOnBothPeople()
    {
        // u2's cart run is moved to u1 by the merge; both people get a MERGED entry that says so.
        const std::string calls =
            R"([{"at": "-1h", "kind": "identify", "identity": {"id": "u2"}, "properties": {"accepts_marketing": true}},
                {"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {}},
                {"kind": "track", "identity": {"id": "u2"}, "name": "added_to_cart", "at": "+0m", "properties": {"cart_id": "c9"}},
                {"at": "+10m", "kind": "merge", "identity": {"id": "u1"}, "secondary": {"id": "u2"}}])";
        const Timeline timeline = simulate(journeysWith(cartRecovery()), calls);
        std::vector<const TimelineEntry *> merges;
        for (const TimelineEntry &entry : timeline.entries) {
            if (entry.kind == TimelineEntry::Kind::Merged)
                merges.push_back(&entry);
        }
        QCOMPARE(merges.size(), std::size_t(2));
        const TimelineEntry *into = merges[0]->code == "merged_in" ? merges[0] : merges[1];
        const TimelineEntry *away = merges[0]->code == "merged_in" ? merges[1] : merges[0];
        QCOMPARE(away->code, std::string("merged_away"));
        QVERIFY(into->personKey != away->personKey);
        QCOMPARE(into->at, kStart + 10 * 60'000LL);
        QVERIFY2(into->reason.find("u2 (cio " + away->personKey + ") was merged into this person") !=
                     std::string::npos,
                 into->reason.c_str());
        QVERIFY2(into->reason.find("runs that go on here: cart_recovery #1") != std::string::npos,
                 into->reason.c_str());
        QVERIFY2(into->reason.find("1 event(s) from the last 30 days moved (added_to_cart)") !=
                     std::string::npos,
                 into->reason.c_str());
        QVERIFY2(away->reason.find("merged into u1 (cio " + into->personKey + ")") != std::string::npos,
                 away->reason.c_str());
        const std::string text = formatTimeline(timeline, kStart);
        QVERIFY2(text.find("MERGED") != std::string::npos, text.c_str());
    }

    void aLateMergeSaysWhyItStartsNothing()
    {
        // u2's cart never entered (no marketing consent); merged into u1, who consents, the moved cart
        // still starts nothing: merged events never trigger.
        const std::string calls =
            R"([{"at": "-1h", "kind": "identify", "identity": {"id": "u1"}, "properties": {"accepts_marketing": true}},
                {"kind": "track", "identity": {"id": "u2"}, "name": "added_to_cart", "at": "+0m", "properties": {"cart_id": "c9"}},
                {"at": "+2h", "kind": "merge", "identity": {"id": "u1"}, "secondary": {"id": "u2"}}])";
        const Timeline timeline = simulate(journeysWith(cartRecovery()), calls);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Entered), 0);
        const auto into = std::find_if(timeline.entries.begin(), timeline.entries.end(),
                                       [](const TimelineEntry &entry) { return entry.code == "merged_in"; });
        QVERIFY(into != timeline.entries.end());
        QVERIFY2(into->reason.find("added_to_cart cannot start cart_recovery: merged events never trigger") !=
                     std::string::npos,
                 into->reason.c_str());
    }

    void peopleAreLabelledByTheirScenarioIdentity()
    {
        const std::string calls =
            R"([{"at": "-1h", "kind": "identify", "identity": {"email": "a@example.com"}, "properties": {"accepts_marketing": true}},
                {"at": "-30m", "kind": "identify", "identity": {"email": "a@example.com", "id": "u1"}, "properties": {}},
                {"kind": "track", "identity": {"id": "u1"}, "name": "added_to_cart", "at": "+0m", "properties": {"cart_id": "c1"}}])";
        const Timeline timeline = simulate(journeysWith(cartRecovery()), calls);
        QVERIFY(!timeline.entries.empty());
        const std::string key = timeline.entries.front().personKey;
        QCOMPARE(timeline.labels.at(key), std::string("u1")); // the id wins over the email seen first
        const std::string text = formatTimeline(timeline, kStart);
        QVERIFY2(text.find("[u1 (cio " + key + ")]") != std::string::npos, text.c_str());
        const Json json = toJson(timeline, kStart);
        QCOMPARE(json[0]["person"].get<std::string>(), key);
        QCOMPARE(json[0]["person_label"].get<std::string>(), std::string("u1"));
    }

    void anIgnoredDuplicateIsShownEvenWhenItTriggersNothing()
    {
        Simulator simulator(journeysWith(cartRecovery()));
        WorkspaceChange change;
        change.kind = WorkspaceChange::Kind::EventRecorded;
        change.personKey = "p1";
        change.at = kStart;
        change.call.kind = CallKind::Track;
        change.call.identity.id = "u1";
        change.call.name = "product_viewed"; // no campaign listens to it
        change.call.dedupeId = "evt-1";
        change.triggerBlock = TriggerBlock::Duplicate;
        change.reason = "same id as step 2";
        simulator.apply(change);
        const Timeline timeline = simulator.takeTimeline();
        QCOMPARE(count(timeline, TimelineEntry::Kind::Duplicate, "duplicate"), 1);
        const std::string text = formatTimeline(timeline, kStart);
        QVERIFY2(text.find("DUPLICATE") != std::string::npos &&
                     text.find("product_viewed ignored, same id as step 2 (evt-1)") != std::string::npos,
                 text.c_str());
    }

    void segmentsEvaluatedAtIsKeptPerPerson()
    {
        const Timeline timeline = simulate(journeysWith(kWinback), "[" + std::string(kIdentify) + "]");
        QCOMPARE(timeline.segmentsEvaluatedAt.size(), std::size_t(1));
        QCOMPARE(timeline.segmentsEvaluatedAt.begin()->second, kStart - 3'600'000LL);
    }

    void peopleKnownOnlyFromTrackCallsHaveAnEmptyProfile()
    {
        // No identify: the person's profile is empty, which passes "not exists" and "≠" tests, and
        // segments that hold for an empty profile are entered at the person's first counted event (here
        // an order, which only "buyers" counts).
        const std::string journeys = R"({"format": "preflight.journeys/1",
          "segments": [{"name": "buyers", "condition": {"performed": "order_completed"}},
                       {"name": "never_refunded", "condition": {"not_performed": "order_refunded"}}],
          "campaigns": [
            {"name": "guest_carts", "trigger": {"event": "added_to_cart"},
             "audience": {"all": [{"attribute": "email", "op": "not_exists"}, {"attribute": "plan", "op": "ne", "value": "vip"}]},
             "steps": [{"message": {"channel": "push", "name": "guest_nudge"}}]},
            {"name": "loyal", "trigger": {"segment": "never_refunded"},
             "steps": [{"message": {"channel": "email", "name": "thanks"}}]}]})";
        const Journeys parsed = *journeysFromJson(Json::parse(journeys), "test");
        const Timeline timeline = simulate(parsed, "[" + order("+0m", "+0m") + "," + cart("+1m") + "]");
        const auto sent = [&](const std::string &message) {
            return std::count_if(
                timeline.entries.begin(), timeline.entries.end(), [&](const TimelineEntry &entry) {
                    return entry.kind == TimelineEntry::Kind::Sent && entry.message == message;
                });
        };
        QCOMPARE(sent("guest_nudge"), 1);
        QCOMPARE(sent("thanks"), 1);
    }

    void countsDoNotDependOnKeepingTheTimeline()
    {
        const std::string calls = "[" + std::string(kIdentify) + "," + cart("+0m", nullptr) + "," +
                                  cart("+1m") + "," + order("+10m", "+55m") + "," +
                                  order("+2d", "+2d", "c2") + "]";
        const Journeys journeys = journeysWith(cartRecovery() + "," + kWinback);
        Simulator::Stats stats[2];
        for (int record = 0; record < 2; ++record) {
            Workspace workspace;
            Simulator simulator(journeys);
            simulator.setRecordTimeline(record == 1);
            for (Json item : Json::parse(calls)) {
                const UnixMillis at = kStart + *parseDurationMillis(item["at"].get<std::string>());
                item.erase("at");
                item.erase("arrive");
                Call call = *callFromJson(item);
                call.occurredAt = at;
                call.arrivedAt = at;
                for (const WorkspaceChange &change : workspace.apply(call, at).changes)
                    simulator.apply(change);
            }
            simulator.advanceTo(kStart + 40 * 86'400'000LL);
            stats[record] = simulator.stats();
        }
        QVERIFY(stats[1].runsStarted > 0);
        QVERIFY(stats[1].messagesSent > 0);
        QCOMPARE(stats[0].runsStarted, stats[1].runsStarted);
        QCOMPARE(stats[0].messagesSent, stats[1].messagesSent);
        QCOMPARE(stats[0].messagesSuppressed, stats[1].messagesSuppressed);
        QCOMPARE(stats[0].exits, stats[1].exits);
    }

    void timersComeOutByTimeThenSchedulingOrder()
    {
        TimerQueue queue;
        std::mt19937 random(7);
        std::vector<Timer> pushed;
        for (std::uint64_t seq = 1; seq <= 2000; ++seq) {
            const Timer timer{static_cast<UnixMillis>(random() % 50), seq};
            pushed.push_back(timer);
            queue.push(timer);
            if (seq % 3 == 0) { // pops interleaved with pushes, as the simulator does
                const auto earliest = std::min_element(
                    pushed.begin(), pushed.end(), [](const Timer &a, const Timer &b) { return a.before(b); });
                QCOMPARE(queue.top().seq, earliest->seq);
                pushed.erase(earliest);
                PREFLIGHT_CHECKED(popAndCheckSecond(queue));
            }
        }
        std::sort(pushed.begin(), pushed.end(), [](const Timer &a, const Timer &b) { return a.before(b); });
        QCOMPARE(queue.size(), pushed.size());
        for (const Timer &expected : pushed) {
            QCOMPARE(queue.top().at, expected.at);
            QCOMPARE(queue.top().seq, expected.seq);
            PREFLIGHT_CHECKED(popAndCheckSecond(queue));
        }
        QVERIFY(queue.empty());
    }

    void timersInLanesComeOutByTimeThenSchedulingOrder()
    {
        // Lanes take the timers that keep them in order ("now + this step's delay"); the others, and
        // those pushed without a lane, go to the heap. The order out is the same either way. Forty lanes
        // and one far index (created while timers wait) exercise the heap of lane fronts in depth.
        TimerQueue queue;
        std::mt19937 random(11);
        std::vector<Timer> pushed;
        UnixMillis now = 0;
        constexpr std::size_t kLanes = 41; // the last one is lane 1000
        std::size_t toHeap = 0;
        for (std::uint64_t seq = 1; seq <= 6000; ++seq) {
            const std::size_t pick = random() % (kLanes + 1);
            const bool noLane = pick == kLanes;
            const std::size_t lane = noLane ? TimerQueue::kNoLane : pick == kLanes - 1 ? 1000 : pick;
            Timer timer{
                now + (noLane ? static_cast<UnixMillis>(random() % 400) : 7 * static_cast<UnixMillis>(pick)),
                seq};
            if (random() % 10 == 0)
                timer.at -= 60; // a delay counted from a late event: out of its lane's order
            pushed.push_back(timer);
            queue.push(timer, lane);
            toHeap += noLane;
            if (seq > 1000 && seq % 2 == 0) { // let the lanes fill, then pop as the simulator does
                const auto earliest = std::min_element(
                    pushed.begin(), pushed.end(), [](const Timer &a, const Timer &b) { return a.before(b); });
                QCOMPARE(queue.top().seq, earliest->seq);
                now = std::max(now, earliest->at);
                pushed.erase(earliest);
                PREFLIGHT_CHECKED(popAndCheckSecond(queue));
            }
        }
        QVERIFY(toHeap > 0);
        std::sort(pushed.begin(), pushed.end(), [](const Timer &a, const Timer &b) { return a.before(b); });
        QCOMPARE(queue.size(), pushed.size());
        for (const Timer &expected : pushed) {
            QCOMPARE(queue.top().seq, expected.seq);
            PREFLIGHT_CHECKED(popAndCheckSecond(queue));
        }
        QVERIFY(queue.empty());
    }

    void triggerKeysKeepEachValueApart()
    {
        const Json data = Json::parse(R"({"cart_id": "c1", "empty": "", "order_id": 42, "gone": null})");
        const std::string longText(300, 'x'); // longer than one length byte could say
        const Json longValue = longText;
        TriggerKeys keys;
        for (const char *key : {"cart_id", "missing", "empty", "order_id", "gone"})
            keys.append(data.contains(key) && !data[key].is_null() ? &data[key] : nullptr);
        keys.append(&longValue);
        QCOMPARE(keys.at(0), std::optional<std::string_view>("c1"));
        QCOMPARE(keys.at(1), std::optional<std::string_view>());
        QCOMPARE(keys.at(2), std::optional<std::string_view>("")); // present but empty is not absent
        QCOMPARE(keys.at(3), std::optional<std::string_view>("42"));
        QCOMPARE(keys.at(4), std::optional<std::string_view>());
        QCOMPARE(keys.at(5), std::optional<std::string_view>(longText));
        QCOMPARE(keys.at(6), std::optional<std::string_view>());
        QCOMPARE(keys.textAt(1), std::string("(none)"));

        TriggerKeys same;
        TriggerKeys other;
        for (const char *text : {"c1", "c2"}) {
            const Json value = text;
            same.append(&value);
            other.append(&value);
        }
        QVERIFY(same == other);
        other.append(nullptr);
        QVERIFY(!(same == other));
    }

    void aBatchGivesTheSameTimelineAsOneChangeAtATime()
    {
        // A stream where keys come back after a merge forgot them: a batch looks people up ahead of
        // time, and must not act on a person a merge has since retired.
        std::mt19937_64 random(7);
        const char *events[] = {"added_to_cart", "order_completed", "added_to_cart"};
        std::vector<WorkspaceChange> changes;
        UnixMillis at = kStart;
        for (int i = 0; i < 3000; ++i) {
            at += static_cast<UnixMillis>(random() % 120'000);
            WorkspaceChange change;
            change.at = at;
            change.personKey = "p" + std::to_string(random() % 40);
            const auto roll = random() % 100;
            if (roll < 3) {
                change.kind = WorkspaceChange::Kind::PersonsMerged;
                change.otherPersonKey = "p" + std::to_string(random() % 40);
                if (change.otherPersonKey == change.personKey)
                    continue;
            } else if (roll < 15) {
                change.kind = WorkspaceChange::Kind::AttributesUpdated;
                change.attributes = {{"accepts_marketing", random() % 3 != 0}};
            } else {
                change.kind = WorkspaceChange::Kind::EventRecorded;
                change.call.name = events[random() % 3];
                change.call.properties = {{"cart_id", "c" + std::to_string(random() % 4)}};
                change.call.occurredAt = at;
                change.call.arrivedAt = at;
            }
            changes.push_back(std::move(change));
        }
        const Journeys journeys = journeysWith(cartRecovery() + "," + kWinback);
        Simulator oneByOne(journeys);
        for (const WorkspaceChange &change : changes)
            oneByOne.apply(change);
        Simulator batched(journeys);
        for (std::size_t from = 0; from < changes.size(); from += 1000)
            batched.apply(
                std::span(changes).subspan(from, std::min<std::size_t>(1000, changes.size() - from)));
        oneByOne.advanceTo(at + 40 * 86'400'000LL);
        batched.advanceTo(at + 40 * 86'400'000LL);
        QVERIFY(oneByOne.stats().runsStarted > 100);
        QVERIFY(oneByOne.stats().messagesSent > 50);
        QCOMPARE(toJson(batched.timeline(), kStart).dump(), toJson(oneByOne.timeline(), kStart).dump());
    }

    void sameInputGivesTheSameTimeline()
    {
        const std::string calls = "[" + std::string(kIdentify) + "," + cart("+0m", nullptr) + "," +
                                  cart("+1m") + "," + order("+10m", "+55m") + "]";
        const Timeline first = simulate(journeysWith(cartRecovery()), calls);
        const Timeline second = simulate(journeysWith(cartRecovery()), calls);
        QCOMPARE(toJson(first, kStart).dump(), toJson(second, kStart).dump());
    }

    // Customer.io's default exit condition for a segment-triggered campaign: leaving the trigger segment
    // ends the run, unless the campaign says "don't exit early".
    void aSegmentTriggeredRunExitsWhenThePersonLeavesTheSegment_data()
    {
        QTest::addColumn<QString>("exitOption");
        QTest::addColumn<int>("sent");
        QTest::newRow("default: exits") << "" << 0;
        QTest::newRow("don't exit early") << R"(, "exit": {"when_no_longer_matching": false})" << 1;
    }
    void aSegmentTriggeredRunExitsWhenThePersonLeavesTheSegment()
    {
        QFETCH(QString, exitOption);
        QFETCH(int, sent);
        const std::string campaign = R"({"name": "buyer_perk", "trigger": {"segment": "buyers"},
          "steps": [{"delay": "2d"}, {"message": {"channel": "email", "name": "perk"}}])" +
                                     exitOption.toStdString() + "}";
        // "buyers" counted over the past day: the buyer leaves it a day after the order, before the perk.
        Journeys windowed = journeysWith(campaign);
        windowed.segments[1].condition.withinMillis = 86'400'000;
        const Timeline timeline =
            simulate(windowed, "[" + std::string(kIdentify) + "," + order("+0m", "+0m") + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::Entered), 1);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Sent), sent);
        if (sent == 0) {
            const auto exited = firstEntry(
                timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::Exited; });
            QVERIFY(exited != nullptr);
            QVERIFY2(exited->reason.find("Customer.io's default for segment-triggered campaigns") !=
                         std::string::npos,
                     exited->reason.c_str());
        }
    }

    // An event-triggered run re-checks the audience before each message by default.
    void anEventTriggeredRunRechecksTheAudienceBeforeEachMessage()
    {
        const std::string optOut = R"({"at": "+10m", "kind": "identify", "identity": {"id": "u1"},
          "properties": {"accepts_marketing": false}})";
        const Timeline timeline =
            simulate(journeysWith(cartRecovery()),
                     "[" + std::string(kIdentify) + "," + cart("+0m") + "," + optOut + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::Sent), 0);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Exited, "no_longer_matching"), 1);
        const auto exited =
            firstEntry(timeline, [](const TimelineEntry &e) { return e.code == "no_longer_matching"; });
        QVERIFY2(exited->reason.find("no longer in the audience") != std::string::npos,
                 exited->reason.c_str());
        QVERIFY(exited->reason.find("\"when_no_longer_matching\": false keeps the person in") !=
                std::string::npos);
    }

    // "No order_completed with this run's cart_id in the past day": the cart that was bought gets no
    // reminder, the other one does.
    void aKeyedActionConditionLooksAtTheRunsOwnCart()
    {
        const std::string campaign = R"({"name": "cart_recovery", "trigger": {"event": "added_to_cart"},
          "dedupe_key": "cart_id", "steps": [{"delay": "1h"}, {"message": {"channel": "email", "name": "reminder",
          "conditions": {"not_performed": "order_completed", "match": "cart_id", "within": "1h"}}}]})";
        const Journeys journeys = journeysWith(campaign);
        QCOMPARE(journeys.campaigns[0].steps[1].condition->matchKey, std::string("cart_id"));
        const Timeline timeline =
            simulate(journeys, "[" + std::string(kIdentify) + "," + cart("+0m", "c1") + "," +
                                   cart("+1m", "c2") + "," + order("+20m", "+20m", "c1") + "]");
        std::vector<std::string> sent, suppressed;
        for (const TimelineEntry &entry : timeline.entries) {
            if (entry.kind == TimelineEntry::Kind::Sent)
                sent.push_back(entry.reason);
            if (entry.kind == TimelineEntry::Kind::Suppressed)
                suppressed.push_back(entry.reason);
        }
        QCOMPARE(sent.size(), std::size_t(1));
        QCOMPARE(suppressed.size(), std::size_t(1));
        QVERIFY2(suppressed[0].find("with this run's cart_id=c1") != std::string::npos,
                 suppressed[0].c_str());
    }

    void aKeyedConditionNeedsARun_data()
    {
        QTest::addColumn<QByteArray>("journeys");
        QTest::addColumn<QString>("where");
        QTest::newRow("segment") << QByteArray(
                                        R"({"format": "preflight.journeys/1", "segments": [{"name": "s",
          "condition": {"performed": "order_completed", "match": "cart_id"}}]})")
                                 << "test#/segments/0/condition";
        QTest::newRow("audience") << QByteArray(
                                         R"({"format": "preflight.journeys/1", "campaigns": [{"name": "c",
          "trigger": {"event": "e"}, "audience": {"not_performed": "o", "match": "cart_id"}}]})")
                                  << "test#/campaigns/0/audience";
    }
    void aKeyedConditionNeedsARun()
    {
        QFETCH(QByteArray, journeys);
        QFETCH(QString, where);
        const Result<Journeys> read = journeysFromJson(Json::parse(journeys.toStdString()), "test");
        QVERIFY(!read);
        QCOMPARE(QString::fromStdString(read.error().where), where);
    }

    // The profile-age rule of "has not performed within": when it decides, the reason says so.
    void aYoungProfileIsNamedWhenItDecidesNotPerformed()
    {
        const std::string campaign = R"({"name": "nudge", "trigger": {"event": "added_to_cart"},
          "steps": [{"message": {"channel": "email", "name": "nudge",
          "conditions": {"not_performed": "order_completed", "within": "1d"}}}]})";
        const Timeline timeline =
            simulate(journeysWith(campaign), "[" + std::string(kIdentify) + "," + cart("+3h") + "]");
        const auto suppressed = firstEntry(
            timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::Suppressed; });
        QVERIFY(suppressed != nullptr);
        QVERIFY2(suppressed->reason.find("not met: the profile is 4h old, younger than the window") !=
                     std::string::npos,
                 suppressed->reason.c_str());
    }

    // Days of the week and zones: a Thursday 18:00 trigger that waits 2 days, then Mon–Fri 09–17, sends on
    // Monday at 09:00 in the zone the window is read in.
    void timeWindowsHaveDaysAndZones_data()
    {
        QTest::addColumn<QString>("window");
        QTest::addColumn<QString>("personZone");
        QTest::addColumn<QString>("sendsAt");
        QTest::addColumn<QString>("says");
        const QString weekdays =
            R"("days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00")";
        QTest::newRow("UTC") << weekdays << ""
                             << "2026-01-12T09:00:00Z"
                             << "Mon–Fri 09:00–17:00 in UTC";
        QTest::newRow("Berlin") << weekdays + R"(, "timezone": "Europe/Berlin")"
                                << ""
                                << "2026-01-12T08:00:00Z"
                                << "in Europe/Berlin";
        QTest::newRow("the person's zone") << weekdays + R"(, "timezone": "person")"
                                           << "America/New_York"
                                           << "2026-01-12T14:00:00Z"
                                           << "America/New_York (the person's timezone)";
        QTest::newRow("the fallback")
            << weekdays + R"(, "timezone": "person", "fallback_timezone": "Asia/Tokyo")"
            << ""
            << "2026-01-12T00:00:00Z"
            << "Asia/Tokyo (the fallback";
        QTest::newRow("an unknown zone falls back") << weekdays + R"(, "timezone": "person")"
                                                    << "Mars/Olympus"
                                                    << "2026-01-12T09:00:00Z"
                                                    << "is not an IANA zone";
    }
    void timeWindowsHaveDaysAndZones()
    {
        QFETCH(QString, window);
        QFETCH(QString, personZone);
        QFETCH(QString, sendsAt);
        QFETCH(QString, says);
        // Built as values: moc reads raw strings with unbalanced braces as code.
        Json campaign = Json::parse(R"({"name": "w", "trigger": {"event": "added_to_cart"}, "steps": [
          {"delay": "2d"}, {"time_window": {}}, {"message": {"channel": "email", "name": "m"}}]})");
        campaign["steps"][1]["time_window"] = Json::parse("{" + window.toStdString() + "}");
        Json properties = Json::object();
        if (!personZone.isEmpty())
            properties["timezone"] = personZone.toStdString();
        const Json identifyCall = {
            {"at", "-1h"}, {"kind", "identify"}, {"identity", {{"id", "u1"}}}, {"properties", properties}};
        const std::string identify = identifyCall.dump();
        // 2026-01-08 is a Thursday; 18:00 UTC is 81h after kStart (Monday 09:00).
        const Timeline timeline =
            simulate(journeysWith(campaign.dump()), "[" + identify + "," + cart("+81h") + "]",
                     kStart + 14 * 86'400'000LL);
        const auto sent =
            firstEntry(timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::Sent; });
        QVERIFY(sent != nullptr);
        QCOMPARE(QString::fromStdString(toIso8601(sent->at)), sendsAt);
        const auto held =
            firstEntry(timeline, [](const TimelineEntry &e) { return e.rule == "time_window"; });
        QVERIFY(held != nullptr);
        QVERIFY2(held->reason.find(says.toStdString()) != std::string::npos, held->reason.c_str());
    }

    // Summer time starts in Berlin on Sunday 2026-03-29: a 09:00 window is 08:00Z before and 07:00Z after.
    void aWindowKeepsItsLocalHoursAcrossSummerTime()
    {
        const std::string campaign = R"({"name": "w", "trigger": {"event": "added_to_cart"}, "steps": [
          {"delay": "2d"}, {"time_window": {"days": ["mon"], "start": "09:00", "end": "10:00",
          "timezone": "Europe/Berlin"}}, {"message": {"channel": "email", "name": "m"}}]})";
        // kStart + 81d = 2026-03-27 (Friday) 09:00 UTC.
        const Timeline timeline =
            simulate(journeysWith(campaign), "[" + std::string(kIdentify) + "," + cart("+1944h") + "]",
                     kStart + 100 * 86'400'000LL);
        const auto sent =
            firstEntry(timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::Sent; });
        QVERIFY(sent != nullptr);
        QCOMPARE(QString::fromStdString(toIso8601(sent->at)), QStringLiteral("2026-03-30T07:00:00Z"));
    }

    void badTimeWindowsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("window");
        QTest::addColumn<QString>("where");
        QTest::newRow("a day typo") << QByteArray(
                                           R"({"start": "09:00", "end": "17:00", "days": ["mon", "thur"]})")
                                    << "test#/campaigns/0/steps/0/time_window/days/1";
        QTest::newRow("no days") << QByteArray(R"({"start": "09:00", "end": "17:00", "days": []})")
                                 << "test#/campaigns/0/steps/0/time_window/days";
        QTest::newRow("unknown zone")
            << QByteArray(R"({"start": "09:00", "end": "17:00", "timezone": "Europe/Berlim"})")
            << "test#/campaigns/0/steps/0/time_window/timezone";
        QTest::newRow("fallback without person")
            << QByteArray(R"({"start": "09:00", "end": "17:00", "fallback_timezone": "UTC"})")
            << "test#/campaigns/0/steps/0/time_window/fallback_timezone";
    }
    void badTimeWindowsAreRefused()
    {
        QFETCH(QByteArray, window);
        QFETCH(QString, where);
        const std::string text = R"({"format": "preflight.journeys/1", "campaigns": [{"name": "c",
          "trigger": {"event": "e"}, "steps": [{"time_window": )" +
                                 window.toStdString() + "}]}]}";
        const Result<Journeys> read = journeysFromJson(Json::parse(text), "test");
        QVERIFY(!read);
        QCOMPARE(QString::fromStdString(read.error().where), where);
    }

    // A manual segment changes only through add_customers / remove_customers, and a campaign triggered by
    // it starts when someone is added and ends (the default exit) when they are removed.
    void manualSegmentsFollowAddAndRemoveCustomers()
    {
        const Json json = Json::parse(R"({"format": "preflight.journeys/1",
          "segments": [{"name": "vip_list", "manual_id": 7}],
          "campaigns": [{"name": "vip_welcome", "trigger": {"segment": "vip_list"},
            "steps": [{"delay": "1h"}, {"message": {"channel": "email", "name": "vip_hello"}}]}]})");
        auto journeys = journeysFromJson(json, "test");
        QVERIFY2(journeys.ok(), journeys ? "" : journeys.error().toString().c_str());
        const std::string identify = R"({"at": "+0m", "kind": "identify", "identity": {"id": "u1"}})";
        const std::string add =
            R"({"at": "+10m", "kind": "manual_segment_add", "identity": {"id": "u1"}, "name": "7"})";
        const std::string other =
            R"({"at": "+10m", "kind": "manual_segment_add", "identity": {"id": "u1"}, "name": "8"})";
        const std::string remove =
            R"({"at": "+30m", "kind": "manual_segment_remove", "identity": {"id": "u1"}, "name": "7"})";

        // Another segment's id changes nothing: no condition makes anyone a member either.
        Timeline timeline = simulate(*journeys, "[" + identify + "," + other + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::SegmentEntered), 0);

        timeline = simulate(*journeys, "[" + identify + "," + add + "]");
        const TimelineEntry *entered = firstEntry(
            timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::SegmentEntered; });
        QVERIFY(entered != nullptr);
        QCOMPARE(entered->segment, std::string("vip_list"));
        QCOMPARE(entered->at, kStart + 600'000);
        QCOMPARE(entered->reason, std::string("added to manual segment 7 (add_customers)"));
        QCOMPARE(count(timeline, TimelineEntry::Kind::Sent), 1);

        timeline = simulate(*journeys, "[" + identify + "," + add + "," + remove + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::SegmentLeft), 1);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Sent), 0);
        QCOMPARE(count(timeline, TimelineEntry::Kind::Exited, "left_segment"), 1);
    }

    // A condition on a related object's attributes: the person joins when related to a "pro" account,
    // and leaves when the account changes plan or the relationship goes.
    void relatedObjectConditionsReadTheObjectsAttributes()
    {
        const Json json = Json::parse(R"({"format": "preflight.journeys/1",
          "segments": [{"name": "pro_accounts",
            "condition": {"related_object": "1", "where": [{"attribute": "plan", "value": "pro"}]}}],
          "campaigns": [{"name": "pro_onboarding", "trigger": {"segment": "pro_accounts"},
            "steps": [{"message": {"channel": "email", "name": "pro_tips"}}]}]})");
        auto journeys = journeysFromJson(json, "test");
        QVERIFY2(journeys.ok(), journeys ? "" : journeys.error().toString().c_str());
        const std::string person = R"({"at": "+0m", "kind": "identify", "identity": {"id": "u1"}})";
        const auto account = [](const char *at, const char *plan) {
            return std::string(R"({"at": ")") + at +
                   R"(", "kind": "object_identify", "object": {"type_id": "1", "id": "acme"}, "properties": {"plan": ")" +
                   plan + "\"}}";
        };
        const std::string relate =
            R"({"at": "+20m", "kind": "add_relationships", "identity": {"id": "u1"}, "relationships": [{"object": {"type_id": "1", "id": "acme"}}]})";
        const std::string unrelate =
            R"({"at": "+40m", "kind": "delete_relationships", "identity": {"id": "u1"}, "relationships": [{"object": {"type_id": "1", "id": "acme"}}]})";

        // A basic account: related, but not a member.
        Timeline timeline =
            simulate(*journeys, "[" + person + "," + account("+10m", "basic") + "," + relate + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::SegmentEntered), 0);

        // The account upgrades after the relationship: the person joins at the upgrade, not before.
        timeline = simulate(*journeys, "[" + person + "," + account("+10m", "basic") + "," + relate + "," +
                                           account("+30m", "pro") + "]");
        const TimelineEntry *entered = firstEntry(
            timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::SegmentEntered; });
        QVERIFY(entered != nullptr);
        QCOMPARE(entered->at, kStart + 1'800'000);
        QVERIFY2(entered->reason.find("related to an object of type 1 with plan") != std::string::npos &&
                     entered->reason.find("[acme]") != std::string::npos,
                 entered->reason.c_str());
        QCOMPARE(count(timeline, TimelineEntry::Kind::Sent), 1);

        // Related to a pro account from the start, then the relationship is removed.
        timeline = simulate(*journeys, "[" + person + "," + account("+10m", "pro") + "," + relate + "," +
                                           unrelate + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::SegmentEntered), 1);
        const TimelineEntry *left = firstEntry(
            timeline, [](const TimelineEntry &e) { return e.kind == TimelineEntry::Kind::SegmentLeft; });
        QVERIFY(left != nullptr);
        QCOMPARE(left->at, kStart + 2'400'000);
        QVERIFY2(left->reason.find("no related object of that type") != std::string::npos,
                 left->reason.c_str());

        // The account downgrades: everyone related leaves.
        timeline = simulate(*journeys, "[" + person + "," + account("+10m", "pro") + "," + relate + "," +
                                           account("+50m", "basic") + "]");
        QCOMPARE(count(timeline, TimelineEntry::Kind::SegmentLeft), 1);
    }

    // The simulator's own choices are named where they decide, not only when a campaign overrides them.
    void defaultChoicesAreNamedInTheReasons()
    {
        const Timeline timeline =
            simulate(journeysWith(cartRecovery()), "[" + std::string(kIdentify) + "," + cart("+0m") + "]");
        const auto delay = firstEntry(timeline, [](const TimelineEntry &e) { return e.rule == "delay"; });
        QVERIFY(delay != nullptr);
        QVERIFY2(delay->reason.find("delay_anchor=arrival, the simulator's default") != std::string::npos,
                 delay->reason.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "TestSimulator.moc"
