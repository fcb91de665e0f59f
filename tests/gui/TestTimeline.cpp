// The timeline as a user reads it: steps before the scenario's start spread out instead of piling on 0,
// labels never overlap or leave the view at any range or zoom, and the axis stays readable.
#include "GuiTestSupport.h"

#include "MainWindow.h"
#include "Project.h"
#include "timeline/TimelinePage.h"
#include "timeline/TimelineView.h"
#include "workbench/WorkbenchPage.h"

#include <QListView>
#include <QPushButton>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

#include <set>

using namespace preflight;
using namespace preflight::ui;

namespace {

constexpr std::int64_t kDay = 24 * 60 * 60 * 1000LL;

// Every drawn label inside the view and clear of every other; the axis' labels clear of each other.
void verifyReadable(const TimelineView &view)
{
    std::vector<QRectF> labels;
    for (int i = 0; i < int(view.items().size()); ++i) {
        if (!view.isShown(i))
            continue;
        const QRectF label = view.labelRect(i);
        QVERIFY2(label.left() >= 0 && label.right() <= view.width(),
                 qPrintable(view.items()[std::size_t(i)].label));
        for (const QRectF &other : labels)
            QVERIFY2(!label.intersects(other), qPrintable(view.items()[std::size_t(i)].label));
        labels.push_back(label);
    }
    const auto ticks = view.tickLabels();
    for (int i = 0; i < ticks.size(); ++i) {
        QVERIFY2(ticks[i].second.left() >= 0 && ticks[i].second.right() <= view.width(),
                 qPrintable(ticks[i].first));
        for (int j = 0; j < i; ++j)
            QVERIFY2(!ticks[i].second.intersects(ticks[j].second), qPrintable(ticks[i].first));
    }
}

TimelineItem item(TimelineItem::Lane lane, std::int64_t offset, const QString &label)
{
    TimelineItem made;
    made.lane = lane;
    made.at = offset;
    made.occurredAt = offset;
    made.label = label;
    return made;
}

QStringList tickTexts(const TimelineView &view)
{
    QStringList texts;
    for (const auto &tick : view.tickLabels())
        texts << tick.first;
    return texts;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;

private slots:
    void init() { m_settings = preflight::test::isolateSettings(); }

    void winbackStepsBeforeTheStartSpreadOut()
    {
        QTemporaryDir folder;
        const QString project = folder.filePath(QStringLiteral("d2c"));
        QVERIFY(Project::createFromStarter(project, QStringLiteral(PREFLIGHT_EXAMPLES_DIR)).ok());
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProject(project));
        window.showPage(MainWindow::Page::Scenarios);
        auto *list = window.findChild<QListView *>(QStringLiteral("scenarioList"));
        const auto found = list->model()->match(list->model()->index(0, 0), Qt::DisplayRole,
                                                QStringLiteral("winback-recent-buyers"), 1, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(found.front()).center());
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.workbench()->lastRun() && !window.workbench()->isRunning(), 60000);
        window.showPage(MainWindow::Page::Timeline);

        TimelineView *view = window.timeline()->view();
        QTRY_VERIFY(!view->items().empty());
        // Events 60, 35 and 7 days before the start sit at their own places, left of the start.
        std::set<qint64> times;
        std::set<int> xs;
        for (int i = 0; i < int(view->items().size()); ++i) {
            if (view->items()[std::size_t(i)].lane != TimelineItem::Lane::Events)
                continue;
            times.insert(view->items()[std::size_t(i)].at);
            xs.insert(int(std::lround(view->markPosition(i).x())));
        }
        QVERIFY(times.size() >= 2);
        QCOMPARE(xs.size(), times.size());
        const QStringList ticks = tickTexts(*view);
        QVERIFY2(ticks.contains(QStringLiteral("0")), qPrintable(ticks.join(' ')));
        QVERIFY2(std::any_of(ticks.begin(), ticks.end(),
                             [](const QString &t) { return t.startsWith(QChar(0x2212)); }),
                 qPrintable(ticks.join(' ')));
        verifyReadable(*view);

        // People are listed by their scenario identity beside the cio_id, not by the cio_id alone.
        auto *people = window.findChild<QListView *>(QStringLiteral("timelinePeople"));
        QVERIFY(people && people->model()->rowCount() > 0);
        const QString first = people->model()->index(0, 0).data().toString();
        QVERIFY2(first.contains(QStringLiteral(" (cio ")) && !first.startsWith(QStringLiteral("(cio")),
                 qPrintable(first));
    }

    void axisAndLabelsReadableFromMinus90To90DaysAtAnyZoom()
    {
        TimelineView view;
        view.resize(1000, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        std::vector<TimelineItem> items;
        const std::int64_t offsets[] = {-90 * kDay, -60 * kDay, -35 * kDay, -30 * kDay,
                                        -7 * kDay,  -kDay,      0,          60 * 60 * 1000,
                                        kDay,       7 * kDay,   30 * kDay,  90 * kDay};
        for (std::int64_t offset : offsets) {
            // Several things at the same moment, in two lanes, with long labels.
            items.push_back(item(TimelineItem::Lane::Events, offset,
                                 QStringLiteral("order_completed at %1").arg(offset)));
            items.push_back(item(TimelineItem::Lane::Events, offset, QStringLiteral("identify")));
            items.push_back(
                item(TimelineItem::Lane::Journeys, offset, QStringLiteral("winback: SENT winback_offer")));
        }
        view.setItems(items, 0);
        for (int i = 0; i < int(items.size()); ++i)
            QVERIFY(view.isShown(i));
        verifyReadable(view);
        const QStringList ticks = tickTexts(view);
        QVERIFY2(ticks.size() >= 6, qPrintable(ticks.join(' ')));
        for (const QString &expected : {QStringLiteral("0"), QStringLiteral("−30d"), QStringLiteral("+30d")})
            QVERIFY2(ticks.contains(expected), qPrintable(ticks.join(' ')));
        // The lanes grew to hold the rows: the view asks for the height they need.
        QVERIFY(view.minimumSizeHint().height() > 3 * 60);

        // The wheel zooms around the pointer; labels stay clear of each other.
        const QPointF at = view.markPosition(int(items.size()) - 3); // +30d
        QWheelEvent wheel(at, view.mapToGlobal(at), {}, {0, 360}, Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QVERIFY(view.zoom() > 1.5);
        QVERIFY(std::abs(view.markPosition(int(items.size()) - 3).x() - at.x()) < 2);
        verifyReadable(view);
        // Keys: + closer, Left pans, 0 shows everything again.
        view.setFocus();
        const double zoomed = view.zoom();
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(view.zoom() > zoomed);
        verifyReadable(view);
        QTest::keyClick(&view, Qt::Key_Left);
        verifyReadable(view);
        QTest::keyClick(&view, Qt::Key_0);
        QCOMPARE(view.zoom(), 1.0);
        for (int i = 0; i < int(items.size()); ++i)
            QVERIFY(view.isShown(i));
        // Narrow windows too.
        view.resize(560, 400);
        verifyReadable(view);
    }
};

QTEST_MAIN(TestTimeline)
#include "TestTimeline.moc"
