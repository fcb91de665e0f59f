#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "inspector/InspectorPage.h"
#include "inspector/InspectorSession.h"
#include "sandbox/ActivityChart.h"

#include <QChartView>
#include <QValueAxis>

#include "sandbox/ActivityTableModel.h"
#include "sandbox/EmbeddedSandbox.h"
#include "sandbox/OutboxPanel.h"
#include "sandbox/SandboxOutboxPage.h"
#include "support/EnvironmentOverride.h"
#include <cmath>

#include "outbox/Outbox.h"
#include "sandbox/ActivityLog.h"
#include "sandbox/SandboxConfig.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

using preflight::ActivityEntry;
using preflight::ui::ActivityTableModel;
using preflight::ui::MainWindow;
using preflight::ui::SandboxOutboxPage;

namespace {

// Sends one Track v1 event the way a staging app would, and waits for the answer.
int sendTrackEvent(const QString &origin, const QString &person, const QByteArray &body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(origin + QStringLiteral("/api/v1/customers/%1/events").arg(person)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const auto credentials = preflight::sandboxTestCredentials();
    request.setRawHeader(
        "Authorization",
        "Basic " + QByteArray::fromStdString(credentials.siteId + ":" + credentials.apiKey).toBase64());
    QNetworkReply *reply = network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(5000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

ActivityEntry makeEntry(std::int64_t sequence, const std::string &person, const std::string &event,
                        int status, bool violation)
{
    ActivityEntry entry;
    entry.sequence = sequence;
    entry.arrivedAt = 1'763'800'000'000 + sequence;
    entry.api = "track-v1";
    entry.method = "POST";
    entry.path = "/api/v1/customers/" + person + "/events";
    entry.person = person;
    entry.eventName = event;
    entry.status = status;
    entry.outcome = status < 300 ? "accepted" : "rejected";
    if (violation)
        entry.verdicts = preflight::Json::array({{{"code", "required"},
                                                  {"pointer", "/data/product_id"},
                                                  {"message", "missing"},
                                                  {"severity", "error"}}});
    return entry;
}

} // namespace

class TestSandboxPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;
    QTemporaryDir m_data;

private slots:
    void initTestCase()
    {
        m_suiteEnv.set("PREFLIGHT_DATA_DIR", m_data.path().toUtf8());
        m_suiteEnv.set("PREFLIGHT_CONFIG_DIR", m_data.path().toUtf8());
        m_suiteEnv.set("PREFLIGHT_KEYCHAIN", "off");
    }
    void init() { m_settings = preflight::test::isolateSettings(); }

    void embeddedSandboxShowsATrackRequestWithItsVerdict()
    {
        QTemporaryDir project;
        QVERIFY(QFile::copy(QStringLiteral(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json"),
                            project.filePath("d2c.plan.json")));
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(project.path()));
        QTRY_VERIFY(window.sandbox()->isRunning());
        SandboxOutboxPage *page = window.sandboxPage();
        const QString origin = page->findChild<QLineEdit *>(QStringLiteral("sandboxOrigin"))->text();
        QCOMPARE(origin, window.sandbox()->origin());
        QVERIFY(origin.startsWith(QStringLiteral("http://127.0.0.1:")));
        QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("sandboxSiteId"))->text(),
                 QStringLiteral("preflight-site"));

        window.showPage(MainWindow::Page::SandboxOutbox);
        QCOMPARE(sendTrackEvent(origin, QStringLiteral("ana"),
                                R"({"name":"product_viewed","data":{"product_id":"p-1","price":12.5}})"),
                 200);
        QCOMPARE(
            sendTrackEvent(origin, QStringLiteral("ben"), R"({"name":"product_viewed","data":{"price":-3}})"),
            200);

        ActivityTableModel *model = page->activityModel();
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, ActivityTableModel::Person).data().toString(), QStringLiteral("ana"));
        QCOMPARE(model->index(0, ActivityTableModel::Verdict).data().toString(), QStringLiteral("pass"));
        QCOMPARE(model->index(1, ActivityTableModel::Event).data().toString(),
                 QStringLiteral("product_viewed"));
        QCOMPARE(model->index(1, ActivityTableModel::Verdict).data().toString(),
                 QStringLiteral("violations"));

        // Clicking the row shows what the plan said about it.
        QTableView *view = page->activityView();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(model->index(1, 0)).center());
        QVERIFY(page->detailsText().contains(QStringLiteral("Plan verdicts")));
        QVERIFY(page->detailsText().contains(QStringLiteral("product_id")));
        QVERIFY(page->detailsText().contains(QStringLiteral("ben")));

        // The chart counted both, one with violations; the people table knows both.
        page->chart()->redraw();
        QCOMPARE(page->chart()->totalEvents(), 2);
        QCOMPARE(page->chart()->totalViolations(), 1);
        // The count axis has round ticks (0, 1, 2 … rather than 0, 1.1, 2.2 shown as 37/75/113 at scale).
        const auto axes = page->chart()->findChild<QChartView *>()->chart()->axes(Qt::Vertical);
        QCOMPARE(axes.size(), 1);
        const auto *counts = qobject_cast<const QValueAxis *>(axes.front());
        QVERIFY(counts);
        const double step = (counts->max() - counts->min()) / (counts->tickCount() - 1);
        QVERIFY2(counts->min() == 0 && step >= 1 && step == std::round(step),
                 qPrintable(QStringLiteral("0..%1 in %2 ticks").arg(counts->max()).arg(counts->tickCount())));
        page->refreshPeople();
        QCOMPARE(page->peopleModel()->rowCount(), 2);
    }

    // At 1280×800 the outcome and verdict are in view without scrolling; an accepted call that will not
    // do everything it seems to says so in its row.
    void showsOutcomeAndVerdictAt1280x800()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QTRY_VERIFY(window.sandbox()->isRunning());
        window.showPage(MainWindow::Page::SandboxOutbox);
        SandboxOutboxPage *page = window.sandboxPage();
        const qint64 fourDaysAgo = QDateTime::currentSecsSinceEpoch() - 4 * 86400;
        const QByteArray backdated =
            QStringLiteral(R"({"name":"product_viewed","data":{"product_id":"p-1"},"timestamp":%1})")
                .arg(fourDaysAgo)
                .toUtf8();
        QCOMPARE(sendTrackEvent(window.sandbox()->origin(), QStringLiteral("cust-console-20261204180502393"),
                                backdated),
                 200);
        ActivityTableModel *model = page->activityModel();
        QTRY_COMPARE(model->rowCount(), 1);

        QTableView *view = page->activityView();
        for (int column : {int(ActivityTableModel::Outcome), int(ActivityTableModel::Verdict)}) {
            const int right = view->columnViewportPosition(column) + view->columnWidth(column);
            QVERIFY2(view->columnViewportPosition(column) >= 0 && right <= view->viewport()->width() + 1,
                     qPrintable(QStringLiteral("column %1 ends at %2 of %3")
                                    .arg(column)
                                    .arg(right)
                                    .arg(view->viewport()->width())));
        }
        const QModelIndex outcome = model->index(0, ActivityTableModel::Outcome);
        QCOMPARE(outcome.data().toString(), QStringLiteral("accepted ⚠"));
        QVERIFY2(outcome.data(Qt::ToolTipRole).toString().contains(QStringLiteral("never triggers")),
                 qPrintable(outcome.data(Qt::ToolTipRole).toString()));
        // A long identifier is elided in its cell and whole in its tooltip.
        const QModelIndex person = model->index(0, ActivityTableModel::Person);
        QCOMPARE(person.data(Qt::ToolTipRole).toString(), QStringLiteral("cust-console-20261204180502393"));
        QVERIFY(view->fontMetrics().horizontalAdvance(person.data().toString()) >
                view->columnWidth(ActivityTableModel::Person));
    }

    // When the well-known port is taken, the console's sandbox listens elsewhere and says who holds the
    // port and what that means for the CLI.
    void saysWhoHoldsTheWellKnownPort()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        preflight::test::EnvironmentOverride env;
        env.unset("PREFLIGHT_SANDBOX_ORIGIN");
        preflight::ui::EmbeddedSandbox sandbox;
        sandbox.setPreferredPort(holder.serverPort());
        QVERIFY(sandbox.start().ok());
        QVERIFY(!sandbox.origin().endsWith(QStringLiteral(":%1").arg(holder.serverPort())));
        QVERIFY2(sandbox.portNote().contains(
                     QStringLiteral("port %1 is taken by TestSandboxPage").arg(holder.serverPort())) &&
                     sandbox.portNote().contains(QStringLiteral("PREFLIGHT_SANDBOX_ORIGIN")),
                 qPrintable(sandbox.portNote()));
        const quint16 port = holder.serverPort();
        holder.close();
        QVERIFY(sandbox.start().ok()); // free again: the preferred port, and nothing to say
        QVERIFY2(sandbox.origin().endsWith(QStringLiteral(":%1").arg(port)), qPrintable(sandbox.origin()));
        QVERIFY(sandbox.portNote().isEmpty());
    }

    void opensATrackEventFromTheActivityInTheInspector()
    {
        MainWindow window;
        window.show();
        QTRY_VERIFY(window.sandbox()->isRunning());
        window.showPage(MainWindow::Page::SandboxOutbox);
        SandboxOutboxPage *page = window.sandboxPage();
        const QByteArray body =
            R"({"name":"cart_updated","data":{"cart_id":"c-9","value":42.5},"timestamp":1767603600})";
        QCOMPARE(sendTrackEvent(window.sandbox()->origin(), QStringLiteral("ana"), body), 200);
        ActivityTableModel *model = page->activityModel();
        QTRY_COMPARE(model->rowCount(), 1);

        QTableView *view = page->activityView();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(model->index(0, 0)).center());
        QVERIFY(page->detailsText().contains(QStringLiteral("Body: %1 bytes").arg(body.size())));
        auto *open = page->findChild<QPushButton *>(QStringLiteral("activityOpenInInspector"));
        QVERIFY(open->isEnabled());
        QTest::mouseClick(open, Qt::LeftButton);

        // The inspector has the request the sandbox received: its event, person and properties.
        QCOMPARE(window.currentPage(), MainWindow::Page::Inspector);
        const preflight::Call &call = window.inspector()->session()->call();
        QVERIFY(call.kind == preflight::CallKind::Track);
        QCOMPARE(call.name, std::string("cart_updated"));
        QCOMPARE(call.identity.id, std::string("ana"));
        QCOMPARE(call.properties.value("cart_id", ""), std::string("c-9"));
        QCOMPARE(call.properties.value("value", 0.0), 42.5);
    }

    void activityKeepsBodiesWithinItsBudget()
    {
        // The newest bodies stay, the oldest go once the budget is spent; the one just added always stays.
        preflight::ActivityLog log(100, nullptr, 100);
        for (int i = 0; i < 5; ++i) {
            ActivityEntry entry = makeEntry(0, "p", "e", 200, false);
            entry.keepBody(std::string(40, char('a' + i)), "application/json");
            log.append(entry);
        }
        QVERIFY(log.bodyBytes() <= 100);
        QVERIFY(!log.find(1)->bodyKept);
        QVERIFY(log.find(5)->bodyKept);
        QCOMPARE(log.find(5)->body, std::string(40, 'e'));
        QCOMPARE(log.find(5)->contentType, std::string("application/json"));
        QVERIFY(!log.find(99));
        ActivityEntry huge = makeEntry(0, "p", "e", 200, false);
        huge.keepBody(std::string(ActivityEntry::kMaxKeptBodyBytes + 1, 'x'), "application/json");
        QVERIFY(!huge.bodyKept);
        QVERIFY(huge.body.empty());
    }

    void filtersTheActivityLogLikeAUser()
    {
        MainWindow window;
        window.show();
        QTRY_VERIFY(window.sandbox()->isRunning());
        SandboxOutboxPage *page = window.sandboxPage();
        ActivityTableModel *model = page->activityModel();
        for (int i = 0; i < 30; ++i)
            model->append(makeEntry(i + 1, i % 3 == 0 ? "ana" : "ben",
                                    i % 2 == 0 ? "order_completed" : "product_viewed", i % 5 == 0 ? 400 : 200,
                                    i % 4 == 0));
        model->flush();
        QCOMPARE(model->rowCount(), 30);

        auto *person = page->findChild<QComboBox *>(QStringLiteral("personFilter"));
        person->setFocus();
        person->lineEdit()->selectAll();
        QTest::keyClicks(person->lineEdit(), QStringLiteral("ana"));
        QTest::keyClick(person->lineEdit(), Qt::Key_Return);
        QCOMPARE(model->rowCount(), 10);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, ActivityTableModel::Person).data().toString(), QStringLiteral("ana"));

        auto *status = page->findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findData(4));
        QCOMPARE(model->rowCount(), 2); // i = 0, 15

        status->setCurrentIndex(0);
        auto *verdict = page->findChild<QComboBox *>(QStringLiteral("verdictFilter"));
        verdict->setCurrentIndex(2);    // violates the plan
        QCOMPARE(model->rowCount(), 3); // i = 0, 12, 24

        person->lineEdit()->clear();
        QTest::keyClick(person->lineEdit(), Qt::Key_Return);
        QCOMPARE(model->rowCount(), 8);

        // Entries arriving later honour the filter.
        model->append(makeEntry(31, "cy", "product_viewed", 200, true));
        model->append(makeEntry(32, "cy", "product_viewed", 200, false));
        model->flush();
        QCOMPARE(model->rowCount(), 9);
    }

    void keepsAMillionRowsLazily()
    {
        ActivityTableModel model(1'000'000);
        QElapsedTimer timer;
        timer.start();
        // Arrivals in batches, the way live traffic comes in between flushes.
        auto appendBatch = [&model](int first, int count) {
            for (int n = first; n < first + count; ++n)
                model.append(makeEntry(n + 1, "person-" + std::to_string(n % 1000),
                                       n % 7 == 0 ? "order_completed" : "product_viewed",
                                       n % 50 == 0 ? 400 : 200, n % 10 == 0));
            model.flush();
        };
        for (int batch = 0; batch < 99; ++batch)
            appendBatch(batch * 10'000, 10'000);
        qInfo("990k entries appended in %lld ms", static_cast<long long>(timer.elapsed()));

        QTableView view;
        view.setModel(&model);
        view.resize(800, 600);
        view.show();
        QCoreApplication::processEvents();
        const int widgetsBefore = int(view.findChildren<QWidget *>().size());
        timer.restart();
        appendBatch(990'000, 10'000); // a live batch with the view attached
        view.scrollToBottom();
        QCoreApplication::processEvents();
        qInfo("10k live entries shown at 1M rows in %lld ms", static_cast<long long>(timer.elapsed()));
        QCOMPARE(model.rowCount(), 1'000'000);
        QCOMPARE(model.index(999'999, ActivityTableModel::Sequence).data().toLongLong(), 1'000'000LL);
        // The view paints only what is visible: no widget per row.
        QCOMPARE(int(view.findChildren<QWidget *>().size()), widgetsBefore);

        timer.restart();
        ActivityTableModel::Filter filter;
        filter.person = QStringLiteral("person-7");
        model.setFilter(filter);
        qInfo("filter over 1M rows in %lld ms", static_cast<long long>(timer.elapsed()));
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.index(0, ActivityTableModel::Sequence).data().toLongLong(), 8LL);

        filter.verdict = ActivityTableModel::VerdictFilter::Fail;
        model.setFilter(filter);
        QCOMPARE(model.rowCount(), 0); // n % 1000 == 7 is never a multiple of 10

        // Past the capacity the oldest rows go and the filtered view follows.
        model.setFilter({});
        model.append(makeEntry(1'000'001, "late", "product_viewed", 200, false));
        model.flush();
        QCOMPARE(model.rowCount(), 1'000'000);
        QCOMPARE(model.index(0, ActivityTableModel::Sequence).data().toLongLong(), 2LL);
        QCOMPARE(model.entryAt(999'999).person, std::string("late"));
    }

    void retriesAndPurgesDeadLetters()
    {
        const QString path = QDir(m_data.path()).filePath(QStringLiteral("outbox-test.sqlite"));
        {
            preflight::Outbox outbox;
            QVERIFY(outbox.open(path).ok());
            preflight::OutboxEntry entry;
            entry.environment = "staging";
            entry.dedupeId = "evt-1";
            entry.request.method = "POST";
            entry.request.url = "https://track.customer.io/api/v1/customers/ana/events";
            entry.request.body = R"({"name":"order_completed"})";
            auto report = outbox.enqueue({entry}, 1000);
            QVERIFY(report.ok());
            QVERIFY(outbox.markDead(report->ids.front(), 400, R"({"meta":{"error":"bad"}})", 2000).ok());
        }
        preflight::ui::OutboxPanel panel;
        panel.setPath(path);
        QCOMPARE(panel.rowCount(), 1);
        panel.selectRow(0);
        auto *details = panel.findChild<QPlainTextEdit *>(QStringLiteral("outboxDetails"));
        QVERIFY(details->toPlainText().contains(QStringLiteral("bad")));
        panel.findChild<QPushButton *>(QStringLiteral("outboxRetry"))->click();
        QCOMPARE(panel.rowCount(), 0); // no dead letters left: it is pending again

        auto *state = panel.findChild<QComboBox *>(QStringLiteral("outboxStateFilter"));
        state->setCurrentIndex(state->findData(QStringLiteral("pending")));
        QCOMPARE(panel.rowCount(), 1);
        panel.purgeShown(); // pending entries are never purged from here
        QCOMPARE(panel.rowCount(), 1);
    }

private:
    preflight::test::EnvironmentOverride m_suiteEnv; // initTestCase's, put back at the end
};

QTEST_MAIN(TestSandboxPage)
#include "TestSandboxPage.moc"
