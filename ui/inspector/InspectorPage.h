#pragma once

#include "api/Api.h"
#include "api/HttpRequest.h"
#include "call/Call.h"
#include "common/Result.h"

#include <QWidget>

class QAction;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStringListModel;
class QTableView;
class QTabWidget;
class QTreeView;

namespace preflight::ui {

class InspectorSession;
class JsonTreeModel;
class PlanDocument;
class VerdictModel;

// Payload inspector: compose a call (or open one from elsewhere) and see the exact request it becomes,
// the dialect's refusal if it breaks a limit, and the plan's verdict on every field. The state and all
// decisions live in InspectorSession and the models; this widget only binds them.
class InspectorPage : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPage(PlanDocument *plan, QWidget *parent = nullptr);
    ~InspectorPage() override;

    // Shows `call` as rendered for `api` (outbox entries, scenario steps, run reports open calls here).
    void openCall(const Call &call, Api api, Region region = Region::US);
    // Shows a request as sent or received: its dialect parses it back into the call. Fails (and changes
    // nothing) when no data-in surface accepts it.
    Status openRequest(const HttpRequest &request);

    InspectorSession *session() const { return m_session; }
    JsonTreeModel *propertiesModel() const { return m_properties; }
    VerdictModel *verdictModel() const { return m_verdicts; }

    // The redacted renderings the copy actions put on the clipboard; empty while the call is refused.
    QString curlText() const;
    QString rawHttpText() const;
    void copyAsCurl();
    void copyRawHttp();

private:
    QWidget *createComposer();
    QWidget *createRequestPane();
    QWidget *createVerdictPane();
    void refreshPlan();
    void composeFromFields();
    void onEventChosen();
    void onTreeEdited();
    void onRawTextEdited();
    void onInspected();
    void selectPointer(const QString &pointer);
    void setFieldsFromCall(const Call &call, Api api, Region region);
    // What the Name and Object fields mean for the chosen kind, said in their placeholders.
    void describeFieldsForKind();

    PlanDocument *m_plan;
    InspectorSession *m_session;
    JsonTreeModel *m_properties;
    VerdictModel *m_verdicts;
    bool m_updating = false;

    QComboBox *m_apiCombo = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QComboBox *m_regionCombo = nullptr;
    QLineEdit *m_idEdit = nullptr;
    QLineEdit *m_emailEdit = nullptr;
    QLineEdit *m_cioIdEdit = nullptr;
    QLineEdit *m_anonymousIdEdit = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_objectTypeEdit = nullptr;
    QLineEdit *m_objectIdEdit = nullptr;
    QLineEdit *m_timestampEdit = nullptr;
    QLineEdit *m_eventIdEdit = nullptr;
    QCompleter *m_eventCompleter = nullptr;
    QStringListModel *m_eventNames = nullptr;
    QTabWidget *m_propertyTabs = nullptr;
    QTreeView *m_tree = nullptr;
    QPlainTextEdit *m_rawEdit = nullptr;
    QLabel *m_rawError = nullptr;
    QLabel *m_timestampError = nullptr;
    QLabel *m_refusal = nullptr;
    QPlainTextEdit *m_requestView = nullptr;
    QLabel *m_copyStatus = nullptr;
    QTableView *m_verdictView = nullptr;
    QAction *m_copyCurlAction = nullptr;
    QAction *m_copyRawAction = nullptr;
};

} // namespace preflight::ui
