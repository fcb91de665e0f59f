#include "EnvironmentsPage.h"

#include "ProductionConfirmation.h"

#include "env/SecretStore.h"
#include "sandbox/SandboxConfig.h"
#include "transport/RequestAuth.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

namespace preflight::ui {

namespace {

const Api kApis[] = {Api::TrackV1, Api::TrackV2, Api::Pipelines, Api::App};

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

EnvironmentsPage::EnvironmentsPage(QWidget *parent)
    : QWidget(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_current(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_region(new QComboBox(this))
    , m_production(new QCheckBox(tr("Production: real customers"), this))
    , m_origin(new QLineEdit(this))
    , m_siteId(new QLineEdit(this))
    , m_apiKey(new QLineEdit(this))
    , m_writeKey(new QLineEdit(this))
    , m_appKey(new QLineEdit(this))
    , m_secretsMessage(new QLabel(this))
    , m_testResult(new QLabel(this))
    , m_testButton(new QPushButton(tr("Test Credentials"), this))
    , m_removeButton(new QPushButton(tr("Remove"), this))
{
    m_current->setObjectName(QStringLiteral("currentEnvironment"));
    m_list->setObjectName(QStringLiteral("environmentList"));
    m_name->setObjectName(QStringLiteral("environmentName"));
    m_kind->setObjectName(QStringLiteral("environmentKind"));
    m_region->setObjectName(QStringLiteral("environmentRegion"));
    m_production->setObjectName(QStringLiteral("environmentProduction"));
    m_origin->setObjectName(QStringLiteral("environmentOrigin"));
    m_siteId->setObjectName(QStringLiteral("secretSiteId"));
    m_apiKey->setObjectName(QStringLiteral("secretTrackApiKey"));
    m_writeKey->setObjectName(QStringLiteral("secretPipelinesWriteKey"));
    m_appKey->setObjectName(QStringLiteral("secretAppApiKey"));
    m_secretsMessage->setObjectName(QStringLiteral("secretsMessage"));
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testButton->setObjectName(QStringLiteral("testCredentials"));
    m_testButton->setToolTip(
        tr("Ask Customer.io (or the sandbox) which region these Track credentials belong to"));
    m_removeButton->setObjectName(QStringLiteral("removeEnvironment"));
    m_removeButton->setToolTip(tr("Remove the environment from this machine's list"));

    m_kind->addItem(tr("Customer.io workspace"), QStringLiteral("workspace"));
    m_kind->addItem(tr("Sandbox"), QStringLiteral("sandbox"));
    m_region->addItem(tr("US"), QStringLiteral("us"));
    m_region->addItem(tr("EU"), QStringLiteral("eu"));
    m_origin->setPlaceholderText(tr("empty: Customer.io's hosts for the region"));
    for (QLineEdit *secret : {m_siteId, m_apiKey, m_writeKey, m_appKey}) {
        secret->setEchoMode(QLineEdit::Password);
        secret->setPlaceholderText(tr("unchanged"));
    }
    m_secretsMessage->setWordWrap(true);
    m_secretsMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setWordWrap(true);

    auto *apis = new QHBoxLayout;
    for (Api api : kApis) {
        auto *box = new QCheckBox(qs(toString(api)), this);
        box->setObjectName(QStringLiteral("api-") + qs(toString(api)));
        m_apis.append(box);
        apis->addWidget(box);
    }
    apis->addStretch();

    auto *settings = new QGroupBox(tr("Environment"), this);
    auto *form = new QFormLayout(settings);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Region"), m_region);
    form->addRow(tr("APIs"), apis);
    form->addRow(tr("Origin"), m_origin);
    form->addRow(QString(), m_production);

    m_secretsGroup = new QGroupBox(tr("Credentials"), this);
    auto *secrets = m_secretsGroup;
    auto *secretsForm = new QFormLayout(secrets);
    secretsForm->addRow(tr("Site ID"), m_siteId);
    secretsForm->addRow(tr("Track API key"), m_apiKey);
    secretsForm->addRow(tr("Pipelines write key"), m_writeKey);
    secretsForm->addRow(tr("App API key"), m_appKey);
    secretsForm->addRow(m_secretsMessage);

    auto *newButton = new QPushButton(tr("New"), this);
    newButton->setObjectName(QStringLiteral("newEnvironment"));
    newButton->setToolTip(tr("Add an environment: a Customer.io workspace or another sandbox"));
    auto *saveButton = new QPushButton(tr("Save"), this);
    saveButton->setObjectName(QStringLiteral("saveEnvironment"));
    saveButton->setToolTip(tr("Save the environment's settings; typed secrets go to the keychain"));
    saveButton->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    buttons->addWidget(m_testButton);
    buttons->addWidget(saveButton);

    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addWidget(settings);
    editorLayout->addWidget(secrets);
    editorLayout->addLayout(buttons);
    editorLayout->addWidget(m_testResult);
    editorLayout->addStretch();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(editor);
    splitter->setSizes({240, 700});
    splitter->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    auto *currentLabel = new QLabel(tr("<b>Current environment</b> (where sends go):"), this);
    top->addWidget(currentLabel);
    top->addWidget(m_current, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (Result<Environment> environment = m_store.find(name.toStdString()))
            showEnvironment(*environment);
    });
    connect(newButton, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        Environment fresh;
        fresh.name.clear();
        showEnvironment(fresh);
        m_name->setFocus();
    });
    connect(saveButton, &QPushButton::clicked, this, [this] { (void)saveForm(); });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const QString name = m_name->text();
        if (Status status = m_store.remove(name.toStdString()); !status) {
            setTestResult(false, QString::fromStdString(status.error().toString()));
            return;
        }
        (void)SecretStore().remove(name.toStdString());
        if (name == m_currentName)
            setCurrent(QString::fromLatin1(Environment::kSandboxName));
        reload();
    });
    connect(m_testButton, &QPushButton::clicked, this, &EnvironmentsPage::testCredentials);
    connect(m_name, &QLineEdit::textChanged, this, &EnvironmentsPage::refreshSecretsMessage);
    // The items show labels ("prod (PRODUCTION)"); the environment's name is the item's data.
    connect(m_current, &QComboBox::activated, this, [this](int index) {
        if (!setCurrent(m_current->itemData(index).toString())) {
            const QSignalBlocker blocker(m_current);
            m_current->setCurrentIndex(std::max(0, m_current->findData(m_currentName)));
        }
    });

