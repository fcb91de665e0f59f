#include "api/AppApiRequests.h"
#include "api/Dialect.h"

#include <QByteArray>
#include <QTest>

using namespace preflight;

// Renderings of a request (JSON, raw HTTP, curl) and their redaction: no rendering shows a secret,
// in clear or base64, unless the caller asks for Reveal.
class TestHttpRequestRendering : public QObject
{
    Q_OBJECT

private:
    // Deliberately distinctive so a leak cannot hide in other text.
    static ApiTarget secretTarget()
    {
        ApiTarget target;
        target.credentials = {"site-Zq81", "trackkey-S3CR3T-4f9a", "writekey-S3CR3T-77b1",
                              "appkey-S3CR3T-c0de"};
        return target;
    }

    static std::vector<std::string> secretForms(const ApiTarget &target)
    {
        const Credentials &c = target.credentials;
        return {c.apiKey, c.writeKey, c.appApiKey,
                QByteArray::fromStdString(c.siteId + ":" + c.apiKey).toBase64().toStdString(),
                QByteArray::fromStdString(c.writeKey + ":").toBase64().toStdString()};
    }

    static std::vector<HttpRequest> requestsOfEveryKind()
    {
        const ApiTarget target = secretTarget();
        std::vector<HttpRequest> out;
        Call track;
        track.kind = CallKind::Track;
        track.identity.id = "42";
        track.name = "Order Completed";
        for (Api api : {Api::TrackV1, Api::TrackV2, Api::Pipelines})
            out.push_back(dialectFor(api).render(track, target).value());
        Call suppress;
        suppress.kind = CallKind::Delete;
        suppress.identity.email = "a@x.co";
        out.push_back(dialectFor(Api::TrackV1).render(suppress, target).value());
        out.push_back(customerAttributesRequest("a@x.co", IdType::Email, target));
        out.push_back(
            customerActivitiesRequest("42", IdType::Id, {"event", "Order Completed", 50, "abc"}, target));
        out.push_back(customersByEmailRequest("a+b@x.co", target));
        return out;
    }

private slots:
    void noRenderingContainsASecret()
    {
        const ApiTarget target = secretTarget();
        for (const HttpRequest &request : requestsOfEveryKind()) {
            const std::vector<std::string> renderings = {toJson(request).dump(), toRawHttp(request),
                                                         toCurl(request),
                                                         toJson(request, SecretDisplay::Redact).dump(2)};
            for (const std::string &text : renderings) {
                QVERIFY(text.find(std::string(kRedacted)) != std::string::npos);
                for (const std::string &secret : secretForms(target)) {
                    if (text.find(secret) != std::string::npos)
                        QFAIL(("secret leaked in rendering of " + request.url).c_str());
                }
            }
        }
    }

    void revealShowsTheRealValueWhenAsked()
    {
        const HttpRequest request = requestsOfEveryKind().front();
        const std::string auth = request.header("Authorization");
        QVERIFY(toRawHttp(request, SecretDisplay::Reveal).find(auth) != std::string::npos);
        QVERIFY(toCurl(request, SecretDisplay::Reveal).find(auth) != std::string::npos);
        QCOMPARE(toJson(request, SecretDisplay::Reveal)["headers"][0]["value"].get<std::string>(), auth);
    }

    void redactionKeepsTheScheme()
    {
        const HttpRequest request = requestsOfEveryKind().front();
        QCOMPARE(toJson(request)["headers"][0]["value"].get<std::string>(), std::string("Basic [redacted]"));
        QVERIFY(toJson(request)["headers"][0]["secret"].get<bool>());
    }

    void jsonRenderingHasMethodUrlHeadersBody()
    {
        const HttpRequest request = requestsOfEveryKind().front();
        const OrderedJson json = toJson(request);
        std::vector<std::string> keys;
        for (const auto &[key, value] : json.items())
            keys.push_back(key);
        QVERIFY((keys == std::vector<std::string>{"method", "url", "headers", "body"}));
        QCOMPARE(json["method"].get<std::string>(), std::string("POST"));
        QCOMPARE(json["body"].get<std::string>(), request.body);
        // The revealed JSON form reads back to the same request.
        const auto back = httpRequestFromJson(Json::parse(toJson(request, SecretDisplay::Reveal).dump()));
        QVERIFY(back.ok());
        QVERIFY(*back == request);
    }

    void rawHttpHasRequestLineHostAndLength()
    {
        const HttpRequest request = requestsOfEveryKind().front();
        const std::string raw = toRawHttp(request);
        QVERIFY(raw.rfind("POST /api/v1/customers/42/events HTTP/1.1\r\nHost: track.customer.io\r\n", 0) ==
                0);
        QVERIFY(raw.find("Content-Length: " + std::to_string(request.body.size()) + "\r\n") !=
                std::string::npos);
        QVERIFY(raw.size() > request.body.size());
        QCOMPARE(raw.substr(raw.size() - request.body.size()), request.body);
    }

