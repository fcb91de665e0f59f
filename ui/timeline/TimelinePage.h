#pragma once

#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QLabel;
class QListView;
class QStringListModel;
class QTextBrowser;

namespace preflight::ui {

struct WorkbenchRun;
class JourneyListModel;
class TimelineView;

// Timeline page: the people of the last run, one person's time axis, a details pane with the reason of the
// clicked item, and the run's journeys with their rules in words.
class TimelinePage : public QWidget
{
    Q_OBJECT

public:
    explicit TimelinePage(QWidget *parent = nullptr);

    void setRun(std::shared_ptr<const WorkbenchRun> run, const QString &title);
    TimelineView *view() const { return m_view; }
    QListView *people() const { return m_people; }
    QListView *journeys() const { return m_journeys; }
    QTextBrowser *details() const { return m_details; }
    void selectPerson(int row);

private:
    void showJourney(int row);

    TimelineView *m_view;
    QLabel *m_title;
    QStringListModel *m_peopleModel;
    std::vector<std::string> m_personKeys; // per row of m_peopleModel
    JourneyListModel *m_journeyModel;
    QListView *m_people;
    QListView *m_journeys;
    QTextBrowser *m_details;
    std::shared_ptr<const WorkbenchRun> m_run;
};

} // namespace preflight::ui