    m_currentName =
        QSettings()
            .value(QStringLiteral("environment/name"), QString::fromLatin1(Environment::kSandboxName))
            .toString();
    if (!m_store.find(m_currentName.toStdString()))
        m_currentName = QString::fromLatin1(Environment::kSandboxName);
    reload();
}

void EnvironmentsPage::setSandboxOrigin(const QString &origin)
{
    m_sandboxOrigin = origin;
    if (m_name->text() == QLatin1String(Environment::kSandboxName))
        if (Result<Environment> sandbox = m_store.find(Environment::kSandboxName))
            showEnvironment(*sandbox);
}

bool EnvironmentsPage::isEmbeddedSandbox(const Environment &environment) const
{
    // The built-in sandbox with its default (or no) origin means the console's own, running sandbox.
    return environment.name == Environment::kSandboxName && !m_sandboxOrigin.isEmpty() &&
           (environment.origin.empty() || environment.origin == Environment::builtInSandbox().origin);
}

void EnvironmentsPage::reload()
{
    const QString selected = m_list->currentItem() ? m_list->currentItem()->text() : m_currentName;
    const QSignalBlocker listBlocker(m_list);
    const QSignalBlocker currentBlocker(m_current);
    m_list->clear();
    m_current->clear();
    for (const Environment &environment : m_store.list()) {
        const QString name = QString::fromStdString(environment.name);
        auto *item = new QListWidgetItem(name, m_list);
        if (environment.production) {
            item->setText(name);
            item->setToolTip(tr("Production"));
            item->setForeground(QColor(0xc6, 0x28, 0x28));
            item->setData(Qt::UserRole, true);
        }
        m_current->addItem(environment.production ? tr("%1 (PRODUCTION)").arg(name) : name, name);
    }
    m_current->setCurrentIndex(std::max(0, m_current->findData(m_currentName)));
    const auto matches = m_list->findItems(selected, Qt::MatchExactly);
    m_list->setCurrentItem(matches.isEmpty() ? m_list->item(0) : matches.front());
    if (m_list->currentItem())
        if (Result<Environment> environment = m_store.find(m_list->currentItem()->text().toStdString()))
            showEnvironment(*environment);
}

void EnvironmentsPage::selectEnvironment(const QString &name)
{
    const auto matches = m_list->findItems(name, Qt::MatchExactly);
    if (!matches.isEmpty())
        m_list->setCurrentItem(matches.front());
}

bool EnvironmentsPage::currentIsProduction() const
{
    Result<Environment> environment = m_store.find(m_currentName.toStdString());
    return environment && environment->production;
}

bool EnvironmentsPage::setCurrent(const QString &name)
{
    Result<Environment> environment = m_store.find(name.toStdString());
    if (!environment)
        return false;
    if (environment->production && name != m_currentName && !ProductionConfirmation::confirm(this, name))
        return false;
    m_currentName = name;
    {
        const QSignalBlocker blocker(m_current);
        m_current->setCurrentIndex(std::max(0, m_current->findData(name)));
    }
    QSettings settings;
    settings.setValue(QStringLiteral("environment/name"), name);
    settings.setValue(QStringLiteral("environment/production"), environment->production);
    emit currentEnvironmentChanged(name, environment->production);
    return true;
}