    void curlQuotesForTheShell()
    {
        HttpRequest request;
        request.method = "POST";
        request.url = "https://cdp.customer.io/v1/track";
        request.body = "{\"event\":\"it's\"}";
        QCOMPARE(toCurl(request), std::string("curl -X POST 'https://cdp.customer.io/v1/track' \\\n"
                                              "  --data-raw '{\"event\":\"it'\\''s\"}'"));
    }

    void basicCredentialsReadBack()
    {
        const HttpRequest request = requestsOfEveryKind().front();
        const auto credentials = request.basicCredentials();
        QVERIFY(credentials.has_value());
        QCOMPARE(credentials->first, std::string("site-Zq81"));
        QCOMPARE(credentials->second, std::string("trackkey-S3CR3T-4f9a"));
        const auto pipelines = requestsOfEveryKind()[2].basicCredentials();
        QVERIFY(pipelines.has_value());
        QCOMPARE(pipelines->first, std::string("writekey-S3CR3T-77b1"));
        QCOMPARE(pipelines->second, std::string());
    }

    // One reader for the sandbox and the console: the scheme word in any case, whitespace around the
    // token, strict base64, and a value without a colon read as a user with an empty password.
    void basicAuthorizationRules_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("parsed");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        const QString siteKey = QString::fromLatin1(QByteArray("site:key").toBase64());
        QTest::newRow("canonical") << "Basic " + siteKey << true << "site"
                                   << "key";
        QTest::newRow("lower-case scheme") << "basic " + siteKey << true << "site"
                                           << "key";
        QTest::newRow("upper-case scheme") << "BASIC " + siteKey << true << "site"
                                           << "key";
        QTest::newRow("spaces around the token") << "Basic   " + siteKey + "  " << true << "site"
                                                 << "key";
        QTest::newRow("password with a colon")
            << "Basic " + QString::fromLatin1(QByteArray("site:k:ey").toBase64()) << true << "site"
            << "k:ey";
        QTest::newRow("no colon: a write key alone")
            << "Basic " + QString::fromLatin1(QByteArray("writekey").toBase64()) << true << "writekey"
            << "";
        QTest::newRow("not base64") << QStringLiteral("Basic !!!not-base64!!!") << false << ""
                                    << "";
        QTest::newRow("bearer") << QStringLiteral("Bearer abc") << false << ""
                                << "";
        QTest::newRow("scheme only") << QStringLiteral("Basic") << false << ""
                                     << "";
        QTest::newRow("empty") << QString() << false << ""
                               << "";
    }

    void basicAuthorizationRules()
    {
        QFETCH(QString, value);
        QFETCH(bool, parsed);
        QFETCH(QString, user);
        QFETCH(QString, password);
        const auto credentials = parseBasicAuthorization(value.toStdString());
        QCOMPARE(credentials.has_value(), parsed);
        if (parsed) {
            QCOMPARE(QString::fromStdString(credentials->first), user);
            QCOMPARE(QString::fromStdString(credentials->second), password);
        }
    }

    void basicAuthorizationRoundTrips()
    {
        const auto credentials = parseBasicAuthorization(basicAuthorization("site-Zq81", "key:with:colons"));
        QVERIFY(credentials.has_value());
        QCOMPARE(credentials->first, std::string("site-Zq81"));
        QCOMPARE(credentials->second, std::string("key:with:colons"));
    }

    void appApiRequestsUseBearerAndEncodedQueries()
    {
        // CUSTOMERIO.md "App API read-back"; customerio-node lib/request.ts builds "Bearer <key>".
        const ApiTarget target = secretTarget();
        const HttpRequest attributes = customerAttributesRequest("a+b@x.co", IdType::Email, target);
        QCOMPARE(attributes.method, std::string("GET"));
        QCOMPARE(attributes.url,
                 std::string("https://api.customer.io/v1/customers/a%2Bb%40x.co/attributes?id_type=email"));
        QCOMPARE(attributes.header("Authorization"), std::string("Bearer appkey-S3CR3T-c0de"));
        QVERIFY(attributes.headers.front().secret);
        const HttpRequest activities =
            customerActivitiesRequest("42", IdType::Id, {"event", "Order Completed", 500, "c/1"}, target);
        QCOMPARE(activities.url,
                 std::string("https://api.customer.io/v1/customers/42/activities?id_type=id&type=event"
                             "&name=Order%20Completed&limit=100&start=c%2F1"));
        ApiTarget eu = target;
        eu.region = Region::EU;
        QCOMPARE(customersByEmailRequest("a+b@x.co", eu).url,
                 std::string("https://api-eu.customer.io/v1/customers?email=a%2Bb%40x.co"));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestRendering)
#include "TestHttpRequestRendering.moc"
