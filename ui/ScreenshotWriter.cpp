#include "ScreenshotWriter.h"

#include "MainWindow.h"
#include "PlanDocument.h"
#include "environments/EnvironmentsPage.h"
#include "inspector/ExampleValues.h"
#include "inspector/InspectorPage.h"
#include "sandbox/ActivityTableModel.h"
#include "sandbox/EmbeddedSandbox.h"
#include "sandbox/SandboxOutboxPage.h"
#include "timeline/TimelinePage.h"
#include "timeline/TimelineView.h"
#include "workbench/ScenarioDocument.h"
#include "workbench/ScenarioRunController.h"
#include "workbench/WorkbenchPage.h"

#include "api/HttpRequest.h"
#include "sandbox/SandboxConfig.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPixmap>
#include <QTableView>

namespace preflight::ui {
namespace {

// The inspector shot shows a realistic cart event with one mistake teams really make (a price sent as a
// string), so the picture carries the request, an inline verdict and its suggestion.
void stageInspector(MainWindow &window)
{
    Call call;
    call.kind = CallKind::Track;
    call.identity.id = "cust_1001";
    call.identity.email = "ada@example.com";
    call.name = "added_to_cart";
    call.occurredAt = parseIso8601("2026-11-20T09:30:00Z");
    call.dedupeId = "01JD6Q3Z8K2M4N5P6R7S8T9V0W";
    if (const EventSpec *event = window.planDocument()->plan().findEvent(call.name))
        call.properties = withRequiredExamples(*event, Json::object());
    call.properties["cart_value"] = "59.00";
    window.inspector()->openCall(call, Api::TrackV1);
}

} // namespace

namespace {

// The Scenarios and Timeline shots show a real run: the late-purchase scenario, whose reminder leaks.
void runShowcaseScenario(MainWindow &window)
{
    WorkbenchPage *workbench = window.workbench();
    const int index = window.scenarioDocument()->indexOfName(QStringLiteral("late-purchase"));
    if (index < 0)
        return;
    workbench->selectScenario(index);
    // The console's sandbox starts just after the window shows; the run should land in its log.
    if (!window.sandbox()->isRunning())
        (void)window.sandbox()->start();
    workbench->runCurrent();
    QElapsedTimer clock;
    clock.start();
    while (workbench->runner()->isRunning() && clock.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    QApplication::processEvents();
    // Select the leaked send so the details pane explains it.
    TimelineView *view = window.timeline()->view();
    for (std::size_t i = 0; i < view->items().size(); ++i) {
        if (view->items()[i].kind == TimelineEntry::Kind::Sent) {
            view->select(int(i));
            break;
        }
    }
}

} // namespace

namespace {

// Real traffic for the sandbox shot: a storefront's calls over loopback, some of them breaking the plan.
void sendDemoTraffic(MainWindow &window)
{
    QElapsedTimer waited;
    waited.start();
    while (!window.sandbox()->isRunning() && waited.elapsed() < 5000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!window.sandbox()->isRunning())
        return;
    const QString origin = window.sandbox()->origin();
    const Credentials credentials = sandboxTestCredentials();
    const QByteArray authorization =
        QByteArray::fromStdString(basicAuthorization(credentials.siteId, credentials.apiKey));
    const char *people[] = {"cust-1042", "cust-2217", "maya@example.com", "cust-3390", "cust-4471"};
    const char *bodies[] = {
        R"({"name":"product_viewed","data":{"product_id":"sku-881","price":34.0,"category":"tea"}})",
        R"({"name":"added_to_cart","data":{"cart_id":"c-77","cart_value":68.0,"currency":"USD","items":[{"sku":"sku-881"}]}})",
        R"({"name":"checkout_started","data":{"cart_id":"c-77","checkout_id":"k-9","cart_value":68.0,"currency":"USD","items":[]}})",
        R"({"name":"product_viewed","data":{"price":-5,"url":"ftp://shop"}})",
        R"({"name":"order_completed","data":{"order_id":"o-5521","revenue":"68.00","currency":"USD"}})",
        R"({"name":"product_viewed","data":{"product_id":"sku-12","price":12.0}})"};
    QNetworkAccessManager network;
    int pending = 0;
    for (int i = 0; i < 60; ++i) {
        const QString person = QString::fromLatin1(people[(i * 7) % 5]);
        QNetworkRequest request(QUrl(origin + QStringLiteral("/api/v1/customers/%1/events").arg(person)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Authorization",
                             i % 29 == 28 ? QByteArray("Basic d3Jvbmc6a2V5") : authorization);
        QNetworkReply *reply = network.post(request, QByteArray(bodies[(i * 5) % 6]));
        ++pending;
        QObject::connect(reply, &QNetworkReply::finished, reply, [&pending, reply] {
            --pending;
            reply->deleteLater();
        });
    }
    waited.restart();
    while (pending > 0 && waited.elapsed() < 10000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    // Past the model's batching interval, so every row is in before the grab.
    waited.restart();
    while (waited.elapsed() < 300)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    window.sandboxPage()->refreshPeople();
    // Show a request that breaks the plan, with its verdicts in the details pane.
    SandboxOutboxPage *page = window.sandboxPage();
    for (int row = 0; row < page->activityModel()->rowCount(); ++row) {
        if (!page->activityModel()->entryAt(row).verdicts.empty()) {
            page->activityView()->setCurrentIndex(page->activityModel()->index(row, 0));
            break;
        }
    }
}

} // namespace

Result<QStringList> ScreenshotWriter::writeAll(MainWindow &window, const QString &directory)
{
    if (!QDir().mkpath(directory))
        return Error{"screenshot_dir", "cannot create the folder", directory.toStdString()};
    QStringList written;
    runShowcaseScenario(window);
    sendDemoTraffic(window);
    for (int i = 0; i < MainWindow::kPageCount; ++i) {
        const auto page = MainWindow::Page(i);
        if (page == MainWindow::Page::Inspector)
            stageInspector(window);
        window.showPage(page);
        if (page == MainWindow::Page::Environments)
            window.environmentsPage()->selectEnvironment(QStringLiteral("staging"));
        // Let layouts settle and deferred model work paint before the grab.
        for (int round = 0; round < 3; ++round)
            QApplication::processEvents();
        const QString path = QDir(directory).filePath(MainWindow::pageId(page) + QStringLiteral(".png"));
        if (!window.grab().save(path))
            return Error{"screenshot_write", "cannot write the image", path.toStdString()};
        written << path;
    }
    return written;
}

} // namespace preflight::ui
