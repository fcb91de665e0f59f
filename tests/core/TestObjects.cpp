#include "api/Dialect.h"
#include "plan/PlanFile.h"
#include "validate/Validator.h"
#include "workspace/Workspace.h"

#include <QTest>

using namespace preflight;

// Customer.io objects and relationships: read from Track v2 (both sides), Track v1 identify and
// Pipelines group, kept by the workspace through merges and deletes, and read back as the App API does.
class TestObjects : public QObject
{
    Q_OBJECT

private:
    static constexpr UnixMillis kT0 = 1'800'000'000'000LL;

    static HttpRequest request(const char *method, const std::string &url, const std::string &body)
    {
        HttpRequest r;
        r.method = method;
        r.url = url;
        r.body = body;
        r.setHeader("Content-Type", "application/json");
        return r;
    }

    static Result<Call> entity(const std::string &body)
    {
        return dialectFor(Api::TrackV2)
            .parse(request("POST", "https://track.customer.io/api/v2/entity", body));
    }

    static Call parsed(const std::string &body)
    {
        auto call = entity(body);
        if (!call)
            qFatal("%s", (body + " -> " + call.error().toString()).c_str());
        return *call;
    }

    static void apply(Workspace &workspace, const std::string &body, UnixMillis at = kT0)
    {
        const ApplyResult result = workspace.apply(parsed(body), at);
        if (!result.accepted)
            qFatal("%s ignored: %s", body.c_str(), result.message.c_str());
    }

    static QString dump(const Result<Json> &result)
    {
        return QString::fromStdString(result ? result->dump() : "error " + result.error().toString());
    }

    // An object's related people as [{"id", "relationship_attributes"}] (the identifiers are the App API's).
    static QString relatedPeople(const Workspace &workspace, const ObjectRef &object)
    {
        const auto response = workspace.objectRelationshipsResponse(object);
        if (!response)
            return QString::fromStdString("error " + response.error().toString());
        Json people = Json::array();
        for (const Json &related : (*response)["cio_relationships"])
            people.push_back({{"id", related["identifiers"]["id"]},
                              {"relationship_attributes", related["relationship_attributes"]}});
        return QString::fromStdString(people.dump());
    }

