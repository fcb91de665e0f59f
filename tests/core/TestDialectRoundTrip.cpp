#include "CallGenerator.h"

#include "api/Dialect.h"

#include <QTest>

using namespace preflight;

// parse(render(c)) == c over generated calls, for every call kind of every dialect and both regions.
class TestDialectRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void parseOfRenderGivesTheCallBack_data()
    {
        QTest::addColumn<int>("api");
        QTest::addColumn<int>("region");
        for (Api api : {Api::TrackV1, Api::TrackV2, Api::Pipelines}) {
            for (Region region : {Region::US, Region::EU}) {
                const std::string name = std::string(toString(api)) + "/" + std::string(toString(region));
                QTest::newRow(name.c_str()) << static_cast<int>(api) << static_cast<int>(region);
            }
        }
    }

    void parseOfRenderGivesTheCallBack()
    {
        QFETCH(int, api);
        QFETCH(int, region);
        const Dialect &dialect = dialectFor(static_cast<Api>(api));
        QVERIFY(dialect.api() == static_cast<Api>(api));
        ApiTarget target;
        target.region = static_cast<Region>(region);
        target.credentials = {"site-id", "api-key", "write-key", "app-key"};
        CallGenerator generator(20261122u + static_cast<unsigned>(api * 10 + region));
        for (CallKind kind : generator.kinds(dialect.api())) {
            for (int i = 0; i < 150; ++i) {
                const Call call = generator.call(dialect.api(), kind);
                const auto request = dialect.render(call, target);
                if (!request)
                    QFAIL((toJson(call).dump() + " -> " + request.error().toString()).c_str());
                QVERIFY2(request->url.rfind(target.origin(dialect.api()), 0) == 0, request->url.c_str());
                const auto parsed = dialect.parse(*request);
                if (!parsed)
                    QFAIL((request->url + " " + request->body + " -> " + parsed.error().toString()).c_str());
                if (!(*parsed == call))
                    QFAIL((toJson(call).dump() + "\n != \n" + toJson(*parsed).dump() + "\n via " +
                           request->method + " " + request->url + " " + request->body)
                              .c_str());
            }
        }
    }

    void batchItemsParseOneByOne_data()
    {
        QTest::addColumn<int>("api");
        QTest::newRow("track-v2") << static_cast<int>(Api::TrackV2);
        QTest::newRow("pipelines") << static_cast<int>(Api::Pipelines);
    }

    void batchItemsParseOneByOne()
    {
        QFETCH(int, api);
        const Dialect &dialect = dialectFor(static_cast<Api>(api));
        CallGenerator generator(7u);
        const Call call = generator.call(dialect.api(), CallKind::Batch);
        const auto request = dialect.render(call, ApiTarget{});
        QVERIFY(request.ok());
        const auto items = dialect.parseBatchItems(*request);
        QVERIFY(items.ok());
        QCOMPARE(items->size(), call.batch.size());
        for (std::size_t i = 0; i < items->size(); ++i) {
            QVERIFY((*items)[i].ok());
            QVERIFY((*items)[i].value() == call.batch[i]);
        }
    }
};

QTEST_GUILESS_MAIN(TestDialectRoundTrip)
#include "TestDialectRoundTrip.moc"
