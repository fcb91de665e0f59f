#include "api/Dialect.h"
#include "workspace/EventIdSet.h"
#include "workspace/Workspace.h"

#include <QTest>

using namespace preflight;

// Json compares through its text, which also makes a failure readable.
#define QCOMPARE_JSON(actual, expected)                                                                      \
    QCOMPARE(QString::fromStdString(Json(actual).dump()), QString::fromStdString(Json(expected).dump()))

namespace {

constexpr UnixMillis kT0 = 1'800'000'000'000LL;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

Call identifyCall(const std::string &id, Json properties = Json::object())
{
    Call call;
    call.kind = CallKind::Identify;
    call.identity.id = id;
    call.properties = std::move(properties);
    return call;
}

Call trackCall(const std::string &id, const std::string &name, std::optional<UnixMillis> occurredAt = {},
               const std::string &dedupeId = {})
{
    Call call;
    call.kind = CallKind::Track;
    call.identity.id = id;
    call.name = name;
    call.occurredAt = occurredAt;
    call.dedupeId = dedupeId;
    return call;
}

Call anonymousTrack(const std::string &anonymousId, const std::string &name,
                    std::optional<UnixMillis> occurredAt)
{
    Call call = trackCall({}, name, occurredAt);
    call.identity.anonymousId = anonymousId;
    return call;
}

Call mergeCall(const std::string &primaryId, const std::string &secondaryId)
{
    Call call;
    call.kind = CallKind::Merge;
    call.identity.id = primaryId;
    call.secondary.id = secondaryId;
    return call;
}

Call personCall(CallKind kind, const std::string &id)
{
    Call call;
    call.kind = kind;
    call.identity.id = id;
    return call;
}

const WorkspaceChange *findChange(const ApplyResult &result, WorkspaceChange::Kind kind)
{
    for (const WorkspaceChange &change : result.changes) {
        if (change.kind == kind)
            return &change;
    }
    return nullptr;
}

QString blockName(TriggerBlock block)
{
    return QString::fromUtf8(toString(block).data(), static_cast<qsizetype>(toString(block).size()));
}

// Attaching anonymous events: through Track v1's anonymous_id attribute, Pipelines' identify with
// anonymousId + userId, or Pipelines' alias.
Call attachingCall(const QString &route, const std::string &userId, const std::string &anonymousId)
{
    if (route == "v1") {
        return identifyCall(userId, Json{{"anonymous_id", anonymousId}});
    }
    Call call = identifyCall(userId);
    if (route == "alias") {
        call.kind = CallKind::Alias;
        call.secondary.anonymousId = anonymousId;
    } else {
        call.identity.anonymousId = anonymousId;
    }
    return call;
}

// A request as the sandbox receives it, read by the dialect the sandbox uses.
Call parsed(Api api, const char *method, const std::string &url, const Json &body)
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.setHeader("Content-Type", "application/json");
    if (!body.is_null())
        request.body = body.dump();
    auto call = dialectFor(api).parse(request);
    if (!call.ok())
        qFatal("test request does not parse: %s", call.error().toString().c_str());
    return *call;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void blocksEventsBackdatedMoreThan72Hours_data()
    {
        QTest::addColumn<qint64>("ageMillis");
        QTest::addColumn<bool>("hasTimestamp");
        QTest::addColumn<QString>("block");
        QTest::newRow("no timestamp") << qint64(0) << false << "none";
        QTest::newRow("just happened") << qint64(0) << true << "none";
        QTest::newRow("71h59m") << qint64(72 * kHour - kMinute) << true << "none";
        QTest::newRow("exactly 72h") << qint64(72 * kHour) << true << "none";
        QTest::newRow("72h and 1ms") << qint64(72 * kHour + 1) << true << "backdated";
        QTest::newRow("72h and 1s") << qint64(72 * kHour + 1000) << true << "backdated";
        QTest::newRow("a year") << qint64(365 * kDay) << true << "backdated";
        QTest::newRow("an hour in the future") << qint64(-kHour) << true << "none";
    }
    void blocksEventsBackdatedMoreThan72Hours()
    {
        QFETCH(qint64, ageMillis);
        QFETCH(bool, hasTimestamp);
        QFETCH(QString, block);
        Workspace workspace;
        const auto occurredAt = hasTimestamp ? std::optional<UnixMillis>(kT0 - ageMillis) : std::nullopt;
        const ApplyResult result = workspace.apply(trackCall("42", "order_completed", occurredAt), kT0);
        QVERIFY(result.accepted);
        const WorkspaceChange *recorded = findChange(result, WorkspaceChange::Kind::EventRecorded);
        QVERIFY(recorded);
        QCOMPARE(blockName(recorded->triggerBlock), block);
        QCOMPARE(recorded->reason.empty(), block == "none");
        QCOMPARE(recorded->call.occurredAt.value(), hasTimestamp ? kT0 - ageMillis : kT0);
        QCOMPARE(recorded->call.arrivedAt.value(), kT0);
        QVERIFY(findChange(result, WorkspaceChange::Kind::PersonCreated));
    }

