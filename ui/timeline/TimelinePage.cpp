#include "TimelinePage.h"

#include "JourneyListModel.h"
#include "JourneySummary.h"
#include "TimelineView.h"
#include "workbench/ScenarioRun.h"

#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QSplitter>
#include <QStringListModel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace preflight::ui {

TimelinePage::TimelinePage(QWidget *parent)
    : QWidget(parent)
    , m_view(new TimelineView(this))
    , m_title(new QLabel(this))
    , m_peopleModel(new QStringListModel(this))
    , m_journeyModel(new JourneyListModel(this))
    , m_people(new QListView(this))
    , m_journeys(new QListView(this))
    , m_details(new QTextBrowser(this))
{
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_people->setObjectName(QStringLiteral("timelinePeople"));
    m_people->setModel(m_peopleModel);
    m_people->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_journeys->setModel(m_journeyModel);
    m_journeys->setObjectName(QStringLiteral("journeyList"));
    m_details->setObjectName(QStringLiteral("timelineDetails"));
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    m_title->setText(tr("Run a scenario (Ctrl+R) to see its timeline · wheel or +/- zoom, 0 shows all"));
    m_details->setPlaceholderText(tr("Click an item on the timeline or a journey to see why"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>People</b>"), left));
    leftLayout->addWidget(m_people, 1);
    leftLayout->addWidget(new QLabel(tr("<b>Journeys</b>"), left));
    leftLayout->addWidget(m_journeys, 2);

    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_title);
    // Lanes grow with the rows their labels need; past the pane's height they scroll.
    auto *scroll = new QScrollArea(centre);
    scroll->setObjectName(QStringLiteral("timelineScroll"));
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_view);
    auto *vertical = new QSplitter(Qt::Vertical, centre);
    vertical->addWidget(scroll);
    vertical->addWidget(m_details);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    centreLayout->addWidget(vertical, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(centre);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_people->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { selectPerson(current.isValid() ? current.row() : -1); });
    connect(m_journeys->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showJourney(current.isValid() ? current.row() : -1); });
    connect(m_view, &TimelineView::itemSelected, this, [this](int index) {
        if (index >= 0 && index < int(m_view->items().size()))
            m_details->setHtml(m_view->items()[std::size_t(index)].details);
    });
}

void TimelinePage::setRun(std::shared_ptr<const WorkbenchRun> run, const QString &title)
{
    m_run = std::move(run);
    m_title->setText(tr("<b>%1</b> — %2")
                         .arg(title.toHtmlEscaped(),
                              QString::fromStdString(m_run->result.passed() ? "all expectations pass"
                                                                            : "expectations failed")));
    // Listed by their scenario identity ("cust-1 (cio 03000001)"), selected by key.
    QStringList people;
    m_personKeys.clear();
    for (const std::string &person : timelinePeople(*m_run)) {
        people << QString::fromStdString(m_run->result.timeline.describePerson(person));
        m_personKeys.push_back(person);
    }
    m_peopleModel->setStringList(people);
    auto journeys = loadJourneysFile(m_run->journeysPath);
    m_journeyModel->setJourneys(journeys ? std::move(*journeys) : Journeys{});
    m_details->clear();
    selectPerson(people.isEmpty() ? -1 : 0);
}

void TimelinePage::selectPerson(int row)
{
    if (!m_run || row < 0 || row >= m_peopleModel->rowCount()) {
        m_view->setItems({}, 0);
        return;
    }
    const QModelIndex person = m_peopleModel->index(row, 0);
    if (m_people->currentIndex() != person) {
        m_people->setCurrentIndex(person); // comes back here through the selection model
        return;
    }
    m_view->setItems(timelineItemsFor(*m_run, m_personKeys.at(std::size_t(row))), m_run->result.origin);
}

void TimelinePage::showJourney(int row)
{
    const Campaign *shown = m_journeyModel->campaign(row);
    if (!shown)
        return;
    const Campaign &campaign = *shown;
    m_details->setHtml(QStringLiteral("<b>%1</b><pre>%2</pre>")
                           .arg(QString::fromStdString(campaign.name).toHtmlEscaped(),
                                summarizeCampaign(campaign).toHtmlEscaped()));
}

} // namespace preflight::ui
