#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace preflight::ui {

class AttributeTableModel;
class EventListModel;
class LintModel;
class PlanDiffModel;
class PlanDocument;
class PropertyTableModel;

// The tracking plan designer: events with their property tables, identity rules, person attributes, the
// changes since the last save, and the live lint panel underneath.
class PlanDesignerPage : public QWidget
{
    Q_OBJECT

public:
    enum Tab { EventsTab, IdentityTab, AttributesTab, ChangesTab };

    explicit PlanDesignerPage(PlanDocument *document, QWidget *parent = nullptr);

    // Selects an event (and optionally one of its properties) by name; false if there is no such event.
    bool selectEvent(const QString &event, const QString &property = {});
    bool selectAttribute(const QString &attribute);
    int currentEvent() const;

    QByteArray saveLayout() const;
    void restoreLayout(const QByteArray &state);

private:
    QWidget *createEventsTab();
    QWidget *createAttributesTab();
    QWidget *createLintPanel();
    QWidget *createChangesTab();
    void onEventSelected();
    void refreshHeader();
    void addEvent();
    void removeEvent();
    void addProperty();
    void removeProperty();
    void onLintActivated(const QModelIndex &index);

    PlanDocument *m_document;
    EventListModel *m_eventModel;
    QSortFilterProxyModel *m_eventFilter;
    PropertyTableModel *m_propertyModel;
    AttributeTableModel *m_attributeModel;
    PlanDiffModel *m_diffModel;
    LintModel *m_lintModel;

    QLabel *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_verticalSplitter = nullptr;
    QSplitter *m_eventsSplitter = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_eventView = nullptr;
    QLabel *m_eventTitle = nullptr;
    QTableView *m_propertyView = nullptr;
    QTableView *m_attributeView = nullptr;
    QTableView *m_lintView = nullptr;
    QLabel *m_lintSummary = nullptr;
    QList<QPushButton *> m_editButtons; // add/remove event and property: need a loaded plan
};

} // namespace preflight::ui