void EnvironmentsPage::showEnvironment(const Environment &environment)
{
    m_name->setText(QString::fromStdString(environment.name));
    m_name->setReadOnly(!environment.name.empty());
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(qs(toString(environment.kind)))));
    m_region->setCurrentIndex(std::max(0, m_region->findData(qs(toString(environment.region)))));
    for (int i = 0; i < m_apis.size(); ++i)
        m_apis[i]->setChecked(environment.uses(kApis[i]));
    m_production->setChecked(environment.production);
    m_origin->setText(isEmbeddedSandbox(environment) ? m_sandboxOrigin
                                                     : QString::fromStdString(environment.origin));
    m_origin->setPlaceholderText(environment.name == Environment::kSandboxName && !m_sandboxOrigin.isEmpty()
                                     ? tr("the embedded sandbox: %1").arg(m_sandboxOrigin)
                                     : tr("empty: Customer.io's hosts for the region"));
    for (QLineEdit *secret : {m_siteId, m_apiKey, m_writeKey, m_appKey})
        secret->clear();
    m_removeButton->setEnabled(environment.name != Environment::kSandboxName && !environment.name.empty());
    m_testResult->clear();
    refreshSecretsMessage();
}

Result<Environment> EnvironmentsPage::formEnvironment() const
{
    Environment environment;
    environment.name = m_name->text().trimmed().toStdString();
    if (Status valid = Environment::validateName(environment.name); !valid)
        return valid.error();
    environment.kind = environmentKindFromString(m_kind->currentData().toString().toStdString())
                           .value_or(EnvironmentKind::Workspace);
    environment.region =
        regionFromString(m_region->currentData().toString().toStdString()).value_or(Region::US);
    environment.apis.clear();
    for (int i = 0; i < m_apis.size(); ++i)
        if (m_apis[i]->isChecked())
            environment.apis.push_back(kApis[i]);
    environment.production = m_production->isChecked();
    environment.origin = m_origin->text().trimmed().toStdString();
    // The embedded sandbox's port changes every start: never store it, keep the built-in default.
    if (environment.name == Environment::kSandboxName && !m_sandboxOrigin.isEmpty() &&
        environment.origin == m_sandboxOrigin.toStdString())
        environment.origin = Environment::builtInSandbox().origin;
    return environment;
}

Status EnvironmentsPage::saveForm()
{
    Result<Environment> environment = formEnvironment();
    if (!environment) {
        setTestResult(false, QString::fromStdString(environment.error().message));
        return environment.error();
    }
    if (Status saved = m_store.save(*environment); !saved) {
        setTestResult(false, QString::fromStdString(saved.error().toString()));
        return saved;
    }
    // Secrets only when something was typed: an empty field means "keep what the keychain has".
    const bool typed = !m_siteId->text().isEmpty() || !m_apiKey->text().isEmpty() ||
                       !m_writeKey->text().isEmpty() || !m_appKey->text().isEmpty();
    QString secretProblem;
    if (typed) {
        const Credentials credentials{m_siteId->text().toStdString(), m_apiKey->text().toStdString(),
                                      m_writeKey->text().toStdString(), m_appKey->text().toStdString()};
        if (Status stored = SecretStore().save(environment->name, credentials); !stored)
            secretProblem = QString::fromStdString(stored.error().message);
    }
    const QString name = QString::fromStdString(environment->name);
    if (name == m_currentName)
        emit currentEnvironmentChanged(name, environment->production);
    const QSignalBlocker blocker(m_list);
    reload();
    selectEnvironment(name);
    if (Result<Environment> saved = m_store.find(environment->name))
        showEnvironment(*saved);
    if (!secretProblem.isEmpty()) {
        m_secretsMessage->setText(
            tr("Saved %1, but its secrets were not stored: %2").arg(name, secretProblem));
        m_secretsMessage->setStyleSheet(QStringLiteral("color: #c62828;"));
        return Error{"keychain_unavailable", secretProblem.toStdString(), environment->name};
    }
    setTestResult(true, typed ? tr("Saved %1; its secrets are in the keychain.").arg(name)
                              : tr("Saved %1.").arg(name));
    return Ok{};
}