    void attachedAnonymousEventTriggersOnlyWithin72Hours_data()
    {
        QTest::addColumn<qint64>("identifyAfter");
        QTest::addColumn<bool>("attached");
        QTest::addColumn<QString>("block");
        QTest::newRow("a minute later") << qint64(kMinute) << true << "none";
        QTest::newRow("exactly 72h later") << qint64(72 * kHour) << true << "none";
        QTest::newRow("72h and 1ms later") << qint64(72 * kHour + 1) << true << "attached_too_late";
        QTest::newRow("29 days later") << qint64(29 * kDay) << true << "attached_too_late";
        QTest::newRow("exactly 30 days later") << qint64(30 * kDay) << true << "attached_too_late";
        QTest::newRow("30 days and 1ms later: deleted") << qint64(30 * kDay + 1) << false << "";
    }
    void attachedAnonymousEventTriggersOnlyWithin72Hours()
    {
        QFETCH(qint64, identifyAfter);
        QFETCH(bool, attached);
        QFETCH(QString, block);
        Workspace workspace;
        const ApplyResult held = workspace.apply(anonymousTrack("anon-1", "cart_viewed", kT0), kT0);
        QCOMPARE(blockName(held.changes.at(0).triggerBlock), QString("anonymous"));
        QVERIFY(held.changes.at(0).personKey.empty());
        QCOMPARE(workspace.heldAnonymousEventCount("anon-1"), std::size_t(1));

        const ApplyResult identified =
            workspace.apply(attachingCall("v1", "42", "anon-1"), kT0 + identifyAfter);
        const WorkspaceChange *attach = findChange(identified, WorkspaceChange::Kind::EventAttached);
        QCOMPARE(attach != nullptr, attached);
        QCOMPARE(workspace.heldAnonymousEventCount("anon-1"), std::size_t(0));
        const auto activities = workspace.activitiesResponse("42");
        QVERIFY(activities.ok());
        QCOMPARE(activities->at("activities").size(), attached ? std::size_t(1) : std::size_t(0));
        if (attached) {
            QCOMPARE(blockName(attach->triggerBlock), block);
            QCOMPARE(attach->personKey, *workspace.personKey("42"));
            QCOMPARE(attach->call.name, std::string("cart_viewed"));
            QCOMPARE(attach->call.occurredAt.value(), kT0);
            QCOMPARE(attach->at, kT0 + identifyAfter);
            QCOMPARE(attach->eventSequence, held.changes.at(0).eventSequence);
        }
    }

    void attachesThroughEveryIdentifyRoute_data()
    {
        QTest::addColumn<QString>("route");
        QTest::newRow("track v1 anonymous_id attribute") << "v1";
        QTest::newRow("pipelines identify with anonymousId and userId") << "pipelines";
        QTest::newRow("pipelines alias") << "alias";
    }
    void attachesThroughEveryIdentifyRoute()
    {
        QFETCH(QString, route);
        Workspace workspace;
        QVERIFY(workspace.apply(anonymousTrack("anon-7", "page_one", kT0 - kHour), kT0 - kHour).accepted);
        QVERIFY(workspace.apply(anonymousTrack("anon-7", "page_two", kT0 - kMinute), kT0 - kMinute).accepted);
        QVERIFY(workspace.apply(anonymousTrack("anon-other", "elsewhere", kT0), kT0).accepted);
        const ApplyResult result = workspace.apply(attachingCall(route, "u1", "anon-7"), kT0);
        QVERIFY(result.accepted);
        int attachedCount = 0;
        for (const WorkspaceChange &change : result.changes) {
            if (change.kind == WorkspaceChange::Kind::EventAttached) {
                ++attachedCount;
                QCOMPARE(int(change.triggerBlock), int(TriggerBlock::None));
            }
        }
        QCOMPARE(attachedCount, 2);
        QCOMPARE(workspace.heldAnonymousEventCount("anon-other"), std::size_t(1));
    }

    void attachesAnonymousEventsArrivingUpTo5MinutesAfterIdentify_data()
    {
        QTest::addColumn<qint64>("arrivesAfter");
        QTest::addColumn<bool>("attached");
        QTest::newRow("same instant") << qint64(0) << true;
        QTest::newRow("one minute") << qint64(kMinute) << true;
        QTest::newRow("exactly 5 minutes") << qint64(5 * kMinute) << true;
        QTest::newRow("5 minutes and 1ms") << qint64(5 * kMinute + 1) << false;
        QTest::newRow("an hour") << qint64(kHour) << false;
    }
    void attachesAnonymousEventsArrivingUpTo5MinutesAfterIdentify()
    {
        QFETCH(qint64, arrivesAfter);
        QFETCH(bool, attached);
        Workspace workspace;
        QVERIFY(workspace.apply(attachingCall("pipelines", "u1", "anon-9"), kT0).accepted);
        const UnixMillis arrival = kT0 + arrivesAfter;
        const ApplyResult result =
            workspace.apply(anonymousTrack("anon-9", "checkout_started", arrival), arrival);
        QVERIFY(result.accepted);
        const WorkspaceChange *attach = findChange(result, WorkspaceChange::Kind::EventAttached);
        QCOMPARE(attach != nullptr, attached);
        QCOMPARE(workspace.heldAnonymousEventCount("anon-9"), std::size_t(attached ? 0 : 1));
        if (attach)
            QCOMPARE(int(attach->triggerBlock), int(TriggerBlock::None));
    }

    void storesInviteEventsForNoOne()
    {
        Workspace workspace;
        Call invite = trackCall({}, "invited_friend", kT0);
        invite.properties = Json{{"recipient", "friend@example.com"}};
        const ApplyResult result = workspace.apply(invite, kT0);
        QVERIFY(result.accepted);
        QCOMPARE(result.changes.size(), std::size_t(1));
        QCOMPARE(int(result.changes[0].triggerBlock), int(TriggerBlock::Anonymous));
        QVERIFY(result.changes[0].personKey.empty());
        QCOMPARE(workspace.personCount(), std::size_t(0));
        QCOMPARE(workspace.eventCount(), std::size_t(1));
        const StoredEvent *stored = workspace.events().find(result.changes[0].eventSequence);
        QVERIFY(stored && stored->has(StoredEvent::Invite));
        QCOMPARE_JSON(workspace.events().data(*stored), invite.properties);
    }

