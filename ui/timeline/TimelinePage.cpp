#include "TimelinePage.h"

#include "JourneySummary.h"
#include "TimelineView.h"
#include "workbench/ScenarioRun.h"

#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace preflight::ui {

TimelinePage::TimelinePage(QWidget *parent)
    : QWidget(parent)
    , m_view(new TimelineView(this))
    , m_title(new QLabel(this))
    , m_people(new QListWidget(this))
    , m_journeys(new QListWidget(this))
    , m_details(new QTextBrowser(this))
{
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_people->setObjectName(QStringLiteral("timelinePeople"));
    m_journeys->setObjectName(QStringLiteral("journeyList"));
    m_details->setObjectName(QStringLiteral("timelineDetails"));
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    m_title->setText(tr("Run a scenario (Ctrl+R) to see its timeline"));
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
    auto *vertical = new QSplitter(Qt::Vertical, centre);
    vertical->addWidget(m_view);
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

    connect(m_people, &QListWidget::currentRowChanged, this, &TimelinePage::selectPerson);
    connect(m_journeys, &QListWidget::currentRowChanged, this, &TimelinePage::showJourney);
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
    m_people->clear();
    for (const std::string &person : timelinePeople(*m_run))
        m_people->addItem(QString::fromStdString(person));
    m_journeys->clear();
    auto journeys = loadJourneysFile(m_run->journeysPath);
    m_loadedJourneys = journeys ? std::move(*journeys) : Journeys{};
    for (const Campaign &campaign : m_loadedJourneys.campaigns) {
        auto *item = new QListWidgetItem(QString::fromStdString(campaign.name), m_journeys);
        item->setToolTip(summarizeCampaign(campaign));
    }
    m_details->clear();
    if (m_people->count())
        m_people->setCurrentRow(0);
}

void TimelinePage::selectPerson(int row)
{
    if (!m_run || row < 0 || row >= m_people->count()) {
        m_view->setItems({}, 0);
        return;
    }
    if (m_people->currentRow() != row)
        m_people->setCurrentRow(row);
    m_view->setItems(timelineItemsFor(*m_run, m_people->item(row)->text().toStdString()),
                     m_run->result.origin);
}

void TimelinePage::showJourney(int row)
{
    if (row < 0 || row >= int(m_loadedJourneys.campaigns.size()))
        return;
    const Campaign &campaign = m_loadedJourneys.campaigns[std::size_t(row)];
    m_details->setHtml(QStringLiteral("<b>%1</b><pre>%2</pre>")
                           .arg(QString::fromStdString(campaign.name).toHtmlEscaped(),
                                summarizeCampaign(campaign).toHtmlEscaped()));
}

} // namespace preflight::ui
