#include "SandboxClient.h"

#include "sandbox/PortHolder.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <zlib.h>

#include <fstream>

using namespace preflight;

namespace {

long residentKib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

// Writes raw bytes on a new connection and collects what comes back until the server closes it (at most
// 5 s: the server runs on this thread, so the loop spins its events).
QByteArray exchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray answer;
    QElapsedTimer clock;
    clock.start();
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        answer += socket.readAll();
    }
    return answer + socket.readAll();
}

// `text` in gzip framing, as the clients that compress their bodies send it.
QByteArray gzipped(const QByteArray &text)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(text.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.constData()));
    stream.avail_in = uInt(text.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(int(stream.total_out));
    deflateEnd(&stream);
    return out;
}

} // namespace

// The server around the dialects: routes, authentication, limits, content types, Pipelines' silent drops.
class TestSandboxServer : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        SandboxConfig config;
        config.maxBodyBytes = 64 * 1024;
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->start().ok());
        QVERIFY(m_server->port() != 0);
        m_client = std::make_unique<SandboxClient>(m_server->origin());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void answersEveryEndpointsHappyPath_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("api");
        QTest::newRow("v1 identify") << QByteArray("PUT") << "/api/v1/customers/u1"
                                     << QByteArray(R"({"email":"u1@example.com"})") << "track-v1";
        QTest::newRow("v1 event") << QByteArray("POST") << "/api/v1/customers/u1/events"
                                  << QByteArray(R"({"name":"cart_viewed","data":{}})") << "track-v1";
        QTest::newRow("v1 anonymous event")
            << QByteArray("POST") << "/api/v1/events"
            << QByteArray(R"({"anonymous_id":"a1","name":"page_seen"})") << "track-v1";
        QTest::newRow("v1 add device")
            << QByteArray("PUT") << "/api/v1/customers/u1/devices"
            << QByteArray(R"({"device":{"id":"tok","platform":"ios"}})") << "track-v1";
        QTest::newRow("v1 delete device")
            << QByteArray("DELETE") << "/api/v1/customers/u1/devices/tok" << QByteArray() << "track-v1";
        QTest::newRow("v1 suppress") << QByteArray("POST") << "/api/v1/customers/u2/suppress" << QByteArray()
                                     << "track-v1";
        QTest::newRow("v1 unsuppress")
            << QByteArray("POST") << "/api/v1/customers/u4/unsuppress" << QByteArray() << "track-v1";
        QTest::newRow("v1 merge") << QByteArray("POST") << "/api/v1/merge_customers"
                                  << QByteArray(R"({"primary":{"id":"u1"},"secondary":{"id":"u3"}})")
                                  << "track-v1";
        QTest::newRow("v1 delete") << QByteArray("DELETE") << "/api/v1/customers/u3" << QByteArray()
                                   << "track-v1";
        QTest::newRow("v1 region") << QByteArray("GET") << "/api/v1/accounts/region" << QByteArray()
                                   << "track-v1";
        QTest::newRow("v2 entity") << QByteArray("POST") << "/api/v2/entity"
                                   << QByteArray(
                                          R"({"type":"person","identifiers":{"id":"u1"},"action":"identify",)"
                                          R"("attributes":{"plan":"pro"}})")
                                   << "track-v2";
        QTest::newRow("v2 batch") << QByteArray("POST") << "/api/v2/batch"
                                  << QByteArray(R"({"batch":[{"type":"person","identifiers":{"id":"u1"},)"
                                                R"("action":"event","name":"signed_in"}]})")
                                  << "track-v2";
    }
    void answersEveryEndpointsHappyPath()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, api);
        // People the rows act on: u1 (with a device), u2, u3, and u4 suppressed.
        for (const char *person : {"u1", "u2", "u3", "u4"})
            QCOMPARE(m_client->track("PUT", QStringLiteral("/api/v1/customers/") + person, "{}").status, 200);
        QCOMPARE(
            m_client
                ->track("PUT", "/api/v1/customers/u1/devices", R"({"device":{"id":"tok","platform":"ios"}})")
                .status,
            200);
        QCOMPARE(m_client->track("POST", "/api/v1/customers/u4/suppress").status, 200);
        const std::int64_t before = m_server->activity().lastSequence();

        SandboxResponse response = m_client->track(method, path, body);
        QCOMPARE(response.status, 200);
        QVERIFY2(response.json().is_object(), response.body.constData());
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        ActivityFilter after;
        after.afterSequence = before;
        auto entries = m_server->activity().query(after);
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(entries.front().api), api);
        QCOMPARE(entries.front().status, 200);
        QVERIFY2(entries.front().outcome == "accepted", entries.front().reason.c_str());
    }

    void answersPipelinesCalls_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("identify") << "/v1/identify"
                                  << QByteArray(R"({"userId":"u1","traits":{"plan":"pro"}})");
        QTest::newRow("track") << "/v1/track" << QByteArray(R"({"userId":"u1","event":"Order Completed"})");
        QTest::newRow("page") << "/v1/page" << QByteArray(R"({"userId":"u1","name":"Home"})");
        QTest::newRow("screen") << "/v1/screen" << QByteArray(R"({"userId":"u1","name":"Cart"})");
        QTest::newRow("group") << "/v1/group" << QByteArray(R"({"userId":"u1","groupId":"g1"})");
        QTest::newRow("alias") << "/v1/alias" << QByteArray(R"({"previousId":"a1","userId":"u1"})");
        QTest::newRow("batch") << "/v1/batch"
                               << QByteArray(R"({"batch":[{"type":"track","userId":"u1","event":"x"}]})");
    }
    void answersPipelinesCalls()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        SandboxResponse response = m_client->pipelines(path, body, true);
        QCOMPARE(response.status, 200);
        QCOMPARE(m_server->activity().query({}).front().api, std::string("pipelines"));
    }

    void refusesWrongOrMissingCredentials_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QByteArray>("strict");
        QTest::addColumn<QByteArray>("expectedBody");
        const QByteArray v1 = R"({"meta":{"error":"Unauthorized request"}})";
        QTest::newRow("v1 missing") << QByteArray("PUT") << "/api/v1/customers/u1" << QByteArray()
                                    << QByteArray() << v1;
        QTest::newRow("v1 wrong key") << QByteArray("PUT") << "/api/v1/customers/u1"
                                      << SandboxClient::basic("preflight-site", "nope") << QByteArray() << v1;
        QTest::newRow("v1 pipelines key")
            << QByteArray("PUT") << "/api/v1/customers/u1" << SandboxClient::basic("preflight-write-key", "")
            << QByteArray() << v1;
        QTest::newRow("v1 garbage") << QByteArray("PUT") << "/api/v1/customers/u1" << QByteArray("Basic !!!")
                                    << QByteArray() << v1;
        QTest::newRow("v2 wrong")
            << QByteArray("POST") << "/api/v2/entity" << SandboxClient::basic("x", "y") << QByteArray()
            << QByteArray(R"({"errors":[{"message":"Unauthorized request","reason":"unauthorized"}]})");
        QTest::newRow("pipelines strict wrong")
            << QByteArray("POST") << "/v1/track" << SandboxClient::basic("other", "") << QByteArray("1")
            << QByteArray(R"({"code":"unauthorized","message":"Unauthorized"})");
        QTest::newRow("pipelines strict with password")
            << QByteArray("POST") << "/v1/track" << SandboxClient::basic("preflight-write-key", "x")
            << QByteArray("1") << QByteArray(R"({"code":"unauthorized","message":"Unauthorized"})");
        QTest::newRow("app missing") << QByteArray("GET") << "/v1/customers/u1/attributes" << QByteArray()
                                     << QByteArray() << QByteArray(R"({"meta":{"error":"Unauthorized"}})");
        QTest::newRow("app track key")
            << QByteArray("GET") << "/v1/customers/u1/attributes" << QByteArray("Bearer preflight-api-key")
            << QByteArray() << QByteArray(R"({"meta":{"error":"Unauthorized"}})");
    }
    void refusesWrongOrMissingCredentials()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, authorization);
        QFETCH(QByteArray, strict);
        QFETCH(QByteArray, expectedBody);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), QByteArray(authorization)));
        if (!strict.isEmpty())
            headers.append(qMakePair(QByteArray("X-Strict-Mode"), QByteArray(strict)));
        SandboxResponse response =
            m_client->send(method, path, method == "GET" ? QByteArray() : "{}", headers);
        QCOMPARE(response.status, 401);
        QCOMPARE(response.body, expectedBody);
        QCOMPARE(m_server->activity().query({}).front().outcome, std::string("rejected"));
    }

    // The scheme word is case-insensitive (RFC 7617), and a write key sent without the ':' is accepted:
    // the same rules as the console's reader (parseBasicAuthorization).
    void acceptsBasicCredentialsInAnyCase()
    {
        const QByteArray track = QByteArray("preflight-site:preflight-api-key").toBase64();
        for (const QByteArray &scheme : {QByteArray("Basic "), QByteArray("basic "), QByteArray("BASIC ")}) {
            const SandboxResponse response =
                m_client->send("PUT", "/api/v1/customers/u1", R"({"email":"u1@example.com"})",
                               {qMakePair(QByteArray("Authorization"), scheme + track)});
            QVERIFY2(response.status == 200, scheme.constData());
        }
        const SandboxResponse pipelines = m_client->send(
            "POST", "/v1/identify", R"({"userId":"u2","traits":{}})",
            {qMakePair(QByteArray("Authorization"), "Basic " + QByteArray("preflight-write-key").toBase64()),
             qMakePair(QByteArray("X-Strict-Mode"), QByteArray("1"))});
        QCOMPARE(pipelines.status, 200);
    }

    // Segment's analytics-node sends the write key in the body and no Authorization header.
    void acceptsAWriteKeyInTheBody()
    {
        const QList<QPair<QByteArray, QByteArray>> strict = {
            qMakePair(QByteArray("X-Strict-Mode"), QByteArray("1"))};
        const SandboxResponse accepted = m_client->send(
            "POST", "/v1/batch",
            R"({"batch":[{"type":"identify","userId":"u3","traits":{}}],"writeKey":"preflight-write-key"})",
            strict);
        QCOMPARE(accepted.status, 200);
        const SandboxResponse wrong = m_client->send(
            "POST", "/v1/batch",
            R"({"batch":[{"type":"identify","userId":"u4","traits":{}}],"writeKey":"other"})", strict);
        QCOMPARE(wrong.status, 401);
        // A key in the body does not stand in for a wrong Authorization header.
        QList<QPair<QByteArray, QByteArray>> both = strict;
        both.append(qMakePair(QByteArray("Authorization"), SandboxClient::basic("other", "")));
        const SandboxResponse mixed = m_client->send(
            "POST", "/v1/batch",
            R"({"batch":[{"type":"identify","userId":"u5","traits":{}}],"writeKey":"preflight-write-key"})",
            both);
        QCOMPARE(mixed.status, 401);
    }

    void pipelinesWithoutStrictModeAnswers200AndRecordsTheDrop_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("strictStatus");
        QTest::addColumn<QString>("reason");
        const QByteArray good = SandboxClient::basic("preflight-write-key", "");
        QTest::newRow("wrong key") << SandboxClient::basic("x", "") << QByteArray("{}")
                                   << QByteArray("application/json") << 401 << "wrong credentials";
        QTest::newRow("invalid json") << good << QByteArray("{\"userId\":") << QByteArray("application/json")
                                      << 400 << "not valid JSON";
        QTest::newRow("form body") << good << QByteArray("a=b")
                                   << QByteArray("application/x-www-form-urlencoded") << 415
                                   << "wrong content type";
    }
    void pipelinesWithoutStrictModeAnswers200AndRecordsTheDrop()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, strictStatus);
        QFETCH(QString, reason);
        QList<QPair<QByteArray, QByteArray>> headers = {{"Authorization", authorization},
                                                        {"Content-Type", contentType}};
        SandboxResponse lenient = m_client->send("POST", "/v1/track", body, headers);
        QCOMPARE(lenient.status, 200);
        ActivityEntry dropped = m_server->activity().query({}).back();
        QCOMPARE(dropped.outcome, std::string("dropped"));
        QVERIFY2(QString::fromStdString(dropped.reason).contains(reason), dropped.reason.c_str());
        headers.append(qMakePair(QByteArray("X-Strict-Mode"), QByteArray("1")));
        SandboxResponse strict = m_client->send("POST", "/v1/track", body, headers);
        QCOMPARE(strict.status, strictStatus);
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("rejected"));
    }

    void answersUnknownPathsAndWrongMethods_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown") << QByteArray("GET") << "/api/v1/nothing" << 404;
        QTest::newRow("root") << QByteArray("GET") << "/" << 404;
        QTest::newRow("traversal") << QByteArray("GET") << "/api/v1/customers/../../../etc/passwd" << 404;
        QTest::newRow("v3") << QByteArray("POST") << "/api/v3/entity" << 404;
        QTest::newRow("get events") << QByteArray("GET") << "/api/v1/customers/u1/events" << 405;
        QTest::newRow("post identify") << QByteArray("POST") << "/api/v1/customers/u1" << 405;
        // Pipelines answers 200 to anything it cannot take unless X-Strict-Mode is set.
        QTest::newRow("get track") << QByteArray("GET") << "/v1/track" << 200;
        QTest::newRow("patch entity") << QByteArray("PATCH") << "/api/v2/entity" << 405;
    }
    void answersUnknownPathsAndWrongMethods()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        SandboxResponse response = m_client->track(method, path, method == "GET" ? QByteArray() : "{}");
        QCOMPARE(response.status, status);
        QVERIFY(response.json().is_object());
        if (status == 405)
            QVERIFY(!response.header("Allow").isEmpty());
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200); // still serving
    }

    // Each API's unknown paths answer 404 in that API's error shape, so a client's error handling sees
    // what it would see from Customer.io.
    void answersUnknownPathsInTheirApisShape_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("track v1") << "/api/v1/nothing"
                                  << "/meta/error";
        QTest::newRow("track v2") << "/api/v2/nothing"
                                  << "/errors/0/message";
        QTest::newRow("app") << "/v1/customers/u1/nothing"
                             << "/meta/error";
        QTest::newRow("pipelines") << "/v1/nothing"
                                   << "/message";
    }
    void answersUnknownPathsInTheirApisShape()
    {
        QFETCH(QString, path);
        QFETCH(QString, pointer);
        SandboxResponse response =
            m_client->send("POST", path, "{}",
                           {{"Authorization", SandboxClient::basic("preflight-site", "preflight-api-key")},
                            {"X-Strict-Mode", "1"}});
        QCOMPARE(response.status, 404);
        QVERIFY2(response.json().contains(nlohmann::json::json_pointer(pointer.toStdString())),
                 response.body.constData());
    }

    // A blank identifier names nobody: refused like an empty one on every API, never stored as a person.
    void refusesBlankIdentifiers_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("pipelines");
        QTest::newRow("v1 identify") << QByteArray("PUT") << "/api/v1/customers/%20%20" << QByteArray("{}")
                                     << false;
        QTest::newRow("v1 event") << QByteArray("POST") << "/api/v1/customers/%20/events"
                                  << QByteArray(R"({"name":"viewed"})") << false;
        QTest::newRow("v2 entity")
            << QByteArray("POST") << "/api/v2/entity"
            << QByteArray(R"({"type":"person","action":"identify","identifiers":{"id":"  "}})") << false;
        QTest::newRow("pipelines identify")
            << QByteArray("POST") << "/v1/identify" << QByteArray(R"({"userId":" "})") << true;
        QTest::newRow("pipelines anonymous track")
            << QByteArray("POST") << "/v1/track" << QByteArray(R"({"anonymousId":"\t","event":"viewed"})")
            << true;
    }
    void refusesBlankIdentifiers()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(bool, pipelines);
        SandboxResponse response =
            pipelines ? m_client->pipelines(path, body, true) : m_client->track(method, path, body);
        QCOMPARE(response.status, 400);
        QVERIFY(response.json().is_object());
        QVERIFY2(response.body.contains("blank") || response.body.contains("empty"),
                 response.body.constData());
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("rejected"));
    }

    // Refusals decided before a body is read (oversized headers, an endless chunked body) still answer
    // in the shape of the API the request line names.
    void refusesOversizedRequestsInTheirApisShape()
    {
        const QByteArray auth =
            "Authorization: " + SandboxClient::basic("preflight-site", "preflight-api-key");
        const QByteArray headers =
            exchange(m_server->port(), "POST /api/v2/entity HTTP/1.1\r\nHost: x\r\nX-Filler: " +
                                           QByteArray(70 * 1024, 'h') + "\r\n\r\n");
        QVERIFY2(headers.startsWith("HTTP/1.1 431"), headers.left(200).constData());
        QVERIFY2(headers.contains("\"errors\":["), headers.right(300).constData());

        QByteArray chunked = "POST /api/v1/customers/u1/events HTTP/1.1\r\nHost: x\r\nContent-Type: "
                             "application/json\r\n" +
                             auth + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunk(64 * 1024, 'x');
        for (int i = 0; i < 20; ++i)
            chunked += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        const QByteArray tooLarge = exchange(m_server->port(), chunked);
        QVERIFY2(tooLarge.startsWith("HTTP/1.1 413"), tooLarge.left(200).constData());
        QVERIFY2(tooLarge.contains("{\"meta\":{\"error\":\"request body is larger than"),
                 tooLarge.right(300).constData());
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void refusesHostileIdentifiers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("nul byte") << "/api/v1/customers/a%00b" << 400;
        QTest::newRow("newline") << "/api/v1/customers/a%0D%0AX-Injected:%201" << 400;
    }
    void refusesHostileIdentifiers()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        SandboxResponse response = m_client->track("PUT", path, "{}");
        QCOMPARE(response.status, status);
        QVERIFY(response.json().is_object());
    }

    void refusesInvalidJsonInTheApisShape_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("v1") << "/api/v1/customers/u1/events"
                            << "/meta/error";
        QTest::newRow("v2") << "/api/v2/entity"
                            << "/errors/0/message";
    }
    void refusesInvalidJsonInTheApisShape()
    {
        QFETCH(QString, path);
        QFETCH(QString, pointer);
        SandboxResponse response = m_client->track("POST", path, "{\"name\": ");
        QCOMPARE(response.status, 400);
        QVERIFY(response.json().contains(nlohmann::json::json_pointer(pointer.toStdString())));
    }

    // Nesting beyond kMaxJsonDepth is refused before any recursive parse, in each surface's error shape;
    // 10,000 levels fit within every size limit, so the depth check is what answers.
    void refusesDeeplyNestedBodiesOnEverySurface_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("pipelines");
        QTest::newRow("v1 identify") << QByteArray("PUT") << "/api/v1/customers/u1" << false;
        QTest::newRow("v1 event") << QByteArray("POST") << "/api/v1/customers/u1/events" << false;
        QTest::newRow("v1 anonymous event") << QByteArray("POST") << "/api/v1/events" << false;
        QTest::newRow("v2 entity") << QByteArray("POST") << "/api/v2/entity" << false;
        QTest::newRow("v2 batch") << QByteArray("POST") << "/api/v2/batch" << false;
        QTest::newRow("pipelines track") << QByteArray("POST") << "/v1/track" << true;
        QTest::newRow("pipelines batch") << QByteArray("POST") << "/v1/batch" << true;
    }
    void refusesDeeplyNestedBodiesOnEverySurface()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, pipelines);
        const QByteArray body = "{\"data\":" + QByteArray(10000, '[') + QByteArray(10000, ']') + "}";
        SandboxResponse response =
            pipelines ? m_client->pipelines(path, body, true)
                      : m_client->send(
                            method, path, body,
                            {{"Authorization", SandboxClient::basic("preflight-site", "preflight-api-key")}});
        QCOMPARE(response.status, 400);
        QVERIFY(response.json().is_object());
        QVERIFY2(response.body.contains("nested deeper than 512 levels"),
                 response.body.left(300).constData());
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void refusesWrongContentType()
    {
        SandboxResponse response =
            m_client->send("POST", "/api/v1/customers/u1/events", R"({"name":"x"})",
                           {{"Authorization", SandboxClient::basic("preflight-site", "preflight-api-key")},
                            {"Content-Type", "text/plain"}});
        QCOMPARE(response.status, 415);
        QCOMPARE(QByteArray::fromStdString(response.json()["meta"]["error"].get<std::string>()),
                 QByteArray("Content-Type must be application/json"));
    }

    void readsGzipBodiesAndSaysCustomerIoDoesNotDocumentThem()
    {
        const QList<QPair<QByteArray, QByteArray>> track = {
            {"Authorization", SandboxClient::basic("preflight-site", "preflight-api-key")},
            {"Content-Type", "application/json"},
            {"Content-Encoding", "gzip"}};
        SandboxResponse accepted = m_client->send("POST", "/api/v1/customers/u1/events",
                                                  gzipped(R"({"name":"viewed_product","data":{}})"), track);
        QCOMPARE(accepted.status, 200);
        const ActivityEntry landed = m_server->activity().query({}).back();
        QCOMPARE(landed.eventName, std::string("viewed_product"));
        QVERIFY2(landed.reason.find("gzip accepted; Customer.io does not document it") != std::string::npos,
                 landed.reason.c_str());

        SandboxResponse corrupt =
            m_client->send("POST", "/api/v1/customers/u1/events", QByteArray("not gzip at all"), track);
        QCOMPARE(corrupt.status, 400);
        QVERIFY(corrupt.json()["meta"]["error"].get<std::string>().find("not valid gzip") !=
                std::string::npos);
        SandboxResponse truncated = m_client->send("POST", "/api/v1/customers/u1/events",
                                                   gzipped(R"({"name":"x"})").chopped(6), track);
        QCOMPARE(truncated.status, 400);

        // A few kilobytes that inflate past the body limit are refused without inflating them whole.
        const QByteArray bomb = gzipped(QByteArray(int(m_server->config().maxBodyBytes) * 8, ' '));
        QVERIFY(std::size_t(bomb.size()) < m_server->config().maxBodyBytes / 8);
        SandboxResponse tooLarge = m_client->send("POST", "/api/v1/customers/u1/events", bomb, track);
        QCOMPARE(tooLarge.status, 413);

        QList<QPair<QByteArray, QByteArray>> brotli = track;
        brotli.back().second = "br";
        SandboxResponse unsupported =
            m_client->send("POST", "/api/v1/customers/u1/events", QByteArray("{}"), brotli);
        QCOMPARE(unsupported.status, 415);

        // Pipelines keeps its silent 200 for an unreadable body unless strict mode is on.
        QList<QPair<QByteArray, QByteArray>> pipelines = {
            {"Authorization", SandboxClient::basic("preflight-write-key", "")},
            {"Content-Type", "application/json"},
            {"Content-Encoding", "gzip"}};
        QCOMPARE(m_client->send("POST", "/v1/track", QByteArray("garbage"), pipelines).status, 200);
        QCOMPARE(m_server->activity().query({}).back().outcome, std::string("dropped"));
        pipelines.append(qMakePair(QByteArray("X-Strict-Mode"), QByteArray("1")));
        QCOMPARE(m_client->send("POST", "/v1/track", QByteArray("garbage"), pipelines).status, 400);
        QCOMPARE(m_client
                     ->send("POST", "/v1/track",
                            gzipped(R"({"userId":"u9","event":"viewed_product","properties":{}})"), pipelines)
                     .status,
                 200);
    }

    void reportsMetricsWithoutCredentials()
    {
        const QList<QPair<QByteArray, QByteArray>> json = {{"Content-Type", "application/json"}};
        // customerio-node's trackPush posts to the deprecated push endpoint without credentials.
        SandboxResponse push = m_client->send(
            "POST", "/api/v1/push/events",
            R"({"delivery_id":"RPILAgUB","event":"opened","device_id":"tok-1","timestamp":1613063089})",
            json);
        QCOMPARE(push.status, 200);
        ActivityEntry landed = m_server->activity().query({}).back();
        QCOMPARE(landed.eventName, std::string("opened"));
        QCOMPARE(landed.person, std::string("tok-1"));
        QVERIFY2(landed.reason.find("delivery RPILAgUB") != std::string::npos, landed.reason.c_str());

        QCOMPARE(m_client
                     ->send("POST", "/api/v1/metrics",
                            R"({"delivery_id":"RPILAgUB","metric":"clicked","recipient":"a@example.com",)"
                            R"("href":"https://example.com/cart"})",
                            json)
                     .status,
                 200);
        landed = m_server->activity().query({}).back();
        QCOMPARE(landed.eventName, std::string("clicked"));
        QCOMPARE(landed.person, std::string("a@example.com"));
        // SMS recipients are numbers in the OpenAPI.
        QCOMPARE(m_client
                     ->send("POST", "/api/v1/metrics",
                            R"({"delivery_id":"d2","metric":"delivered","recipient":15551234567})", json)
                     .status,
                 200);

        SandboxResponse unknown =
            m_client->send("POST", "/api/v1/metrics", R"({"delivery_id":"d","metric":"read"})", json);
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.json()["meta"]["error"].get<std::string>().find("metric must be one of") !=
                std::string::npos);
        QCOMPARE(m_client->send("POST", "/api/v1/push/events", R"({"event":"opened"})", json).status, 400);
        QCOMPARE(
            m_client->send("POST", "/api/v1/push/events", R"({"delivery_id":"d","event":"clicked"})", json)
                .status,
            400);
    }

    void keepsManualSegmentMembersAndAnswersThemOnTheAppApi()
    {
        for (const char *person : {"u1", "u2"})
            QCOMPARE(m_client->track("PUT", QStringLiteral("/api/v1/customers/") + person, "{}").status, 200);
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/u3", R"({"email":"u3@example.com"})").status, 200);

        SandboxResponse added =
            m_client->track("POST", "/api/v1/segments/7/add_customers", R"({"ids":["u1","u2","nobody"]})");
        QCOMPARE(added.status, 200);
        QVERIFY(added.json() == nlohmann::json::object());
        const ActivityEntry entry = m_server->activity().query({}).back();
        QVERIFY2(entry.reason.find("added 2 to manual segment 7") != std::string::npos, entry.reason.c_str());
        QCOMPARE(entry.items.size(), std::size_t(3));
        QVERIFY(entry.person.empty()); // the path names a segment, not a person
        QCOMPARE(entry.items[2].outcome, std::string("ignored"));
        ActivityFilter byPerson;
        byPerson.person = "u2";
        QCOMPARE(m_server->activity().query(byPerson).back().sequence, entry.sequence);

        QCOMPARE(m_client
                     ->track("POST", "/api/v1/segments/7/add_customers?id_type=email",
                             R"({"ids":["u3@example.com"]})")
                     .status,
                 200);
        QCOMPARE(m_client->track("POST", "/api/v1/segments/7/remove_customers", R"({"ids":["u2"]})").status,
                 200);
        auto segmentsOf = [&](const char *person) {
            const nlohmann::json body =
                m_client->app(QStringLiteral("/v1/customers/%1/segments").arg(person)).json();
            std::vector<int> ids;
            for (const auto &segment : body["segments"])
                ids.push_back(segment["id"].get<int>());
            return ids;
        };
        QVERIFY(segmentsOf("u1") == std::vector<int>{7});
        QVERIFY(segmentsOf("u2") == std::vector<int>{});
        QVERIFY(segmentsOf("u3") == std::vector<int>{7});
        QCOMPARE(m_client->app("/v1/customers/nobody/segments").status, 404);

        // Refusals answer the list of errors the OpenAPI describes.
        SandboxResponse notInteger =
            m_client->track("POST", "/api/v1/segments/vip/add_customers", R"({"ids":["u1"]})");
        QCOMPARE(notInteger.status, 400);
        QVERIFY(notInteger.json()["meta"]["errors"].is_array());
        QCOMPARE(m_client->track("POST", "/api/v1/segments/7/add_customers", R"({"ids":[]})").status, 400);
        QCOMPARE(m_client->track("POST", "/api/v1/segments/7/add_customers?id_type=phone", R"({"ids":["1"]})")
                     .status,
                 400);
        nlohmann::json tooMany = {{"ids", nlohmann::json::array()}};
        for (int i = 0; i < 1001; ++i)
            tooMany["ids"].push_back("p" + std::to_string(i));
        QCOMPARE(
            m_client
                ->track("POST", "/api/v1/segments/7/add_customers", QByteArray::fromStdString(tooMany.dump()))
                .status,
            400);
        QCOMPARE(m_client->send("POST", "/api/v1/segments/7/add_customers", R"({"ids":["u1"]})").status, 401);
    }

    // A port in use is said to be in use by whom, so a user knows which program to stop.
    void namesWhoHoldsATakenPort()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        const std::string described = describePortHolder(holder.serverPort());
        const std::string pid = std::to_string(QCoreApplication::applicationPid());
        QVERIFY2(described.find("(pid " + pid + ")") != std::string::npos, described.c_str());
        QVERIFY2(described.find("TestSandboxServer") != std::string::npos, described.c_str());
        SandboxConfig config;
        config.port = holder.serverPort();
        SandboxServer second(config);
        const Status started = second.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().message.find("held by TestSandboxServer") != std::string::npos,
                 started.error().message.c_str());
        holder.close();
        QCOMPARE(describePortHolder(config.port), std::string());
    }

    void keepsObjectsAndAnswersTheirRelationshipsOnTheAppApi()
    {
        QCOMPARE(m_client->track("PUT", "/api/v1/customers/o1", "{}").status, 200);
        QCOMPARE(
            m_client
                ->track(
                    "POST", "/api/v2/entity",
                    R"({"type":"object","identifiers":{"object_type_id":"1","object_id":"acme"},"action":"identify","attributes":{"plan":"pro"}})")
                .status,
            200);
        QCOMPARE(
            m_client
                ->track(
                    "PUT", "/api/v1/customers/o1",
                    R"({"cio_relationships":{"action":"add_relationships","relationships":[{"identifiers":{"object_type_id":"1","object_id":"acme"},"relationship_attributes":{"role":"admin"}}]}})")
                .status,
            200);
        const nlohmann::json relationships = m_client->app("/v1/customers/o1/relationships").json();
        QCOMPARE(relationships["cio_relationships"].size(), std::size_t(1));
        QVERIFY2(relationships["cio_relationships"][0]["identifiers"]["object_id"] == nlohmann::json("acme"),
                 relationships["cio_relationships"][0]["identifiers"]["object_id"].dump().c_str());
        QVERIFY2(relationships["cio_relationships"][0]["relationship_attributes"]["role"] == "admin",
                 relationships.dump().c_str());
        const nlohmann::json object = m_client->app("/v1/objects/1/acme/attributes").json();
        QVERIFY2(object["object"]["attributes"]["plan"] == nlohmann::json("pro"),
                 object["object"]["attributes"]["plan"].dump().c_str());
        const nlohmann::json people = m_client->app("/v1/objects/1/acme/relationships").json();
        QVERIFY2(people["cio_relationships"][0]["identifiers"]["id"] == nlohmann::json("o1"),
                 people["cio_relationships"][0]["identifiers"]["id"].dump().c_str());

        SandboxResponse unknown = m_client->app("/v1/objects/1/nobody/attributes");
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.json()["meta"].contains("error"));
        QCOMPARE(m_client->app("/v1/objects/1/acme/attributes?id_type=cio_object_id").status, 400);
        // Unknown paths under /v1/objects are the App API's.
        SandboxResponse unknownPath = m_client->app("/v1/objects/1/acme/segments");
        QCOMPARE(unknownPath.status, 404);
        QVERIFY(unknownPath.json()["meta"].contains("error"));
        SandboxResponse refused = m_client->track(
            "POST", "/api/v2/entity",
            R"({"type":"object","identifiers":{"object_type_id":"company","object_id":"acme"},"action":"identify"})");
        QCOMPARE(refused.status, 400);
    }

    void submitsFormsAsAnIdentifyAnswered204()
    {
        SandboxResponse submitted = m_client->track(
            "POST", "/api/v1/forms/newsletter/submit",
            R"({"data":{"email":"f1@example.com","first_name":"Ada","form_name":"ignored"}})");
        QCOMPARE(submitted.status, 204);
        QVERIFY(submitted.body.isEmpty());
        QVERIFY(submitted.header("Content-Length").isEmpty());
        const ActivityEntry entry = m_server->activity().query({}).back();
        QVERIFY2(entry.reason.find("form newsletter submitted") != std::string::npos, entry.reason.c_str());
        const nlohmann::json person =
            m_client->app("/v1/customers/f1@example.com/attributes?id_type=email").json();
        QVERIFY(person["customer"]["attributes"]["first_name"] == "Ada");
        QVERIFY(!person["customer"]["attributes"].contains("form_name"));

        for (const char *body : {R"({"data":{"email":"a@example.com","id":"a"}})", R"({"data":{"name":"x"}})",
                                 R"({"data":{"id":"a","age":3}})", R"({"fields":{}})"}) {
            SandboxResponse refused = m_client->track("POST", "/api/v1/forms/newsletter/submit", body);
            QVERIFY2(refused.status == 400, body);
            QVERIFY2(refused.json()["meta"]["errors"].size() == 1, refused.body.constData());
        }
    }

    void enforcesTheBodyLimitAtTheBoundary()
    {
        const std::size_t limit = m_server->config().maxBodyBytes;
        // A JSON string padded to exactly the limit passes the transport; one byte more does not.
        QByteArray atLimit =
            "{\"name\":\"x\",\"data\":{\"pad\":\"" + QByteArray(int(limit) - 30, 'a') + "\"}}";
        QCOMPARE(std::size_t(atLimit.size()), limit);
        SandboxResponse fits = m_client->track("POST", "/api/v1/customers/u1/events", atLimit);
        QVERIFY2(fits.status != 413, fits.body.constData());
        QByteArray over = atLimit;
        over.insert(1, ' ');
        SandboxResponse tooLarge = m_client->track("POST", "/api/v1/customers/u1/events", over);
        QCOMPARE(tooLarge.status, 413);
        QVERIFY(tooLarge.json()["meta"]["error"].get<std::string>().find("larger than") != std::string::npos);
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void refuses100MiBBodyWithoutBufferingIt()
    {
        const long before = residentKib();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        const qint64 total = 100LL * 1024 * 1024;
        socket.write(
            "POST /api/v1/customers/u1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Authorization: " +
            SandboxClient::basic("preflight-site", "preflight-api-key") +
            "\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n");
        const QByteArray block(1024 * 1024, 'x');
        QByteArray answer;
        for (int sent = 0; sent < 100 && socket.state() == QAbstractSocket::ConnectedState; ++sent) {
            socket.write(block);
            while (socket.bytesToWrite() > 4 * block.size())
                if (!socket.waitForBytesWritten(1000))
                    break;
            QCoreApplication::processEvents();
            answer += socket.readAll();
            if (answer.contains("\r\n\r\n"))
                break;
        }
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(80).constData());
        QVERIFY2(residentKib() - before < 40 * 1024, "resident memory grew by more than 40 MiB");
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void refusesOversizedHeaders()
    {
        SandboxResponse response =
            m_client->send("GET", "/api/v1/accounts/region", {}, {{"X-Filler", QByteArray(70 * 1024, 'h')}});
        QVERIFY(response.status == 431 || response.status == 0);
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void keepsServingAfterAClientDisconnectsMidRequest()
    {
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write("POST /api/v1/events HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"na");
            socket.waitForBytesWritten(1000);
            QTest::qWait(50);
        }
        QTest::qWait(50);
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    // One reading of where a request ends: anything a second parser could read differently is a 400 and
    // the connection closes, so nothing after it is parsed as a request of its own.
    void refusesAmbiguousFraming_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("reason");
        const QByteArray post = "POST /api/v1/customers/u1/events HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\n";
        const QByteArray smuggled = "GET /preflight/health HTTP/1.1\r\nHost: x\r\n\r\n";
        QTest::newRow("length and chunked")
            << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled
            << QByteArray("both Content-Length and Transfer-Encoding");
        QTest::newRow("negative length")
            << post + "Content-Length: -5\r\n\r\n" + smuggled << QByteArray("not a non-negative number");
        QTest::newRow("two lengths") << post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}" + smuggled
                                     << QByteArray("more than one Content-Length");
        QTest::newRow("length list") << post + "Content-Length: 2, 2\r\n\r\n{}" + smuggled
                                     << QByteArray("not a non-negative number");
        QTest::newRow("other transfer coding")
            << post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + smuggled
            << QByteArray("Transfer-Encoding other than chunked");
        QTest::newRow("space before colon")
            << post + "Content-Length : 2\r\n\r\n{}" + smuggled << QByteArray("whitespace in a header name");
        QTest::newRow("bare LF")
            << "POST /api/v1/customers/u1/events HTTP/1.1\r\nX-A: 1\nContent-Length: 5000000\r\n\r\n" +
                   smuggled
            << QByteArray("ends in a bare LF");
        QTest::newRow("LF-only head") << QByteArray("GET /preflight/health HTTP/1.1\nHost: x\n\n") + smuggled
                                      << QByteArray("ends in a bare LF");
        QTest::newRow("not http") << QByteArray("HELLO THERE\r\n\r\n") << QByteArray("not HTTP/1.x");
        QTest::newRow("other protocol") << QByteArray("GET / FTP/1.0\r\n\r\n") << QByteArray("not HTTP/1.x");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 11)
                                << QByteArray("not HTTP/1.x");
    }
    void refusesAmbiguousFraming()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, reason);
        const QByteArray answer = exchange(m_server->port(), request);
        QVERIFY2(answer.startsWith("HTTP/1.1 400 "), answer.left(200).constData());
        QVERIFY2(answer.contains(reason), answer.constData());
        QCOMPARE(answer.count("HTTP/1.1 "), 1); // the smuggled request was never answered
        QCOMPARE(m_client->send("GET", "/preflight/health").status, 200);
    }

    void emptyLinesBeforeARequestAreSkipped()
    {
        const QByteArray answer =
            exchange(m_server->port(), "\r\n\r\nGET /preflight/health HTTP/1.1\r\nHost: x\r\n"
                                       "Connection: close\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    }

    // The header timeout runs from a request's first byte: a head that trickles in a byte at a time does
    // not extend it.
    void aTricklingHeadStillTimesOut()
    {
        SandboxConfig config;
        config.headerTimeoutMillis = 300;
        SandboxServer server(config);
        QVERIFY(server.start().ok());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray answer;
        const QByteArray head = "GET /preflight/health HTTP/1.1\r\nX-Slow: " + QByteArray(4000, 's');
        for (qsizetype i = 0; i < head.size() && socket.state() == QAbstractSocket::ConnectedState &&
                              !answer.contains("\r\n\r\n");
             ++i) {
            socket.write(head.mid(i, 1));
            socket.flush();
            QTest::qWait(20);
            answer += socket.readAll();
        }
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n") ||
                                     socket.state() != QAbstractSocket::ConnectedState,
                                 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 408 "), answer.left(200).constData());
    }

    void halfSentHeadersTimeOutAndIdleConnectionsClose()
    {
        SandboxConfig config;
        config.headerTimeoutMillis = 200;
        config.idleTimeoutMillis = 300;
        SandboxServer server(config);
        QVERIFY(server.start().ok());
        const QByteArray answer = exchange(server.port(), "GET /preflight/health HTTP/1.1\r\nHost: x\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 408 "), answer.constData());
        QVERIFY(answer.contains("did not arrive"));
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(idle.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void capsConcurrentConnections()
    {
        SandboxConfig config;
        config.maxConnections = 2;
        SandboxServer server(config);
        QVERIFY(server.start().ok());
        {
            QTcpSocket first, second;
            for (QTcpSocket *socket : {&first, &second}) {
                socket->connectToHost(QHostAddress::LocalHost, server.port());
                QVERIFY(socket->waitForConnected(5000));
            }
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression("2 connections are open, the limit"));
            const QByteArray refused =
                exchange(server.port(), "GET /preflight/health HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY2(refused.startsWith("HTTP/1.1 503 "), refused.constData());
        }
        // Closed connections count no longer.
        SandboxClient client(server.origin());
        QTRY_COMPARE_WITH_TIMEOUT(client.send("GET", "/preflight/health").status, 200, 5000);
    }

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "TestSandboxServer.moc"