    void ignoresEventsWithASeenId_data()
    {
        QTest::addColumn<QString>("firstId");
        QTest::addColumn<QString>("secondId");
        QTest::addColumn<QString>("secondPerson");
        QTest::addColumn<bool>("secondAccepted");
        QTest::newRow("same id, same person") << "01HX"
                                              << "01HX"
                                              << "42" << false;
        QTest::newRow("same id, other person") << "01HX"
                                               << "01HX"
                                               << "43" << false;
        QTest::newRow("different ids") << "01HX"
                                       << "01HY"
                                       << "42" << true;
        QTest::newRow("no ids") << ""
                                << ""
                                << "42" << true;
        QTest::newRow("ids are case-sensitive") << "01hx"
                                                << "01HX"
                                                << "42" << true;
    }
    void ignoresEventsWithASeenId()
    {
        QFETCH(QString, firstId);
        QFETCH(QString, secondId);
        QFETCH(QString, secondPerson);
        QFETCH(bool, secondAccepted);
        Workspace workspace;
        QVERIFY(workspace.apply(trackCall("42", "a", kT0, firstId.toStdString()), kT0).accepted);
        const ApplyResult second =
            workspace.apply(trackCall(secondPerson.toStdString(), "a", kT0, secondId.toStdString()), kT0 + 1);
        QCOMPARE(second.accepted, secondAccepted);
        QCOMPARE(workspace.eventCount(), std::size_t(secondAccepted ? 2 : 1));
        if (!secondAccepted) {
            QCOMPARE(int(second.reason), int(IgnoreReason::DuplicateEventId));
            QVERIFY(second.changes.empty());
        }
    }

    void deduplicatesAnonymousEventsToo()
    {
        Workspace workspace;
        Call first = anonymousTrack("anon", "a", kT0);
        first.dedupeId = "dup";
        QVERIFY(workspace.apply(first, kT0).accepted);
        QCOMPARE(int(workspace.apply(first, kT0 + 1).reason), int(IgnoreReason::DuplicateEventId));
        QCOMPARE(workspace.heldAnonymousEventCount("anon"), std::size_t(1));
    }

    void updateOnlyNeverCreates_data()
    {
        QTest::addColumn<bool>("exists");
        QTest::addColumn<QString>("update");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<int>("people");
        QTest::newRow("missing, _update true") << false << "true" << false << 0;
        QTest::newRow("missing, _update \"true\"") << false << "string" << false << 0;
        QTest::newRow("missing, _update false") << false << "false" << true << 1;
        QTest::newRow("missing, no _update") << false << "" << true << 1;
        QTest::newRow("existing, _update true") << true << "true" << true << 1;
    }
    void updateOnlyNeverCreates()
    {
        QFETCH(bool, exists);
        QFETCH(QString, update);
        QFETCH(bool, accepted);
        QFETCH(int, people);
        Workspace workspace;
        if (exists)
            QVERIFY(workspace.apply(identifyCall("42", Json{{"plan", "free"}}), kT0).accepted);
        Json body{{"plan", "pro"}};
        if (update == "true")
            body["_update"] = true;
        else if (update == "false")
            body["_update"] = false;
        else if (update == "string")
            body["_update"] = "true";
        const ApplyResult result = workspace.apply(identifyCall("42", body), kT0 + 1000);
        QCOMPARE(result.accepted, accepted);
        QCOMPARE(workspace.personCount(), std::size_t(people));
        if (!accepted) {
            QCOMPARE(int(result.reason), int(IgnoreReason::UpdateOnlyPersonMissing));
            QCOMPARE(workspace.attributesResponse("42").error().code, std::string("not_found"));
        } else {
            const Json attributes = workspace.attributesResponse("42")->at("customer").at("attributes");
            QCOMPARE_JSON(attributes.at("plan"), Json("pro"));
            QVERIFY(!attributes.contains("_update"));
        }
    }

    void identifySetsReservedAndCustomAttributes()
    {
        Workspace workspace;
        QVERIFY(workspace
                    .apply(identifyCall("42", Json{{"email", "Ada@Example.com"},
                                                   {"created_at", 1700000000},
                                                   {"unsubscribed", true},
                                                   {"plan", "pro"},
                                                   {"old", "x"}}),
                           kT0)
                    .accepted);
        const ApplyResult removal =
            workspace.apply(identifyCall("42", Json{{"old", ""}, {"cio_id", "forged"}}), kT0);
        const Json attributes = removal.changes.back().attributes;
        QVERIFY(!attributes.contains("old"));
        QCOMPARE_JSON(attributes.at("cio_id"), Json("03000001"));
        const Json customer = workspace.attributesResponse("ada@example.com", "email")->at("customer");
        QCOMPARE_JSON(customer.at("attributes").at("created_at"), Json("1700000000"));
        QCOMPARE_JSON(customer.at("unsubscribed"), Json(true));
        QCOMPARE_JSON(customer.at("identifiers").at("email"), Json("Ada@Example.com"));
        QCOMPARE_JSON(customer.at("timestamps").at("plan"), Json(kT0 / 1000));
    }

    void identifyByIdAdoptsTheEmailOnlyProfile()
    {
        Workspace workspace;
        Call byEmail = trackCall({}, "signed_up", kT0);
        byEmail.identity.email = "ada@example.com";
        QVERIFY(workspace.apply(byEmail, kT0).accepted);
        QVERIFY(workspace.apply(identifyCall("42", Json{{"email", "ada@example.com"}}), kT0).accepted);
        QCOMPARE(workspace.personCount(), std::size_t(1));
        QCOMPARE(*workspace.personKey("42"), *workspace.personKey("ada@example.com", "email"));
    }

