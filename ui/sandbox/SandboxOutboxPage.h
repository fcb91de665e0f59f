#pragma once

#include "api/HttpRequest.h"
#include "sandbox/ActivityEntry.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace preflight::ui {

class ActivityChart;
class ActivityTableModel;
class EmbeddedSandbox;
class OutboxPanel;

// The embedded sandbox (its origin and credentials to copy), the people it knows, its live activity log with
// filters and a details pane, event/violation charts, and the outbox with its dead letters.
class SandboxOutboxPage : public QWidget
{
    Q_OBJECT

public:
    enum Tab { ActivityTab, PeopleTab, OutboxTab, ChartsTab };

    explicit SandboxOutboxPage(EmbeddedSandbox *sandbox, QWidget *parent = nullptr);

    ActivityTableModel *activityModel() const { return m_activityModel; }
    QTableView *activityView() const { return m_activityView; }
    OutboxPanel *outboxPanel() const { return m_outbox; }
    ActivityChart *chart() const { return m_chart; }
    QStandardItemModel *peopleModel() const { return m_peopleModel; }
    QTabWidget *tabs() const { return m_tabs; }
    QString detailsText() const;
    void refreshPeople();
    void applyFilters();
    // The request behind an activity row, as far as the log keeps it (method, URL; no body, no secrets).
    static HttpRequest requestFor(const ActivityEntry &entry, const QString &origin);
    // The entry behind a visible row with its body, from the sandbox's log while it still holds it.
    ActivityEntry fullEntry(int row) const;

signals:
    void openRequested(const preflight::HttpRequest &request);

private:
    QWidget *createBanner();
    QWidget *createActivityTab();
    QWidget *createPeopleTab();
    void onSandboxStarted(const QString &origin);
    void onSandboxFailed(const QString &message);
    void showDetails();
    void refreshFilterChoices();

    EmbeddedSandbox *m_sandbox;
    ActivityTableModel *m_activityModel;
    ActivityChart *m_chart = nullptr;
    OutboxPanel *m_outbox = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_origin = nullptr;
    QLineEdit *m_siteId = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLineEdit *m_writeKey = nullptr;
    QLineEdit *m_appKey = nullptr;
    QComboBox *m_personFilter = nullptr;
    QComboBox *m_eventFilter = nullptr;
    QComboBox *m_outcomeFilter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_verdictFilter = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_activityView = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QPushButton *m_openButton = nullptr;
    QStandardItemModel *m_peopleModel = nullptr;
    QTimer *m_peopleTimer = nullptr;
};

} // namespace preflight::ui
