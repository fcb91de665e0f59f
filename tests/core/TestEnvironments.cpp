#include "api/Dialect.h"
#include "env/Environment.h"
#include "env/EnvironmentStore.h"
#include "env/SecretStore.h"
#include "env/TestCustomers.h"
#include "support/EnvironmentOverride.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace preflight;

class TestEnvironments : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("environments.ini")); }

private slots:
    void cleanup() { m_env.restore(); }
    void init()
    {
        QFile::remove(settingsPath());
        m_env.set("PREFLIGHT_KEYCHAIN", "off");
    }

    void listsTheBuiltInSandboxFirstWithoutSetUp()
    {
        EnvironmentStore store(settingsPath());
        const auto all = store.list();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].name, std::string("sandbox"));
        QVERIFY(all[0].kind == EnvironmentKind::Sandbox);
        QVERIFY(!all[0].production);
        // No origin configured ("in-process" counts as none): commands use a running sandbox or start
        // one in their own process, with its test credentials.
        for (const char *unconfigured : {"", "in-process"}) {
            m_env.set("PREFLIGHT_SANDBOX_ORIGIN", unconfigured);
            QVERIFY(Environment::builtInSandbox().origin.empty());
            QVERIFY(Environment::builtInSandbox().needsInProcessSandbox());
        }
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", "http://127.0.0.1:9999");
        QCOMPARE(Environment::builtInSandbox().origin, std::string("http://127.0.0.1:9999"));
        QVERIFY(!Environment::builtInSandbox().needsInProcessSandbox());
        m_env.set("PREFLIGHT_SANDBOX_ORIGIN", "in-process");
        const auto credentials = SecretStore().load(all[0]);
        QVERIFY(credentials);
        QCOMPARE(credentials->siteId, std::string("preflight-site"));
        QCOMPARE(credentials->appApiKey, std::string("preflight-app-key"));
    }

    void savesFindsAndRemovesWorkspaces()
    {
        EnvironmentStore store(settingsPath());
        Environment staging;
        staging.name = "staging-eu";
        staging.region = Region::EU;
        staging.apis = {Api::TrackV2, Api::App};
        staging.production = true;
        QVERIFY(store.save(staging));
        const auto found = EnvironmentStore(settingsPath()).find("staging-eu");
        QVERIFY(found);
        QVERIFY(*found == staging);
        QCOMPARE(found->target({}).origin(Api::TrackV2), defaultOrigin(Api::TrackV2, Region::EU));
        QVERIFY(store.remove("staging-eu"));
        QVERIFY(!store.find("staging-eu"));
        QVERIFY(!store.remove("staging-eu"));
    }

    void overridesTheSandboxOriginButNeverMakesItProduction()
    {
        EnvironmentStore store(settingsPath());
        Environment sandbox = Environment::builtInSandbox();
        sandbox.origin = "http://127.0.0.1:9999";
        QVERIFY(store.save(sandbox));
        QCOMPARE(store.find("sandbox")->origin, std::string("http://127.0.0.1:9999"));
        QCOMPARE(store.list().size(), std::size_t(1));
        sandbox.production = true;
        QVERIFY(!store.save(sandbox));
    }

    void validatesNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "staging" << true;
        QTest::newRow("dash and underscore") << "prod-eu_2" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "my env" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("too long") << QString(41, QLatin1Char('a')) << false;
    }
    void validatesNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(bool(Environment::validateName(name.toStdString())), valid);
    }

    void parsesApiLists_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised"); // empty: refused
        QTest::newRow("one") << "track-v1"
                             << "track-v1";
        QTest::newRow("several, repeated") << "pipelines,app,pipelines"
                                           << "pipelines,app";
        QTest::newRow("unknown") << "track-v3"
                                 << "";
        QTest::newRow("nothing") << ""
                                 << "";
    }
    void parsesApiLists()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        const auto apis = apisFromString(text.toStdString());
        QCOMPARE(apis ? QString::fromStdString(apisToString(*apis)) : QString(), normalised);
    }

    void namesTheSecretVariables_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("variable");
        QTest::newRow("site id") << "staging" << int(SecretStore::Field::SiteId)
                                 << "PREFLIGHT_STAGING_SITE_ID";
        QTest::newRow("track key, dashed name")
            << "prod-eu" << int(SecretStore::Field::TrackApiKey) << "PREFLIGHT_PROD_EU_TRACK_API_KEY";
        QTest::newRow("write key") << "ci" << int(SecretStore::Field::PipelinesWriteKey)
                                   << "PREFLIGHT_CI_PIPELINES_WRITE_KEY";
        QTest::newRow("app key") << "ci" << int(SecretStore::Field::AppApiKey) << "PREFLIGHT_CI_APP_API_KEY";
    }
    void namesTheSecretVariables()
    {
        QFETCH(QString, environment);
        QFETCH(int, field);
        QFETCH(QString, variable);
        QCOMPARE(QString::fromStdString(
                     SecretStore::variableName(environment.toStdString(), SecretStore::Field(field))),
                 variable);
    }

    void readsCredentialsFromVariables()
    {
        Environment ci;
        ci.name = "ci";
        m_env.set("PREFLIGHT_CI_SITE_ID", "site-9");
        m_env.set("PREFLIGHT_CI_TRACK_API_KEY", "key-9");
        const auto credentials = SecretStore().load(ci);
        m_env.unset("PREFLIGHT_CI_SITE_ID");
        m_env.unset("PREFLIGHT_CI_TRACK_API_KEY");
        QVERIFY(credentials);
        QCOMPARE(credentials->siteId, std::string("site-9"));
        QCOMPARE(credentials->apiKey, std::string("key-9"));
        QVERIFY(SecretStore::missingFor(ci, *credentials).empty());
        ci.apis.push_back(Api::Pipelines);
        QVERIFY(SecretStore::missingFor(ci, *credentials) ==
                std::vector<std::string>{"PREFLIGHT_CI_PIPELINES_WRITE_KEY"});
    }

    void failsClearlyWithoutAKeychainNamingTheVariables()
    {
        Environment staging;
        staging.name = "staging";
        const auto credentials = SecretStore().load(staging);
        QVERIFY(!credentials);
        QCOMPARE(credentials.error().code, std::string("secrets_missing"));
        QVERIFY(credentials.error().message.find("PREFLIGHT_STAGING_TRACK_API_KEY") != std::string::npos);
        const Status saved = SecretStore().save("staging", {"s", "k", "w", "a"});
        QVERIFY(!saved);
        QVERIFY(saved.error().message.find("PREFLIGHT_STAGING_SITE_ID") != std::string::npos);
        QVERIFY(saved.error().message.find("k") == std::string::npos ||
                saved.error().message.find(" k ") == std::string::npos);
    }

    void neverWritesSecretsIntoTheSettingsFile()
    {
        EnvironmentStore store(settingsPath());
        Environment staging;
        staging.name = "staging";
        QVERIFY(store.save(staging));
        m_env.set("PREFLIGHT_STAGING_TRACK_API_KEY", "very-secret-key-31337");
        QVERIFY(SecretStore().load(staging));
        m_env.unset("PREFLIGHT_STAGING_TRACK_API_KEY");
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("staging"));
        QVERIFY(!text.contains("very-secret-key-31337"));
    }

    void tagsIdentifyCallsAsTestCustomers()
    {
        Call identify;
        identify.kind = CallKind::Identify;
        identify.identity.id = "preflight-test-1";
        Call batch;
        batch.kind = CallKind::Batch;
        batch.batch = {identify};
        Call track;
        track.kind = CallKind::Track;
        track.name = "x";
        TestCustomers::tag(identify);
        TestCustomers::tag(batch);
        TestCustomers::tag(track);
        QVERIFY(identify.properties["preflight_test"] == Json(true));
        QVERIFY(batch.batch[0].properties["preflight_test"] == Json(true));
        QVERIFY(!track.properties.contains("preflight_test"));
    }

    void recognisesTestIdentities_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("test");
        QTest::newRow("prefixed id") << "preflight-test-42"
                                     << "" << true;
        QTest::newRow("real id") << "42"
                                 << "" << false;
        QTest::newRow("tagged email") << ""
                                      << "ann+preflight-test@example.com" << true;
        QTest::newRow("real email") << ""
                                    << "ann@example.com" << false;
        QTest::newRow("anonymous") << ""
                                   << "" << true;
    }
    void recognisesTestIdentities()
    {
        QFETCH(QString, id);
        QFETCH(QString, email);
        QFETCH(bool, test);
        Call call;
        call.identity.id = id.toStdString();
        call.identity.email = email.toStdString();
        if (id.isEmpty() && email.isEmpty())
            call.identity.anonymousId = "anon-1";
        QCOMPARE(TestCustomers::hasTestIdentity(call), test);
    }

    void buildsTheCleanUpRequests()
    {
        ApiTarget target;
        target.originOverride = "http://127.0.0.1:1";
        const HttpRequest search = TestCustomers::searchRequest(target);
        QCOMPARE(search.url, std::string("http://127.0.0.1:1/v1/customers"));
        QVERIFY(search.body.find("preflight_test") != std::string::npos);
        const auto ids = TestCustomers::idsFromSearch(
            "{\"identifiers\":[{\"id\":\"preflight-test-1\"},{\"id\":\"\",\"cio_id\":\"a1\"}]}");
        QVERIFY(ids);
        QVERIFY(*ids == (std::vector<std::string>{"preflight-test-1", "cio_a1"}));
        QCOMPARE(TestCustomers::deleteRequest(target, "a b/c").url,
                 std::string("http://127.0.0.1:1/api/v1/customers/a%20b%2Fc"));
        QVERIFY(!TestCustomers::idsFromSearch("[]"));
    }

    void readsWhoASentRequestWasAbout()
    {
        // What cleanup deletes besides the search's finds: every person a delivered request created or
        // updated, in each API, batches included; deletes and suppressions name nobody.
        ApiTarget target;
        target.originOverride = "http://127.0.0.1:1";
        Call tracked;
        tracked.identity.id = "tracked-only";
        tracked.name = "added_to_cart";
        Call identified;
        identified.kind = CallKind::Identify;
        identified.identity.cioId = "a1";
        Call batch;
        batch.kind = CallKind::Batch;
        batch.batch = {tracked, identified};
        Call deleted;
        deleted.kind = CallKind::Delete;
        deleted.identity.id = "gone";
        const auto idsIn = [&](const Call &call, Api api) {
            const Result<HttpRequest> request = dialectFor(api).render(call, target);
            if (!request)
                qFatal("%s", request.error().toString().c_str());
            return TestCustomers::idsIn(*request, api);
        };
        const std::vector<std::string> both{"tracked-only", "cio_a1"};
        QVERIFY(idsIn(tracked, Api::TrackV1) == std::vector<std::string>{"tracked-only"});
        QVERIFY(idsIn(batch, Api::TrackV2) == both);
        QVERIFY(idsIn(tracked, Api::Pipelines) == std::vector<std::string>{"tracked-only"});
        QVERIFY(idsIn(deleted, Api::TrackV1).empty());
        Call suppressed = deleted;
        suppressed.kind =
            CallKind::Suppress; // someone who may have existed before: not Preflight's to delete
        QVERIFY(idsIn(suppressed, Api::TrackV1).empty());
        QCOMPARE(TestCustomers::deletedId(TestCustomers::deleteDedupeId("a:b", 5)),
                 std::optional<std::string>("a:b"));
        QCOMPARE(TestCustomers::deletedId("01JCLEANUP"), std::optional<std::string>());
    }

private:
    preflight::test::EnvironmentOverride m_env; // one test's, put back in cleanup()
};

QTEST_GUILESS_MAIN(TestEnvironments)
#include "TestEnvironments.moc"