    void identifyKeepsIdentifiersOtherPeopleHold()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("43", Json{{"email", "ada@example.com"}}), kT0).accepted);
        Call pipelinesShape = identifyCall("42");
        pipelinesShape.identity.email = "ada@example.com"; // how the dialects hand over an email trait
        const ApplyResult result = workspace.apply(pipelinesShape, kT0);
        QVERIFY(result.accepted);
        QCOMPARE(workspace.personCount(), std::size_t(2));
        QCOMPARE(*workspace.personKey("ada@example.com", "email"), *workspace.personKey("43"));
        QVERIFY(result.changes.back().reason.find("belongs to another person") != std::string::npos);
        QCOMPARE_JSON(workspace.attributesResponse("42")->at("customer").at("identifiers").at("email"),
                      nullptr);
    }

    void identifyByIdAdoptsEmailOnlyProfileInDialectShape()
    {
        Workspace workspace;
        Call byEmail = trackCall({}, "signed_up", kT0);
        byEmail.identity.email = "ada@example.com";
        QVERIFY(workspace.apply(byEmail, kT0).accepted);
        Call pipelinesShape = identifyCall("42");
        pipelinesShape.identity.email = "ada@example.com";
        QVERIFY(workspace.apply(pipelinesShape, kT0).accepted);
        QCOMPARE(workspace.personCount(), std::size_t(1));
        QCOMPARE(workspace.activitiesResponse("42")->at("activities").size(), std::size_t(1));
    }

    void cioIdOnlyFindsPeople_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("prefixedId");
        QTest::newRow("identify by cio_id") << "identify" << false;
        QTest::newRow("identify by cio_ id") << "identify" << true;
        QTest::newRow("event by cio_id") << "track" << false;
        QTest::newRow("event by cio_ id") << "track" << true;
    }
    void cioIdOnlyFindsPeople()
    {
        QFETCH(QString, kind);
        QFETCH(bool, prefixedId);
        Workspace workspace;
        Call call = kind == "identify" ? identifyCall({}) : trackCall({}, "a", kT0);
        if (prefixedId)
            call.identity.id = "cio_0300abcd";
        else
            call.identity.cioId = "0300abcd";
        const ApplyResult result = workspace.apply(call, kT0);
        QVERIFY(!result.accepted);
        QCOMPARE(int(result.reason), int(IgnoreReason::PersonNotFound));
        QCOMPARE(workspace.personCount(), std::size_t(0));
        // Once someone has that cio_id, the same call reaches them.
        QVERIFY(workspace.apply(identifyCall("42"), kT0).accepted);
        if (prefixedId)
            call.identity.id = "cio_03000001";
        else
            call.identity.cioId = "03000001";
        QVERIFY(workspace.apply(call, kT0).accepted);
        QCOMPARE(workspace.personCount(), std::size_t(1));
    }

    void anonymousEventTooOldOnArrivalCannotTriggerWhenAttached()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(anonymousTrack("anon", "viewed", kT0 - 80 * kHour), kT0).accepted);
        const ApplyResult result = workspace.apply(attachingCall("v1", "42", "anon"), kT0 + kMinute);
        const WorkspaceChange *attach = findChange(result, WorkspaceChange::Kind::EventAttached);
        QVERIFY(attach);
        QCOMPARE(int(attach->triggerBlock), int(TriggerBlock::AttachedTooLate));
        QVERIFY(!attach->reason.empty());
    }

    void eventWithUserIdAndAnonymousIdBelongsToThePerson()
    {
        Workspace workspace;
        Call call = trackCall("42", "order_completed", kT0);
        call.identity.anonymousId = "anon";
        const ApplyResult result = workspace.apply(call, kT0);
        QCOMPARE(int(result.changes.back().triggerBlock), int(TriggerBlock::None));
        QCOMPARE(result.changes.back().personKey, *workspace.personKey("42"));
        QCOMPARE(workspace.heldAnonymousEventCount("anon"), std::size_t(0));
    }

    void mergesBySecondaryCioId()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("p"), kT0).accepted);
        QVERIFY(workspace.apply(identifyCall("s"), kT0).accepted);
        Call merge = mergeCall("p", {});
        merge.secondary.cioId = "03000002";
        QVERIFY(workspace.apply(merge, kT0).accepted);
        QVERIFY(!workspace.personKey("s"));
    }

    void sweepKeepsOutcomesAndForgetsExpiredAnonymousEvents()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(anonymousTrack("old", "viewed", kT0), kT0).accepted);
        QVERIFY(workspace.apply(identifyCall("linked", Json{{"anonymous_id", "recent"}}), kT0).accepted);
        // Enough events, a month later, for the periodic bookkeeping to run.
        const UnixMillis later = kT0 + 31 * kDay;
        for (int i = 0; i < 70'000; ++i)
            QVERIFY(workspace.apply(trackCall("busy", "tick", later), later).accepted);
        QCOMPARE(workspace.heldAnonymousEventCount("old"), std::size_t(0));
        const ApplyResult identified =
            workspace.apply(identifyCall("42", Json{{"anonymous_id", "old"}}), later);
        QVERIFY(!findChange(identified, WorkspaceChange::Kind::EventAttached));
        const ApplyResult lateAnonymous = workspace.apply(anonymousTrack("recent", "x", later), later);
        QVERIFY(!findChange(lateAnonymous, WorkspaceChange::Kind::EventAttached));
        QCOMPARE(workspace.heldAnonymousEventCount("recent"), std::size_t(1));
    }

    void attachesAnonymousActivityThroughTheDialects_data()
    {
        QTest::addColumn<QString>("route");
        QTest::newRow("track v1") << "v1";
        QTest::newRow("pipelines") << "pipelines";
    }
    void attachesAnonymousActivityThroughTheDialects()
    {
        QFETCH(QString, route);
        Workspace workspace;
        const std::string track = "https://track.customer.io/api/v1";
        const std::string cdp = "https://cdp.customer.io/v1";
        const Json occurred = route == "v1" ? Json((kT0 - kHour) / 1000) : Json(toIso8601(kT0 - kHour));
        const Call anonymous = route == "v1" ? parsed(Api::TrackV1, "POST", track + "/events",
                                                      Json{{"anonymous_id", "visitor-1"},
                                                           {"name", "cart_viewed"},
                                                           {"timestamp", occurred},
                                                           {"data", {{"cart_id", "c1"}}}})
                                             : parsed(Api::Pipelines, "POST", cdp + "/track",
                                                      Json{{"anonymousId", "visitor-1"},
                                                           {"event", "cart_viewed"},
                                                           {"timestamp", occurred},
                                                           {"properties", {{"cart_id", "c1"}}}});
        QVERIFY(workspace.apply(anonymous, kT0).accepted);
        const Call identify = route == "v1"
                                  ? parsed(Api::TrackV1, "PUT", track + "/customers/42",
                                           Json{{"email", "ada@example.com"}, {"anonymous_id", "visitor-1"}})
                                  : parsed(Api::Pipelines, "POST", cdp + "/identify",
                                           Json{{"userId", "42"},
                                                {"anonymousId", "visitor-1"},
                                                {"traits", {{"email", "ada@example.com"}}}});
        const ApplyResult result = workspace.apply(identify, kT0 + kMinute);
        const WorkspaceChange *attach = findChange(result, WorkspaceChange::Kind::EventAttached);
        QVERIFY(attach);
        QCOMPARE(int(attach->triggerBlock), int(TriggerBlock::None));
        const Json activities = workspace.activitiesResponse("ada@example.com", "email")->at("activities");
        QCOMPARE(activities.size(), std::size_t(1));
        QCOMPARE_JSON(activities[0].at("data").at("cart_id"), "c1");
        QCOMPARE_JSON(activities[0].at("timestamp"), (kT0 - kHour) / 1000);
        QCOMPARE_JSON(workspace.attributesResponse("42")->at("customer").at("attributes").at("email"),
                      "ada@example.com");
    }

    void suppressionDeletesAndIgnoresLaterCalls_data()
    {
        QTest::addColumn<QString>("laterKind");
        QTest::newRow("identify by id") << "identify";
        QTest::newRow("event by id") << "track";
        QTest::newRow("event by the person's email") << "track-email";
        QTest::newRow("identify by another id with the email") << "identify-email-attribute";
    }
    void suppressionDeletesAndIgnoresLaterCalls()
    {
        QFETCH(QString, laterKind);
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("42", Json{{"email", "ada@example.com"}}), kT0).accepted);
        const ApplyResult suppressed = workspace.apply(personCall(CallKind::Suppress, "42"), kT0);
        QVERIFY(suppressed.accepted);
        QCOMPARE(int(suppressed.changes.at(0).kind), int(WorkspaceChange::Kind::PersonSuppressed));
        QCOMPARE(suppressed.changes.at(0).personKey, std::string("03000001"));
        QCOMPARE(workspace.personCount(), std::size_t(0));
        QVERIFY(workspace.isSuppressed("ada@example.com", "email"));

        Call later = identifyCall("42");
        if (laterKind == "track")
            later = trackCall("42", "a", kT0);
        if (laterKind == "track-email") {
            later = trackCall({}, "a", kT0);
            later.identity.email = "ADA@example.com";
        }
        if (laterKind == "identify-email-attribute")
            later = identifyCall("77", Json{{"email", "ada@example.com"}});
        const ApplyResult ignored = workspace.apply(later, kT0 + 1000);
        QVERIFY(!ignored.accepted);
        QCOMPARE(int(ignored.reason), int(IgnoreReason::SuppressedIdentifier));
        QCOMPARE(workspace.personCount(), std::size_t(0));

        QVERIFY(workspace.apply(personCall(CallKind::Unsuppress, "42"), kT0 + 2000).accepted);
        QVERIFY(!workspace.isSuppressed("ada@example.com", "email"));
        QVERIFY(workspace.apply(identifyCall("42"), kT0 + 3000).accepted);
        QCOMPARE(*workspace.personKey("42"), std::string("03000002"));
    }

    void unsuppressOfUnknownIdentifierIsIgnored()
    {
        Workspace workspace;
        QVERIFY(!workspace.apply(personCall(CallKind::Unsuppress, "nobody"), kT0).accepted);
    }

    void deleteRemovesThePerson()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(trackCall("42", "a", kT0), kT0).accepted);
        const ApplyResult deleted = workspace.apply(personCall(CallKind::Delete, "42"), kT0);
        QCOMPARE(int(deleted.changes.at(0).kind), int(WorkspaceChange::Kind::PersonDeleted));
        QCOMPARE(workspace.activitiesResponse("42").error().code, std::string("not_found"));
        QCOMPARE(int(workspace.apply(personCall(CallKind::Delete, "42"), kT0).reason),
                 int(IgnoreReason::PersonNotFound));
        // A later identify makes a new person: deletion is not suppression.
        QVERIFY(workspace.apply(identifyCall("42"), kT0).accepted);
        QCOMPARE(workspace.personCount(), std::size_t(1));
    }

    void mergeKeepsPrimaryAttributesAndFillsEmptyOnes_data()
    {
        QTest::addColumn<QString>("primaryValue"); // "-" = absent
        QTest::addColumn<QString>("secondaryValue");
        QTest::addColumn<QString>("expected");
        QTest::newRow("both set: primary wins") << "gold"
                                                << "silver"
                                                << "gold";
        QTest::newRow("primary absent: secondary fills") << "-"
                                                         << "silver"
                                                         << "silver";
        QTest::newRow("secondary absent: primary kept") << "gold"
                                                        << "-"
                                                        << "gold";
        QTest::newRow("both absent") << "-"
                                     << "-"
                                     << "-";
    }
    void mergeKeepsPrimaryAttributesAndFillsEmptyOnes()
    {
        QFETCH(QString, primaryValue);
        QFETCH(QString, secondaryValue);
        QFETCH(QString, expected);
        Workspace workspace;
        Json primary{{"name", "Ada"}};
        if (primaryValue != "-")
            primary["tier"] = primaryValue.toStdString();
        Json secondary{{"name", "Other"}, {"email", "second@example.com"}};
        if (secondaryValue != "-")
            secondary["tier"] = secondaryValue.toStdString();
        QVERIFY(workspace.apply(identifyCall("p", primary), kT0).accepted);
        QVERIFY(workspace.apply(identifyCall("s", secondary), kT0).accepted);
        const ApplyResult merged = workspace.apply(mergeCall("p", "s"), kT0 + kHour);
        QVERIFY(merged.accepted);
        QCOMPARE(int(merged.changes.at(0).kind), int(WorkspaceChange::Kind::PersonsMerged));
        QCOMPARE(merged.changes.at(0).otherPersonKey, std::string("03000002"));
        const Json attributes = workspace.attributesResponse("p")->at("customer").at("attributes");
        QCOMPARE_JSON(attributes.at("name"), Json("Ada"));
        QCOMPARE(attributes.contains("tier"), expected != "-");
        if (expected != "-")
            QCOMPARE_JSON(attributes.at("tier"), Json(expected.toStdString()));
        // The secondary's identifiers fill the primary's empty ones; the secondary is gone.
        QCOMPARE_JSON(attributes.at("email"), Json("second@example.com"));
        QCOMPARE(workspace.attributesResponse("s").error().code, std::string("not_found"));
        QCOMPARE(workspace.personCount(), std::size_t(1));
    }

    void mergeMovesRecentEventsMarkedMerged_data()
    {
        QTest::addColumn<qint64>("eventAge");
        QTest::addColumn<bool>("moved");
        QTest::newRow("an hour old") << qint64(kHour) << true;
        QTest::newRow("exactly 30 days old") << qint64(30 * kDay) << true;
        QTest::newRow("30 days and 1ms old") << qint64(30 * kDay + 1) << false;
    }
    void mergeMovesRecentEventsMarkedMerged()
    {
        QFETCH(qint64, eventAge);
        QFETCH(bool, moved);
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("p"), kT0).accepted);
        const ApplyResult recorded = workspace.apply(trackCall("s", "viewed", kT0 - eventAge), kT0);
        QVERIFY(workspace.apply(mergeCall("p", "s"), kT0).accepted);
        const Json activities = workspace.activitiesResponse("p")->at("activities");
        QCOMPARE(activities.size(), std::size_t(moved ? 1 : 0));
        const StoredEvent *event = workspace.events().find(recorded.changes.back().eventSequence);
        QVERIFY(event);
        if (moved) {
            QCOMPARE(int(event->block), int(TriggerBlock::Merged));
            QVERIFY(event->has(StoredEvent::Merged));
        } else {
            QVERIFY(event->has(StoredEvent::Deleted));
        }
    }

    void mergeNeedsBothPeople_data()
    {
        QTest::addColumn<QString>("primary");
        QTest::addColumn<QString>("secondary");
        QTest::addColumn<int>("reason");
        QTest::newRow("primary missing") << "nobody"
                                         << "s" << int(IgnoreReason::MergePrimaryMissing);
        QTest::newRow("secondary missing") << "p"
                                           << "nobody" << int(IgnoreReason::MergeSecondaryMissing);
        QTest::newRow("same person") << "p"
                                     << "p" << int(IgnoreReason::MergeSamePerson);
    }
    void mergeNeedsBothPeople()
    {
        QFETCH(QString, primary);
        QFETCH(QString, secondary);
        QFETCH(int, reason);
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("p"), kT0).accepted);
        QVERIFY(workspace.apply(identifyCall("s"), kT0).accepted);
        const ApplyResult result =
            workspace.apply(mergeCall(primary.toStdString(), secondary.toStdString()), kT0);
        QVERIFY(!result.accepted);
        QCOMPARE(int(result.reason), reason);
        QCOMPARE(workspace.personCount(), std::size_t(2));
    }

    void managesDevices()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("a"), kT0).accepted);
        QVERIFY(workspace.apply(identifyCall("b"), kT0).accepted);
        Call add = personCall(CallKind::AddDevice, "a");
        add.device = Device{"tok-1", "ios", 1700000000, Json{{"app_version", "1.0"}}};
        QCOMPARE(int(workspace.apply(add, kT0).changes.at(0).kind),
                 int(WorkspaceChange::Kind::DeviceUpdated));
        Call update = add;
        update.device = Device{"tok-1", "", std::nullopt, Json{{"push_enabled", true}}};
        QVERIFY(workspace.apply(update, kT0 + 5000).accepted);
        Json devices = workspace.attributesResponse("a")->at("customer").at("devices");
        QCOMPARE(devices.size(), std::size_t(1));
        QCOMPARE_JSON(devices[0].at("platform"), Json("ios"));
        QCOMPARE_JSON(devices[0].at("last_used"), Json((kT0 + 5000) / 1000));
        QCOMPARE_JSON(devices[0].at("attributes").at("app_version"), Json("1.0"));
        QCOMPARE_JSON(devices[0].at("attributes").at("push_enabled"), Json(true));

        Call moveToB = add;
        moveToB.identity.id = "b";
        QVERIFY(workspace.apply(moveToB, kT0).accepted);
        QCOMPARE(workspace.attributesResponse("a")->at("customer").at("devices").size(), std::size_t(0));

        Call remove = personCall(CallKind::DeleteDevice, "b");
        remove.device = Device{"tok-1", {}, {}, Json::object()};
        QCOMPARE(int(workspace.apply(remove, kT0).changes.at(0).kind),
                 int(WorkspaceChange::Kind::DeviceDeleted));
        QCOMPARE(int(workspace.apply(remove, kT0).reason), int(IgnoreReason::DeviceNotFound));
        Call orphan = add;
        orphan.identity.id = "nobody";
        QCOMPARE(int(workspace.apply(orphan, kT0).reason), int(IgnoreReason::PersonNotFound));
    }

    void looksPeopleUpByEveryIdentifier_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("idType");
        QTest::addColumn<bool>("found");
        QTest::newRow("id") << "42"
                            << "id" << true;
        QTest::newRow("default id_type") << "42"
                                         << "" << true;
        QTest::newRow("email") << "ada@example.com"
                               << "email" << true;
        QTest::newRow("email, other case") << "ADA@example.com"
                                           << "email" << true;
        QTest::newRow("phone") << "+14155552671"
                               << "phone" << true;
        QTest::newRow("cio_id") << "03000001"
                                << "cio_id" << true;
        QTest::newRow("cio_id with prefix") << "cio_03000001"
                                            << "cio_id" << true;
        QTest::newRow("cio_ form as id") << "cio_03000001"
                                         << "id" << true;
        QTest::newRow("email as id") << "ada@example.com"
                                     << "id" << false;
        QTest::newRow("unknown") << "43"
                                 << "id" << false;
    }
    void looksPeopleUpByEveryIdentifier()
    {
        QFETCH(QString, identifier);
        QFETCH(QString, idType);
        QFETCH(bool, found);
        Workspace workspace;
        QVERIFY(
            workspace
                .apply(identifyCall("42", Json{{"email", "ada@example.com"}, {"phone", "+14155552671"}}), kT0)
                .accepted);
        const auto response = workspace.attributesResponse(identifier.toStdString(), idType.toStdString());
        QCOMPARE(response.ok(), found);
        if (found)
            QCOMPARE_JSON(response->at("customer").at("identifiers").at("cio_id"), Json("03000001"));
        else
            QCOMPARE(response.error().code, std::string("not_found"));
    }

    void rejectsUnknownIdType()
    {
        Workspace workspace;
        QCOMPARE(workspace.attributesResponse("42", "uuid").error().code, std::string("bad_request"));
        QCOMPARE(workspace.activitiesResponse("42", "uuid").error().code, std::string("bad_request"));
    }

    void answersAttributesInTheAppApiShape()
    {
        Workspace workspace;
        QVERIFY(workspace
                    .apply(identifyCall("42", Json{{"email", "ada@example.com"},
                                                   {"plan", "pro"},
                                                   {"created_at", 1700000000}}),
                           kT0)
                    .accepted);
        const Json body = *workspace.attributesResponse("42");
        const Json &customer = body.at("customer");
        for (const char *key : {"id", "identifiers", "attributes", "timestamps", "unsubscribed", "devices"})
            QVERIFY2(customer.contains(key), key);
        QCOMPARE_JSON(customer.at("id"), Json("42"));
        QCOMPARE_JSON(customer.at("identifiers"),
                      (Json{{"id", "42"}, {"email", "ada@example.com"}, {"cio_id", "03000001"}}));
        QCOMPARE_JSON(customer.at("attributes"), (Json{{"id", "42"},
                                                       {"email", "ada@example.com"},
                                                       {"cio_id", "03000001"},
                                                       {"created_at", "1700000000"},
                                                       {"plan", "pro"}}));
        QCOMPARE_JSON(customer.at("unsubscribed"), Json(false));
        QVERIFY(customer.at("devices").is_array());
        QCOMPARE_JSON(
            workspace.customersByEmail("Ada@Example.com"),
            (Json{{"results", Json::array({Json{
                                  {"email", "ada@example.com"}, {"id", "42"}, {"cio_id", "03000001"}}})}}));
        QCOMPARE_JSON(workspace.customersByEmail("nobody@example.com"), (Json{{"results", Json::array()}}));
    }

    void pagesActivitiesNewestFirst_data()
    {
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<int>>("pages");
        QTest::newRow("25 by 10") << 25 << 10 << QList<int>{10, 10, 5};
        QTest::newRow("20 by 10: no empty last page") << 20 << 10 << QList<int>{10, 10};
        QTest::newRow("default limit") << 12 << 0 << QList<int>{10, 2};
        QTest::newRow("limit above 100 is 100") << 150 << 500 << QList<int>{100, 50};
        QTest::newRow("none") << 0 << 10 << QList<int>{0};
    }
    void pagesActivitiesNewestFirst()
    {
        QFETCH(int, events);
        QFETCH(int, limit);
        QFETCH(QList<int>, pages);
        Workspace workspace;
        QVERIFY(workspace.apply(identifyCall("42"), kT0).accepted);
        for (int i = 0; i < events; ++i) {
            Call event = trackCall("42", "e" + std::to_string(i), kT0 + i * 1000);
            event.properties = Json{{"index", i}};
            QVERIFY(workspace.apply(event, kT0 + i * 1000).accepted);
        }
        std::string start;
        int expectedIndex = events - 1;
        for (qsizetype page = 0; page < pages.size(); ++page) {
            const auto response = workspace.activitiesResponse("42", "id", {}, {}, limit, start);
            QVERIFY(response.ok());
            const Json &activities = response->at("activities");
            QCOMPARE(int(activities.size()), pages[page]);
            for (const Json &activity : activities) {
                QCOMPARE_JSON(activity.at("data").at("index"), Json(expectedIndex));
                QCOMPARE_JSON(activity.at("type"), Json("event"));
                QCOMPARE_JSON(activity.at("customer_id"), Json("42"));
                QCOMPARE_JSON(activity.at("timestamp"), Json((kT0 + expectedIndex * 1000) / 1000));
                for (const char *key : {"id", "customer_identifiers", "delivery_id", "delivery_type", "name"})
                    QVERIFY2(activity.contains(key), key);
                --expectedIndex;
            }
            start = response->at("next").get<std::string>();
            QCOMPARE(start.empty(), page == pages.size() - 1);
        }
        QCOMPARE(expectedIndex, -1);
    }

    void filtersActivitiesByTypeAndName_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("count");
        QTest::newRow("all") << ""
                             << "" << 4;
        QTest::newRow("events") << "event"
                                << "" << 2;
        QTest::newRow("pages") << "page"
                               << "" << 1;
        QTest::newRow("screens") << "screen"
                                 << "" << 1;
        QTest::newRow("by name") << ""
                                 << "added_to_cart" << 1;
        QTest::newRow("type and name") << "page"
                                       << "https://shop.example/cart" << 1;
        QTest::newRow("type and wrong name") << "event"
                                             << "https://shop.example/cart" << 0;
        QTest::newRow("attribute changes are not kept") << "attribute_change"
                                                        << "" << 0;
    }
    void filtersActivitiesByTypeAndName()
    {
        QFETCH(QString, type);
        QFETCH(QString, name);
        QFETCH(int, count);
        Workspace workspace;
        QVERIFY(workspace.apply(trackCall("42", "added_to_cart", kT0), kT0).accepted);
        QVERIFY(workspace.apply(trackCall("42", "checkout", kT0), kT0).accepted);
        Call page = trackCall("42", "https://shop.example/cart", kT0);
        page.kind = CallKind::Page;
        QVERIFY(workspace.apply(page, kT0).accepted);
        Call screen = trackCall("42", "Cart", kT0);
        screen.kind = CallKind::Screen;
        QVERIFY(workspace.apply(screen, kT0).accepted);
        const auto response =
            workspace.activitiesResponse("42", "id", type.toStdString(), name.toStdString(), 100);
        QCOMPARE(int(response->at("activities").size()), count);
    }

    void rejectsForeignActivityCursor()
    {
        Workspace workspace;
        QVERIFY(workspace.apply(trackCall("42", "a", kT0), kT0).accepted);
        QCOMPARE(workspace.activitiesResponse("42", "id", {}, {}, 10, "not-a-cursor").error().code,
                 std::string("bad_request"));
    }

    void isDeterministicAcrossReplays()
    {
        const auto run = [](std::uint64_t seed) {
            Workspace workspace(WorkspaceOptions{seed, 0});
            std::vector<Json> changes;
            std::vector<Call> calls{identifyCall("a"), anonymousTrack("v", "x", kT0), identifyCall("b"),
                                    identifyCall("c", Json{{"anonymous_id", "v"}}), mergeCall("a", "c")};
            for (const Call &call : calls) {
                for (const WorkspaceChange &change : workspace.apply(call, kT0).changes) {
                    changes.push_back(Json{{"kind", int(change.kind)},
                                           {"person", change.personKey},
                                           {"other", change.otherPersonKey},
                                           {"attributes", change.attributes},
                                           {"block", int(change.triggerBlock)},
                                           {"call", toJson(change.call)}});
                }
            }
            return changes;
        };
        QCOMPARE_JSON(run(3), run(3));
        QCOMPARE_JSON(run(3).front().at("person"), Json("03000001"));
        QCOMPARE_JSON(run(0xab).front().at("person"), Json("ab000001"));
    }

    // The sandbox's workspace leaves calls out of its changes; everything else about them is the same.
    void changesWithoutCallsSayTheSameOtherwise()
    {
        const auto run = [](bool carryCalls) {
            Workspace workspace(WorkspaceOptions{3, 0, carryCalls});
            std::vector<Json> changes;
            std::vector<Call> calls{identifyCall("a"),   anonymousTrack("v", "x", kT0),
                                    identifyCall("b"),   identifyCall("c", Json{{"anonymous_id", "v"}}),
                                    mergeCall("a", "c"), trackCall("a", "late", kT0 - 100LL * 3600 * 1000)};
            for (const Call &call : calls) {
                for (const WorkspaceChange &change : workspace.apply(call, kT0).changes) {
                    if (!carryCalls && !(change.call == Call{}))
                        return std::vector<Json>{};
                    changes.push_back(Json{{"kind", int(change.kind)},
                                           {"person", change.personKey},
                                           {"block", int(change.triggerBlock)},
                                           {"reason", change.reason}});
                }
            }
            return changes;
        };
        const std::vector<Json> without = run(false);
        QVERIFY(!without.empty());
        QCOMPARE_JSON(without, run(true));
    }

    void appliesBatchItemsInOrder()
    {
        Workspace workspace;
        Call batch;
        batch.kind = CallKind::Batch;
        batch.batch = {identifyCall("42"), trackCall("42", "a", kT0, "id-1"),
                       trackCall("42", "a", kT0, "id-1")};
        const ApplyResult result = workspace.apply(batch, kT0);
        QVERIFY(result.accepted);
        QCOMPARE(result.items.size(), std::size_t(3));
        QVERIFY(result.items[1].accepted);
        QCOMPARE(int(result.items[2].reason), int(IgnoreReason::DuplicateEventId));
        QCOMPARE(result.changes.size(), std::size_t(3)); // created, attributes, event
    }

    void capsStoredEventsOldestFirst()
    {
        Workspace workspace(WorkspaceOptions{3, 100});
        for (int i = 0; i < 250; ++i) {
            Call event = trackCall("42", "e", kT0 + i);
            event.properties = Json{{"index", i}, {"padding", std::string(200, 'x')}};
            QVERIFY(workspace.apply(event, kT0 + i).accepted);
        }
        QCOMPARE(workspace.eventCount(), std::size_t(100));
        const Json activities = workspace.activitiesResponse("42", "id", {}, {}, 100)->at("activities");
        QCOMPARE(activities.size(), std::size_t(100));
        QCOMPARE_JSON(activities.front().at("data").at("index"), Json(249));
        QCOMPARE_JSON(activities.back().at("data").at("index"), Json(150));
        QCOMPARE_JSON(workspace.activitiesResponse("42", "id", {}, {}, 100)->at("next"), Json(""));
    }

    void eventIdSetRemembersAndForgets()
    {
        EventIdSet ids;
        for (std::uint64_t hash = 2; hash < 20'002; ++hash)
            ids.insert(hash * 7919);
        for (std::uint64_t hash = 2; hash < 20'002; hash += 2)
            ids.erase(hash * 7919);
        QCOMPARE(ids.size(), std::size_t(10'000));
        for (std::uint64_t hash = 2; hash < 20'002; ++hash)
            QCOMPARE(ids.contains(hash * 7919), hash % 2 == 1);
        ids.insert(4 * 7919);
        QVERIFY(ids.contains(4 * 7919));
        QVERIFY(!ids.contains(123456789));
    }

    void cappedWorkspaceForgetsIdsOfEvictedEvents()
    {
        Workspace workspace(WorkspaceOptions{3, 10});
        for (int i = 0; i < 20; ++i)
            QVERIFY(workspace.apply(trackCall("42", "e", kT0, "id-" + std::to_string(i)), kT0).accepted);
        QVERIFY(!workspace.apply(trackCall("42", "e", kT0, "id-15"), kT0).accepted);
        QVERIFY(workspace.apply(trackCall("42", "e", kT0, "id-5"), kT0).accepted);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "TestWorkspace.moc"
