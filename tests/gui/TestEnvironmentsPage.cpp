#include "EnvironmentBadge.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "environments/EnvironmentsPage.h"
#include "environments/ProductionConfirmation.h"
#include "sandbox/EmbeddedSandbox.h"
#include "support/EnvironmentOverride.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QGroupBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using preflight::ui::EnvironmentsPage;
using preflight::ui::MainWindow;
using preflight::ui::ProductionConfirmation;

namespace {

const QString kSecret = QStringLiteral("sk-test-9f3a77c1d2e4");

// Every file under `dir` that contains `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << file.fileName();
    }
    return found;
}

// Types `typed` into the next production confirmation and presses its button if it lets us.
void answerProductionConfirmation(const QString &typed, bool *buttonWasEnabled)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, typed, buttonWasEnabled] {
        auto *dialog = qobject_cast<ProductionConfirmation *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        QTest::keyClicks(dialog->nameField(), typed);
        *buttonWasEnabled = dialog->confirmButton()->isEnabled();
        if (*buttonWasEnabled)
            dialog->confirmButton()->click();
        else
            dialog->reject();
    });
    timer->start();
}

void addEnvironment(EnvironmentsPage *page, const QString &name, bool production, const QString &apiKey)
{
    page->findChild<QPushButton *>(QStringLiteral("newEnvironment"))->click();
    QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("environmentName")), name);
    page->findChild<QCheckBox *>(QStringLiteral("environmentProduction"))->setChecked(production);
    QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("secretSiteId")),
                     QStringLiteral("site-123"));
    QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("secretTrackApiKey")), apiKey);
    page->findChild<QPushButton *>(QStringLiteral("saveEnvironment"))->click();
}

// Moves the combo to `index` with the arrow keys, as a user choosing from it does.
void chooseWithKeys(QComboBox *combo, int index)
{
    combo->setFocus();
    const int steps = index - combo->currentIndex();
    for (int i = 0; i < std::abs(steps); ++i)
        QTest::keyClick(combo, steps > 0 ? Qt::Key_Down : Qt::Key_Up);
}

} // namespace

class TestEnvironmentsPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;
    std::unique_ptr<QTemporaryDir> m_config;