void EnvironmentsPage::refreshSecretsMessage()
{
    const std::string name = m_name->text().trimmed().toStdString();
    m_secretsMessage->setStyleSheet(QString());
    if (name == Environment::kSandboxName) {
        m_secretsMessage->setText(tr("The sandbox accepts its fixed test credentials; nothing to enter."));
        return;
    }
    const bool keychain =
        SecretStore::keychainEnabled() && qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
    // The title never promises a keychain the message below says is missing.
    m_secretsGroup->setTitle(keychain ? tr("Credentials (kept in the system keychain)")
                                      : tr("Credentials (no keychain: from environment variables)"));
    if (keychain) {
        m_secretsMessage->setText(
            tr("Secrets are stored in the system keychain (service \"preflight\"), never in "
               "a settings file."));
        return;
    }
    const std::string shown = name.empty() ? "NAME" : name;
    QStringList variables;
    for (SecretStore::Field field : {SecretStore::Field::SiteId, SecretStore::Field::TrackApiKey,
                                     SecretStore::Field::PipelinesWriteKey, SecretStore::Field::AppApiKey})
        variables << QString::fromStdString(SecretStore::variableName(shown, field));
    m_secretsMessage->setText(
        tr("No keychain is available on this machine, so secrets typed here cannot be kept. "
           "Set them in the environment before starting Preflight instead: %1.")
            .arg(variables.join(QStringLiteral(", "))));
    m_secretsMessage->setStyleSheet(QStringLiteral("color: #b26a00;"));
}

QString EnvironmentsPage::secretsMessage() const
{
    return m_secretsMessage->text();
}

QString EnvironmentsPage::testResult() const
{
    return m_testResult->text();
}

void EnvironmentsPage::setTestResult(bool ok, const QString &message)
{
    m_testResult->setText(message);
    m_testResult->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
}

void EnvironmentsPage::testCredentials()
{
    Result<Environment> environment = formEnvironment();
    if (!environment) {
        setTestResult(false, QString::fromStdString(environment.error().message));
        emit credentialsTested(false, testResult());
        return;
    }
    Credentials credentials;
    if (!m_apiKey->text().isEmpty() || !m_siteId->text().isEmpty()) {
        credentials = {m_siteId->text().toStdString(), m_apiKey->text().toStdString(), {}, {}};
    } else if (isEmbeddedSandbox(*environment)) {
        credentials = sandboxTestCredentials(); // what the embedded sandbox accepts
    } else if (environment->kind == EnvironmentKind::Sandbox) {
        credentials = SecretStore::sandboxCredentials();
    } else {
        Result<Credentials> loaded = SecretStore().load(*environment);
        if (!loaded) {
            setTestResult(false, QString::fromStdString(loaded.error().message));
            emit credentialsTested(false, testResult());
            return;
        }
        credentials = *loaded;
    }
    if (isEmbeddedSandbox(*environment))
        environment->origin = m_sandboxOrigin.toStdString();

    // The documented no-op: valid Track credentials answer with their workspace's region.
    HttpRequest request;
    request.method = "GET";
    request.url = environment->target(credentials).origin(Api::TrackV1) + "/api/v1/accounts/region";
    RequestAuth::applyCredentials(request, Api::TrackV1, credentials);
    QNetworkRequest networkRequest(QUrl(QString::fromStdString(request.url)));
    networkRequest.setRawHeader("Accept", "application/json");
    networkRequest.setRawHeader("Authorization", QByteArray::fromStdString(request.header("Authorization")));
    networkRequest.setTransferTimeout(15000);
    m_testButton->setEnabled(false);
    setTestResult(true, tr("Testing %1…").arg(QString::fromStdString(request.url)));
    const QString name = QString::fromStdString(environment->name);
    const std::string expectedRegion(toString(environment->region));
    QNetworkReply *reply = m_network->get(networkRequest);
    connect(reply, &QNetworkReply::finished, this, [this, reply, name, expectedRegion] {
        reply->deleteLater();
        m_testButton->setEnabled(true);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        bool ok = false;
        QString message;
        if (status == 0) {
            message = tr("%1: no answer: %2").arg(name, reply->errorString());
        } else if (status == 401 || status == 403) {
            message = tr("%1: the Track credentials were refused (%2).").arg(name).arg(status);
        } else if (status != 200) {
            message = tr("%1: the region check answered %2.").arg(name).arg(status);
        } else {
            Result<Json> body = parseJson(reply->readAll().toStdString(), "region answer");
            const std::string region = body && body->is_object() ? body->value("region", "") : "";
            ok = region.empty() || region == expectedRegion;
            message =
                ok ? tr("%1: credentials accepted, region %2.")
                         .arg(name, QString::fromStdString(region.empty() ? "unknown" : region))
                   : tr("%1: credentials accepted, but the workspace is in region %2, not %3.")
                         .arg(name, QString::fromStdString(region), QString::fromStdString(expectedRegion));
        }
        setTestResult(ok, message);
        emit credentialsTested(ok, message);
    });
}

} // namespace preflight::ui
