#pragma once

#include "env/Environment.h"
#include "env/EnvironmentStore.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;

namespace preflight::ui {

// Lists, adds, edits and removes the environments calls can go to (EnvironmentStore, shared with the CLI),
// with their secrets entered in password fields and handed to SecretStore (the keychain), never to a settings
// file; tests credentials with the documented no-op; and chooses the current environment, asking for the
// environment's name to be typed before production becomes current.
class EnvironmentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit EnvironmentsPage(QWidget *parent = nullptr);

    // Where the built-in "sandbox" environment points: the console's embedded sandbox.
    void setSandboxOrigin(const QString &origin);
    QString sandboxOrigin() const { return m_sandboxOrigin; }

    // The current environment (where sends go); restored from the settings at construction.
    QString currentName() const { return m_currentName; }
    bool currentIsProduction() const;
    // Makes `name` current; a production environment needs its name typed in a confirmation dialog first.
    // Returns false when it does not exist or the confirmation was not given.
    bool setCurrent(const QString &name);

    void reload();
    void selectEnvironment(const QString &name);
    Status saveForm();
    void testCredentials();
    QString testResult() const;
    QString secretsMessage() const;
    const EnvironmentStore &store() const { return m_store; }

signals:
    void currentEnvironmentChanged(const QString &name, bool production);
    void credentialsTested(bool ok, const QString &message);

private:
    void showEnvironment(const Environment &environment);
    bool isEmbeddedSandbox(const Environment &environment) const;
    Result<Environment> formEnvironment() const;
    void refreshSecretsMessage();
    void setTestResult(bool ok, const QString &message);

    EnvironmentStore m_store;
    QString m_sandboxOrigin;
    QString m_currentName;
    QNetworkAccessManager *m_network;

    QComboBox *m_current;
    QListWidget *m_list;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QComboBox *m_region;
    QList<QCheckBox *> m_apis;
    QCheckBox *m_production;
    QLineEdit *m_origin;
    QLineEdit *m_siteId;
    QLineEdit *m_apiKey;
    QLineEdit *m_writeKey;
    QLineEdit *m_appKey;
    QGroupBox *m_secretsGroup = nullptr;
    QLabel *m_secretsMessage;
    QLabel *m_testResult;
    QPushButton *m_testButton;
    QPushButton *m_removeButton;
};

} // namespace preflight::ui