private slots:
    void cleanup() { m_env.restore(); }
    void init()
    {
        m_settings = preflight::test::isolateSettings();
        m_config = std::make_unique<QTemporaryDir>();
        m_env.set("PREFLIGHT_CONFIG_DIR", m_config->path().toUtf8());
        m_env.set("PREFLIGHT_DATA_DIR", m_config->path().toUtf8());
        // No secret service on a test machine: the page must say so instead of failing quietly.
        m_env.set("PREFLIGHT_KEYCHAIN", "off");
    }

    void addsAnEnvironmentWithoutWritingItsSecret()
    {
        MainWindow window;
        window.show();
        window.showPage(MainWindow::Page::Environments);
        EnvironmentsPage *page = window.environmentsPage();
        auto *list = page->findChild<QListWidget *>(QStringLiteral("environmentList"));
        QCOMPARE(list->count(), 1); // the built-in sandbox, the default
        QCOMPARE(page->currentName(), QStringLiteral("sandbox"));

        addEnvironment(page, QStringLiteral("staging"), false, kSecret);
        QCOMPARE(list->count(), 2);
        QVERIFY(page->store().find("staging").ok());
        QVERIFY(!page->findChild<QLineEdit *>(QStringLiteral("secretTrackApiKey"))->text().contains(kSecret));
        // Without a keychain the page names the variables to set instead.
        QVERIFY2(page->secretsMessage().contains(QStringLiteral("PREFLIGHT_STAGING_TRACK_API_KEY")),
                 qPrintable(page->secretsMessage()));
        window.close();

        QVERIFY(QFile::exists(page->store().path()));
        QCOMPARE(filesContaining(m_config->path(), kSecret.toUtf8()), QStringList());
        QCOMPARE(filesContaining(m_settings->path(), kSecret.toUtf8()), QStringList());
    }

    void credentialsTitleNeverPromisesAMissingKeychain()
    {
        MainWindow window;
        window.show();
        window.environmentsPage()->selectEnvironment(QStringLiteral("sandbox"));
        addEnvironment(window.environmentsPage(), QStringLiteral("staging"), false, kSecret);
        QStringList titles;
        for (auto *group : window.environmentsPage()->findChildren<QGroupBox *>())
            titles << group->title();
        QVERIFY2(titles.contains(QStringLiteral("Credentials (no keychain: from environment variables)")),
                 qPrintable(titles.join(QStringLiteral(" | "))));
        QVERIFY(!titles.join(QString()).contains(QStringLiteral("kept in the system keychain")));
    }

    void productionNeedsItsNameTypedAndTurnsTheBadgeRed()
    {
        MainWindow window;
        window.show();
        EnvironmentsPage *page = window.environmentsPage();
        addEnvironment(page, QStringLiteral("live-eu"), true, kSecret);
        auto *current = page->findChild<QComboBox *>(QStringLiteral("currentEnvironment"));
        const int liveIndex = current->findData(QStringLiteral("live-eu"));
        QVERIFY(liveIndex >= 0);

        // A wrong name keeps the button disabled and nothing changes.
        bool enabled = true;
        answerProductionConfirmation(QStringLiteral("live"), &enabled);
        QVERIFY(!page->setCurrent(QStringLiteral("live-eu")));
        QVERIFY(!enabled);
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("sandbox"));
        QVERIFY(!window.environmentBadge()->isProduction());

        // The exact name lets the switch through; the badge says production.
        answerProductionConfirmation(QStringLiteral("live-eu"), &enabled);
        QVERIFY(page->setCurrent(QStringLiteral("live-eu")));
        QVERIFY(enabled);
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("live-eu"));
        QVERIFY(window.environmentBadge()->isProduction());
        QVERIFY(window.environmentBadge()->text().contains(QStringLiteral("PRODUCTION")));
        QCOMPARE(current->currentData().toString(), QStringLiteral("live-eu"));
        window.close();

        // Restored on restart.
        MainWindow again;
        QCOMPARE(again.environmentsPage()->currentName(), QStringLiteral("live-eu"));
        QVERIFY(again.environmentBadge()->isProduction());
    }

    void choosingProductionInTheComboShowsTheGuard()
    {
        MainWindow window;
        window.show();
        window.showPage(MainWindow::Page::Environments);
        EnvironmentsPage *page = window.environmentsPage();
        addEnvironment(page, QStringLiteral("prod"), true, kSecret);
        auto *current = page->findChild<QComboBox *>(QStringLiteral("currentEnvironment"));
        const int prodIndex = current->findData(QStringLiteral("prod"));
        const int sandboxIndex = current->findData(QStringLiteral("sandbox"));
        QCOMPARE(current->itemText(prodIndex), QStringLiteral("prod (PRODUCTION)"));
        QCOMPARE(current->currentIndex(), sandboxIndex);

        // The guard appears; a wrong name cannot confirm, and the combo goes back to the sandbox.
        bool enabled = true;
        answerProductionConfirmation(QStringLiteral("pro"), &enabled);
        chooseWithKeys(current, prodIndex);
        QVERIFY(!enabled);
        QCOMPARE(current->currentIndex(), sandboxIndex);
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("sandbox"));

        // Typing the name confirms: production is current, in the combo and the badge.
        enabled = false;
        answerProductionConfirmation(QStringLiteral("prod"), &enabled);
        chooseWithKeys(current, prodIndex);
        QVERIFY(enabled);
        QCOMPARE(page->currentName(), QStringLiteral("prod"));
        QCOMPARE(current->currentData().toString(), QStringLiteral("prod"));
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("prod"));
        QVERIFY(window.environmentBadge()->isProduction());

        // Back to the sandbox needs no guard.
        chooseWithKeys(current, sandboxIndex);
        QCOMPARE(window.environmentBadge()->environmentName(), QStringLiteral("sandbox"));
    }

    void testsCredentialsAgainstTheEmbeddedSandbox()
    {
        MainWindow window;
        window.show();
        QTRY_VERIFY(window.sandbox()->isRunning());
        EnvironmentsPage *page = window.environmentsPage();
        QCOMPARE(page->sandboxOrigin(), window.sandbox()->origin());
        page->selectEnvironment(QStringLiteral("sandbox"));
        QSignalSpy tested(page, &EnvironmentsPage::credentialsTested);
        page->findChild<QPushButton *>(QStringLiteral("testCredentials"))->click();
        QVERIFY(tested.wait(5000));
        QVERIFY2(tested.front().at(0).toBool(), qPrintable(page->testResult()));
        QVERIFY(page->testResult().contains(QStringLiteral("region us")));
    }

private:
    preflight::test::EnvironmentOverride m_env; // one test's, put back in cleanup()
};

QTEST_MAIN(TestEnvironmentsPage)
#include "TestEnvironmentsPage.moc"
