#include "ScreenshotWriter.h"

#include "MainWindow.h"
#include "PlanDocument.h"
#include "inspector/ExampleValues.h"
#include "inspector/InspectorPage.h"
#include "timeline/TimelinePage.h"
#include "timeline/TimelineView.h"
#include "workbench/ScenarioDocument.h"
#include "workbench/ScenarioRunController.h"
#include "workbench/WorkbenchPage.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>

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

Result<QStringList> ScreenshotWriter::writeAll(MainWindow &window, const QString &directory)
{
    if (!QDir().mkpath(directory))
        return Error{"screenshot_dir", "cannot create the folder", directory.toStdString()};
    QStringList written;
    runShowcaseScenario(window);
    for (int i = 0; i < MainWindow::kPageCount; ++i) {
        const auto page = MainWindow::Page(i);
        if (page == MainWindow::Page::Inspector)
            stageInspector(window);
        window.showPage(page);
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