    // The OpenAPI's samples, with the person 42 known.
    static const char *kIdentifyAcme;
    static const char *kPlanWithAccounts;
    static const char *kRelateFromObject;
    static const char *kRelateFromPerson;

private slots:
    void trackV2ReadsTheOpenApiObjectSamples_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("relationships");
        QTest::newRow("object identify") << kIdentifyAcme << "object_identify" << 0;
        QTest::newRow("object identify_anonymous")
            << R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify_anonymous","anonymous_id":"anon-abc-123"})"
            << "object_identify" << 1;
        QTest::newRow("object delete")
            << R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"delete"})"
            << "object_delete" << 0;
        QTest::newRow("object add_relationships") << kRelateFromObject << "add_relationships" << 1;
        QTest::newRow("object delete_relationships")
            << R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"delete_relationships","cio_relationships":[{"identifiers":{"id":"42"}}]})"
            << "delete_relationships" << 1;
        QTest::newRow("person add_relationships") << kRelateFromPerson << "add_relationships" << 1;
        QTest::newRow("person delete_relationships")
            << R"({"type":"person","identifiers":{"id":"42"},"action":"delete_relationships","cio_relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"}}]})"
            << "delete_relationships" << 1;
        QTest::newRow("person identify with relationships")
            << R"({"type":"person","identifiers":{"id":"42"},"action":"identify","attributes":{"plan":"pro"},"cio_relationships":[{"identifiers":{"object_type_id":"2","object_id":"o-1"}}]})"
            << "identify" << 1;
    }

    void trackV2ReadsTheOpenApiObjectSamples()
    {
        QFETCH(QString, body);
        QFETCH(QString, kind);
        QFETCH(int, relationships);
        const Call call = parsed(body.toStdString());
        QCOMPARE(QString::fromUtf8(toString(call.kind)), kind);
        QCOMPARE(static_cast<int>(call.relationships.size()), relationships);
        // What Preflight sends is what it reads, and the canonical JSON keeps all of it.
        const Dialect &v2 = dialectFor(Api::TrackV2);
        const auto rendered = v2.render(call, ApiTarget{});
        QVERIFY2(rendered.ok(), rendered ? "" : rendered.error().toString().c_str());
        const auto again = v2.parse(*rendered);
        QVERIFY2(again.ok(), again ? "" : again.error().toString().c_str());
        QVERIFY2(*again == call, rendered->body.c_str());
        const auto fromJson = callFromJson(toJson(call));
        QVERIFY2(fromJson.ok(), fromJson ? "" : fromJson.error().toString().c_str());
        QVERIFY2(*fromJson == call, toJson(call).dump().c_str());
    }

    void trackV2RefusesObjectsItCannotName_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("where");
        QTest::newRow("type id not a number")
            << R"({"type":"object","identifiers":{"object_type_id":"company","object_id":"acme"},"action":"identify"})"
            << "/identifiers/object_type_id";
        QTest::newRow("type id zero")
            << R"({"type":"object","identifiers":{"object_type_id":"0","object_id":"acme"},"action":"identify"})"
            << "/identifiers/object_type_id";
        QTest::newRow("blank object id")
            << R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"  "},"action":"identify"})"
            << "/identifiers/object_id";
        QTest::newRow("cio_object_id")
            << R"({"type":"object","identifiers":{"object_type_id":"1","cio_object_id":"c1"},"action":"delete"})"
            << "/identifiers/cio_object_id";
        QTest::newRow("unknown action")
            << R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"a"},"action":"merge"})"
            << "/action";
        QTest::newRow("add without relationships")
            << R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"a"},"action":"add_relationships"})"
            << "/cio_relationships";
        QTest::newRow("delivery type") << R"({"type":"delivery","identifiers":{"id":"d"},"action":"event"})"
                                       << "/type";
    }

    void trackV2RefusesObjectsItCannotName()
    {
        QFETCH(QString, body);
        QFETCH(QString, where);
        const auto call = entity(body.toStdString());
        QVERIFY(!call.ok());
        QCOMPARE(QString::fromStdString(call.error().where), where);
    }

    void trackV1IdentifyAddsAndRemovesRelationships()
    {
        const Dialect &v1 = dialectFor(Api::TrackV1);
        const std::string url = "https://track.customer.io/api/v1/customers/42";
        const auto added = v1.parse(request(
            "PUT", url,
            R"({"plan":"pro","cio_relationships":{"action":"add_relationships","relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"},"relationship_attributes":{"role":"admin"}}]}})"));
        QVERIFY2(added.ok(), added ? "" : added.error().toString().c_str());
        QVERIFY(added->kind == CallKind::Identify);
        QCOMPARE(added->properties.dump(), std::string(R"({"plan":"pro"})"));
        QCOMPARE(added->relationships.size(), std::size_t(1));
        QVERIFY(added->relationships[0].object == (ObjectRef{"1", "acme"}));
        QCOMPARE(added->relationships[0].attributes.dump(), std::string(R"({"role":"admin"})"));

        const auto removed = v1.parse(request(
            "PUT", url,
            R"({"cio_relationships":{"action":"delete_relationships","relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"}}]}})"));
        QVERIFY(removed.ok());
        QVERIFY(removed->kind == CallKind::DeleteRelationships);
        for (const Call &call : {*added, *removed}) {
            const auto rendered = v1.render(call, ApiTarget{});
            QVERIFY(rendered.ok());
            QCOMPARE(rendered->method, std::string("PUT"));
            const auto again = v1.parse(*rendered);
            QVERIFY(again.ok());
            QVERIFY2(*again == call, rendered->body.c_str());
        }

        const auto badAction =
            v1.parse(request("PUT", url, R"({"cio_relationships":{"action":"relate","relationships":[]}})"));
        QVERIFY(!badAction.ok());
        QCOMPARE(badAction.error().where, std::string("/cio_relationships/action"));
        // An object's own calls are Track v2's.
        QVERIFY(!v1.render(parsed(kIdentifyAcme), ApiTarget{}).ok());
    }

    void relationshipsAreReadBackFromBothSides()
    {
        Workspace workspace;
        apply(workspace,
              R"({"type":"person","identifiers":{"id":"42"},"action":"identify","attributes":{}})");
        apply(workspace, kIdentifyAcme);
        apply(workspace, kRelateFromObject);
        QCOMPARE(
            dump(workspace.relationshipsResponse("42")),
            QString(
                R"({"cio_relationships":[{"identifiers":{"object_id":"acme","object_type_id":"1"},"relationship_attributes":{"role":"admin"}}],"next":""})"));
        QCOMPARE(relatedPeople(workspace, {"1", "acme"}),
                 QString(R"([{"id":"42","relationship_attributes":{"role":"admin"}}])"));
        QCOMPARE(
            dump(workspace.objectAttributesResponse({"1", "acme"})),
            QString(
                R"({"object":{"attributes":{"name":"Acme Corp","plan":"enterprise","seats":50},"created_at":1800000000,"identifiers":{"object_id":"acme"},"object_type_id":"1"}})"));

        // From the person's side, a second object is created by the relationship.
        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"42"},"action":"add_relationships","cio_relationships":[{"identifiers":{"object_type_id":"2","object_id":"o-9"}}]})");
        QVERIFY(workspace.objectAttributesResponse({"2", "o-9"}).ok());
        QVERIFY(dump(workspace.relationshipsResponse("42")).contains("o-9"));

        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"42"},"action":"delete_relationships","cio_relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"}}]})");
        QVERIFY(!dump(workspace.relationshipsResponse("42")).contains("acme"));
        QCOMPARE(dump(workspace.objectRelationshipsResponse({"1", "acme"})),
                 QString(R"({"cio_relationships":[],"next":""})"));

        QCOMPARE(workspace.objectAttributesResponse({"1", "nobody"}).error().code, std::string("not_found"));
    }

    void relationshipsFollowMergesAndDeletes()
    {
        Workspace workspace;
        apply(workspace,
              R"({"type":"person","identifiers":{"id":"42"},"action":"identify","attributes":{}})");
        apply(workspace,
              R"({"type":"person","identifiers":{"id":"old"},"action":"identify","attributes":{}})");
        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"old"},"action":"add_relationships","cio_relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"},"relationship_attributes":{"role":"viewer"}}]})");
        apply(workspace, kRelateFromPerson);
        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"old"},"action":"add_relationships","cio_relationships":[{"identifiers":{"object_type_id":"1","object_id":"beta"}}]})");
        apply(workspace,
              R"({"type":"person","primary":{"id":"42"},"secondary":{"id":"old"},"action":"merge"})");
        // The secondary's relationships become the primary's; where both had one, the primary's wins.
        QCOMPARE(
            dump(workspace.relationshipsResponse("42")),
            QString(
                R"({"cio_relationships":[{"identifiers":{"object_id":"acme","object_type_id":"1"},"relationship_attributes":{"role":"admin"}},{"identifiers":{"object_id":"beta","object_type_id":"1"},"relationship_attributes":{}}],"next":""})"));
        QCOMPARE(relatedPeople(workspace, {"1", "beta"}),
                 QString(R"([{"id":"42","relationship_attributes":{}}])"));

        apply(workspace, R"({"type":"person","identifiers":{"id":"42"},"action":"delete"})");
        QCOMPARE(dump(workspace.objectRelationshipsResponse({"1", "acme"})),
                 QString(R"({"cio_relationships":[],"next":""})"));

        // Deleting the object deletes its relationships.
        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"7"},"action":"add_relationships","cio_relationships":[{"identifiers":{"object_type_id":"1","object_id":"beta"}}]})");
        apply(
            workspace,
            R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"beta"},"action":"delete"})");
        QCOMPARE(dump(workspace.relationshipsResponse("7")),
                 QString(R"({"cio_relationships":[],"next":""})"));
        const ApplyResult again = workspace.apply(
            parsed(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"beta"},"action":"delete"})"),
            kT0);
        QVERIFY(!again.accepted);
        QVERIFY(again.reason == IgnoreReason::ObjectNotFound);
    }

    void anAnonymousRelationshipIsMadeAtIdentify()
    {
        Workspace workspace;
        const ApplyResult held = workspace.apply(
            parsed(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify_anonymous","attributes":{"name":"Acme"},"cio_relationships":[{"identifiers":{"anonymous_id":"anon-1"},"relationship_attributes":{"role":"trial"}}]})"),
            kT0);
        QVERIFY(held.accepted);
        QVERIFY2(QString::fromStdString(held.message).contains("anon-1 is not identified yet"),
                 held.message.c_str());
        QCOMPARE(dump(workspace.objectRelationshipsResponse({"1", "acme"})),
                 QString(R"({"cio_relationships":[],"next":""})"));
        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"42"},"action":"identify","attributes":{"anonymous_id":"anon-1"}})",
            kT0 + 60'000);
        QCOMPARE(
            dump(workspace.relationshipsResponse("42")),
            QString(
                R"({"cio_relationships":[{"identifiers":{"object_id":"acme","object_type_id":"1"},"relationship_attributes":{"role":"trial"}}],"next":""})"));
    }

    void aRelationshipToNobodyIsNotMadeAndSaysSo()
    {
        Workspace workspace;
        const ApplyResult result = workspace.apply(parsed(kRelateFromObject), kT0);
        QVERIFY(result.accepted);
        QVERIFY2(QString::fromStdString(result.message).contains("nobody has 42"), result.message.c_str());
        QCOMPARE(workspace.personCount(), std::size_t(0));
        const ApplyResult unknownObject = workspace.apply(
            parsed(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"zeta"},"action":"delete_relationships","cio_relationships":[{"identifiers":{"id":"42"}}]})"),
            kT0);
        QVERIFY(!unknownObject.accepted);
        QVERIFY(unknownObject.reason == IgnoreReason::ObjectNotFound);
    }

    void aPipelinesGroupIsAnObject()
    {
        const Dialect &pipelines = dialectFor(Api::Pipelines);
        Workspace workspace;
        const auto identify = pipelines.parse(request("POST", "https://cdp.customer.io/v1/identify",
                                                      R"({"userId":"42","traits":{"email":"a@x.co"}})"));
        QVERIFY(identify.ok());
        QVERIFY(workspace.apply(*identify, kT0).accepted);
        const auto group = pipelines.parse(request(
            "POST", "https://cdp.customer.io/v1/group",
            R"({"userId":"42","groupId":"acme","traits":{"name":"Acme","objectTypeId":"2","relationshipAttributes":{"role":"owner"}}})"));
        QVERIFY2(group.ok(), group ? "" : group.error().toString().c_str());
        QVERIFY(workspace.apply(*group, kT0).accepted);
        QCOMPARE(
            dump(workspace.objectAttributesResponse({"2", "acme"})),
            QString(
                R"({"object":{"attributes":{"name":"Acme"},"created_at":1800000000,"identifiers":{"object_id":"acme"},"object_type_id":"2"}})"));
        QCOMPARE(
            dump(workspace.relationshipsResponse("42")),
            QString(
                R"({"cio_relationships":[{"identifiers":{"object_id":"acme","object_type_id":"2"},"relationship_attributes":{"role":"owner"}}],"next":""})"));
        // Without a type, a group is an object of type 1.
        const auto untyped = pipelines.parse(request("POST", "https://cdp.customer.io/v1/group",
                                                     R"({"userId":"42","groupId":"g-7","traits":{}})"));
        QVERIFY(untyped.ok());
        QVERIFY(workspace.apply(*untyped, kT0).accepted);
        QVERIFY(workspace.objectAttributesResponse({"1", "g-7"}).ok());
    }

    // The plan declares object types with typed attributes; the reader refuses ids Customer.io could not
    // have, and a save reads back the same plan.
    // add_customers / remove_customers are calls: rendered as the Track API takes them, read back to the
    // same call (a batch for several ids), and applied by the workspace with a change for the simulator.
    void manualSegmentChangesAreCalls()
    {
        Call add;
        add.kind = CallKind::ManualSegmentAdd;
        add.name = "7";
        add.identity.email = "ada@example.com";
        const Dialect &v1 = dialectFor(Api::TrackV1);
        auto rendered = v1.render(add, ApiTarget{});
        QVERIFY2(rendered, rendered ? "" : rendered.error().toString().c_str());
        QCOMPARE(rendered->method, std::string("POST"));
        QCOMPARE(rendered->url,
                 std::string("https://track.customer.io/api/v1/segments/7/add_customers?id_type=email"));
        QCOMPARE(rendered->body, std::string(R"({"ids":["ada@example.com"]})"));
        auto back = v1.parse(*rendered);
        QVERIFY2(back, back ? "" : back.error().toString().c_str());
        QVERIFY(*back == add);

        auto several =
            v1.parse(request("POST", "https://track.customer.io/api/v1/segments/7/remove_customers",
                             R"({"ids":["42","43"]})"));
        QVERIFY(several && several->kind == CallKind::Batch && several->batch.size() == 2);
        QVERIFY(several->batch[1].kind == CallKind::ManualSegmentRemove &&
                several->batch[1].identity.id == "43");

        Call phoneOnly = add;
        phoneOnly.identity = Identity{{}, {}, "+15550100", {}, {}};
        QCOMPARE(v1.render(phoneOnly, ApiTarget{}).error().where, std::string("/identity"));
        QCOMPARE(callFromJson(Json::parse(R"({"kind": "manual_segment_add", "name": "vip"})")).error().where,
                 std::string("/name"));

        Workspace workspace;
        apply(
            workspace,
            R"({"type":"person","identifiers":{"id":"42"},"action":"identify","attributes":{"email":"ada@example.com"}})");
        ApplyResult added = workspace.apply(add, kT0 + 1000);
        QVERIFY(added.accepted);
        QCOMPARE(added.changes.size(), std::size_t(1));
        QVERIFY(added.changes[0].kind == WorkspaceChange::Kind::ManualSegmentsUpdated);
        QVERIFY(added.changes[0].attributes == Json::parse("[7]"));
        QVERIFY(dump(workspace.segmentsResponse("42")).contains("7"));
        // Adding again changes nothing, and says so; nobody by that identifier is ignored as Customer.io
        // does.
        const ApplyResult again = workspace.apply(add, kT0 + 2000);
        QVERIFY(again.accepted && again.changes.empty() && again.message == "already in manual segment 7");
        Call stranger = add;
        stranger.identity.email = "nobody@example.com";
        QVERIFY(!workspace.apply(stranger, kT0 + 3000).accepted);
        ApplyResult removed = workspace.apply(several->batch[0], kT0 + 4000);
        QVERIFY(removed.changes.at(0).attributes == Json::array());
    }

    // Every person whose related objects look different gets a change with all of them: the objects the
    // simulator's related-object conditions read.
    void relatedObjectChangesReachEveryRelatedPerson()
    {
        Workspace workspace;
        apply(workspace,
              R"({"type":"person","identifiers":{"id":"42"},"action":"identify","attributes":{}})");
        apply(workspace,
              R"({"type":"person","identifiers":{"id":"43"},"action":"identify","attributes":{}})");
        apply(workspace, kIdentifyAcme);
        const ApplyResult related = workspace.apply(
            parsed(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"add_relationships","cio_relationships":[{"identifiers":{"id":"42"}},{"identifiers":{"id":"43"}}]})"),
            kT0 + 1000);
        QCOMPARE(related.changes.size(), std::size_t(2));
        QVERIFY(related.changes[0].kind == WorkspaceChange::Kind::RelatedObjectsUpdated);
        QVERIFY(related.changes[0].attributes[0]["attributes"]["plan"] == Json("enterprise"));

        const ApplyResult updated = workspace.apply(
            parsed(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify","attributes":{"plan":"pro"}})"),
            kT0 + 2000);
        QCOMPARE(updated.changes.size(), std::size_t(2));
        QVERIFY(updated.changes[1].attributes[0]["attributes"]["plan"] == Json("pro"));

        const ApplyResult deleted = workspace.apply(
            parsed(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"delete"})"),
            kT0 + 3000);
        QCOMPARE(deleted.changes.size(), std::size_t(2));
        QVERIFY(deleted.changes[0].attributes == Json::array());
    }

    void planDeclaresObjectTypes()
    {
        const Result<Plan> plan = planFromText(kPlanWithAccounts, "p.plan.json");
        QVERIFY2(plan.ok(), plan ? "" : plan.error().toString().c_str());
        QCOMPARE(plan->objectTypes.size(), std::size_t(1));
        const ObjectTypeSpec *accounts = plan->findObjectType("1");
        QVERIFY(accounts);
        QCOMPARE(accounts->name, std::string("account"));
        QCOMPARE(accounts->attributes.size(), std::size_t(2));
        QVERIFY(!accounts->allowOtherAttributes);
        const Result<Plan> again = planFromText(toFileText(*plan), "saved.plan.json");
        QVERIFY(again.ok());
        QVERIFY(*again == *plan);

        for (const char *typeId : {"0", "account", "01", ""}) {
            std::string text = kPlanWithAccounts;
            const std::string original = "\"type_id\": \"1\"";
            text.replace(text.find(original), original.size(),
                         "\"type_id\": \"" + std::string(typeId) + "\"");
            const Result<Plan> refused = planFromText(text, "p.plan.json");
            QVERIFY2(!refused.ok(), typeId);
            QVERIFY2(refused.error().toString().find("/objects/0/type_id") != std::string::npos,
                     refused.error().toString().c_str());
        }
    }

    // An object identify is checked against its type's attributes; a type the plan does not declare is an
    // error; a plan without object types says nothing about objects.
    void validatorChecksObjectAttributes()
    {
        const Validator validator(*planFromText(kPlanWithAccounts, "p.plan.json"));
        auto codes = [&](const std::string &body) {
            std::string out;
            for (const Violation &violation : validator.validate(parsed(body)))
                out += (out.empty() ? "" : " ") + violation.code + "@" + violation.pointer + ":" +
                       std::string(toString(violation.severity));
            return QString::fromStdString(out);
        };
        QCOMPARE(
            codes(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify","attributes":{"plan":"pro","seats":50}})"),
            QString());
        QCOMPARE(
            codes(
                R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify","attributes":{"plan":"platinum","seats":"50","region":"eu"}})"),
            QString("enum_mismatch@/properties/plan:error unknown_attribute@/properties/region:error "
                    "wrong_type@/properties/seats:error"));
        QCOMPARE(
            codes(
                R"({"type":"object","identifiers":{"object_type_id":"7","object_id":"x"},"action":"identify","attributes":{}})"),
            QString("unknown_object_type@/object/type_id:error"));
        // A Pipelines group is checked as the object it becomes, at its traits.
        const auto group =
            dialectFor(Api::Pipelines)
                .parse(request(
                    "POST", "https://cdp.customer.io/v1/group",
                    R"({"userId":"42","groupId":"acme","traits":{"seats":0,"relationshipAttributes":{"role":"owner"}}})"));
        QVERIFY(group.ok());
        QStringList found;
        for (const Violation &violation : validator.validate(*group))
            found << QString::fromStdString(violation.code + "@" + violation.pointer);
        QCOMPARE(found, QStringList{QStringLiteral("out_of_range@/traits/seats")});
        const Validator silent(*planFromText(R"({"format":"preflight.plan/1","name":"p"})", "p.plan.json"));
        QVERIFY(silent.validate(parsed(kIdentifyAcme)).empty());
    }
};

const char *TestObjects::kPlanWithAccounts = R"({
  "format": "preflight.plan/1", "name": "p",
  "objects": [{"type_id": "1", "name": "account", "allow_other_attributes": false, "attributes": [
    {"name": "plan", "type": "enum", "enum": ["free", "pro", "enterprise"]},
    {"name": "seats", "type": "integer", "minimum": 1}]}]
})";
const char *TestObjects::kIdentifyAcme =
    R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify","attributes":{"name":"Acme Corp","plan":"enterprise","seats":50}})";
const char *TestObjects::kRelateFromObject =
    R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"add_relationships","cio_relationships":[{"identifiers":{"id":"42"},"relationship_attributes":{"role":"admin"}}]})";
const char *TestObjects::kRelateFromPerson =
    R"({"type":"person","identifiers":{"id":"42"},"action":"add_relationships","cio_relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"},"relationship_attributes":{"role":"admin"}}]})";

QTEST_GUILESS_MAIN(TestObjects)

#include "TestObjects.moc"
