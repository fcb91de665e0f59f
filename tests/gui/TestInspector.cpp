#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "Project.h"
#include "Theme.h"
#include "inspector/InspectorPage.h"
#include "inspector/InspectorSession.h"
#include "inspector/JsonTreeModel.h"
#include "inspector/VerdictModel.h"

#include "api/Dialect.h"

#include <QAbstractItemView>
#include <QBrush>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using preflight::Api;
using preflight::Call;
using preflight::CallKind;
using preflight::ui::InspectorPage;
using preflight::ui::JsonTreeModel;
using preflight::ui::MainWindow;

class TestInspector : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_settings;
    std::unique_ptr<QTemporaryDir> m_projectDir;
    std::unique_ptr<MainWindow> m_window;

    InspectorPage *page() const { return m_window->inspector(); }
    template <typename T> T *child(const char *name) const
    {
        auto *widget = page()->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no widget %s", name); // a missing widget is a broken test, not user input
        return widget;
    }
    QString requestText() const { return child<QPlainTextEdit>("requestView")->toPlainText(); }

    void chooseApi(const QString &title)
    {
        auto *combo = child<QComboBox>("apiCombo");
        combo->setCurrentIndex(combo->findText(title));
    }

    // Types into a line edit like a user: focus, clear, type, Enter.
    void type(const char *field, const QString &text)
    {
        auto *edit = child<QLineEdit>(field);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
        if (edit->completer() && edit->completer()->popup()->isVisible())
            QTest::keyClick(edit->completer()->popup(), Qt::Key_Escape);
    }

    // QTest::keyClicks cannot type a newline: lines are typed one by one with Return between them.
    static void typeLines(QWidget *widget, const QString &text)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(widget, Qt::Key_Return);
            QTest::keyClicks(widget, lines[i]);
        }
    }

    QModelIndex propertyRow(const QString &key) const
    {
        const auto *model = page()->propertiesModel();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, JsonTreeModel::KeyColumn).data().toString() == key)
                return model->index(row, JsonTreeModel::KeyColumn);
        return {};
    }

    void pickAddedToCart()
    {
        chooseApi(QStringLiteral("Track v1"));
        type("idEdit", QStringLiteral("cust_42"));
        type("eventNameEdit", QStringLiteral("added_to_cart"));
    }

private slots:
    void init()
    {
        m_settings = preflight::test::isolateSettings();
        m_projectDir = std::make_unique<QTemporaryDir>();
        const QString project = m_projectDir->filePath(QStringLiteral("d2c"));
        QVERIFY(
            preflight::ui::Project::createFromStarter(project, QStringLiteral(PREFLIGHT_EXAMPLES_DIR)).ok());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openProject(project));
        m_window->showPage(MainWindow::Page::Inspector);
    }

    void cleanup() { m_window.reset(); }

    void pickingAnEventShowsTheRequestWithRequiredExamples_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("requestLine");
        QTest::addColumn<QString>("bodyName");
        QTest::newRow("track v1") << "Track v1"
                                  << "POST https://track.customer.io/api/v1/customers/cust_42/events"
                                  << "\"name\": \"added_to_cart\"";
        QTest::newRow("pipelines") << "Pipelines"
                                   << "POST https://cdp.customer.io/v1/track"
                                   << "\"event\": \"added_to_cart\"";
    }
    void pickingAnEventShowsTheRequestWithRequiredExamples()
    {
        QFETCH(QString, api);
        QFETCH(QString, requestLine);
        QFETCH(QString, bodyName);
        pickAddedToCart();
        chooseApi(api);
        const QString text = requestText();
        QVERIFY2(text.startsWith(requestLine), qPrintable(text));
        QVERIFY2(text.contains(bodyName), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("\"cart_value\": 59.0")));
        QVERIFY(text.contains(QLatin1String("Authorization: Basic [redacted]")));
        QVERIFY(!child<QLabel>("refusalLabel")->isVisibleTo(page()));
        // The examples the plan pre-fills satisfy the plan.
        for (const auto &violation : page()->verdictModel()->violations())
            QVERIFY2(violation.severity != preflight::Severity::Error, violation.message.c_str());
        QVERIFY(propertyRow(QStringLiteral("cart_id")).isValid());
        QVERIFY(child<QPlainTextEdit>("propertiesRaw")
                    ->toPlainText()
                    .contains(QLatin1String("\"currency\": \"USD\"")));
    }

    void wrongTypedCartValueIsColouredWithTheSuggestion()
    {
        pickAddedToCart();
        auto *tree = child<QTreeView>("propertiesTree");
        const QModelIndex value =
            propertyRow(QStringLiteral("cart_value")).siblingAtColumn(JsonTreeModel::ValueColumn);
        QVERIFY(value.isValid());
        tree->scrollTo(value);
        const QPoint centre = tree->visualRect(value).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, centre);
        auto *editor = tree->viewport()->findChild<QLineEdit *>();
        QVERIFY2(editor, "double-clicking the value opens an editor");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("\"59.00\""));
        QTest::keyClick(editor, Qt::Key_Return);

        const QModelIndex row = propertyRow(QStringLiteral("cart_value"));
        // The delegate commits on Return through a queued call, as it does for a user.
        QTRY_COMPARE(row.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(),
                     QStringLiteral("string"));
        QCOMPARE(row.data(Qt::ForegroundRole).value<QBrush>().color(), preflight::ui::Theme::errorColor());
        const QString tooltip = row.data(Qt::ToolTipRole).toString();
        QVERIFY2(tooltip.contains(QLatin1String("wrong_type")), qPrintable(tooltip));
        QVERIFY2(tooltip.contains(QLatin1String("send 59.00 as a JSON number, without quotes")),
                 qPrintable(tooltip));
        QVERIFY(child<QPlainTextEdit>("propertiesRaw")
                    ->toPlainText()
                    .contains(QLatin1String("\"cart_value\": \"59.00\"")));

        // The verdict list names the field; clicking the finding selects it in the tree.
        auto *verdicts = child<QTableView>("verdictView");
        int found = -1;
        for (int i = 0; i < verdicts->model()->rowCount(); ++i)
            if (verdicts->model()->index(i, preflight::ui::VerdictModel::PointerColumn).data().toString() ==
                QLatin1String("/properties/cart_value"))
                found = i;
        QVERIFY(found >= 0);
        tree->setCurrentIndex({});
        const QModelIndex finding =
            verdicts->model()->index(found, preflight::ui::VerdictModel::MessageColumn);
        QTest::mouseClick(verdicts->viewport(), Qt::LeftButton, {}, verdicts->visualRect(finding).center());
        QCOMPARE(tree->currentIndex().siblingAtColumn(0), propertyRow(QStringLiteral("cart_value")));
    }

    void treeEditsReachTheRequest()
    {
        pickAddedToCart();
        auto *tree = child<QTreeView>("propertiesTree");
        tree->setCurrentIndex({});
        child<QPushButton>("addPropertyButton")->click();
        auto *keyEditor = tree->viewport()->findChild<QLineEdit *>();
        QVERIFY2(keyEditor, "Add opens the new key for editing");
        keyEditor->selectAll();
        QTest::keyClicks(keyEditor, QStringLiteral("coupon"));
        QTest::keyClick(keyEditor, Qt::Key_Return);
        QTRY_VERIFY(propertyRow(QStringLiteral("coupon")).isValid());

        const QModelIndex value =
            propertyRow(QStringLiteral("coupon")).siblingAtColumn(JsonTreeModel::ValueColumn);
        tree->setCurrentIndex(value);
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_F2);
        auto *valueEditor = tree->viewport()->findChild<QLineEdit *>();
        QVERIFY(valueEditor);
        valueEditor->selectAll();
        QTest::keyClicks(valueEditor, QStringLiteral("WELCOME"));
        QTest::keyClick(valueEditor, Qt::Key_Return);
        QTRY_VERIFY(requestText().contains(QLatin1String("\"coupon\": \"WELCOME\"")));
        // coupon is not in the plan: a warning on the field (the event allows other properties).
        QTRY_COMPARE(propertyRow(QStringLiteral("coupon")).data(JsonTreeModel::SeverityRole).toString(),
                     QStringLiteral("warning"));

        tree->setCurrentIndex(propertyRow(QStringLiteral("coupon")));
        child<QPushButton>("removePropertyButton")->click();
        QVERIFY(!propertyRow(QStringLiteral("coupon")).isValid());
        QVERIFY(!requestText().contains(QLatin1String("coupon")));
    }

    void typeColumnConvertsTheValue_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("after");
        QTest::newRow("number to string") << R"({"v": 59.5})"
                                          << "string"
                                          << R"({"v":"59.5"})";
        QTest::newRow("numeric string to number") << R"({"v": "59.5"})"
                                                  << "number"
                                                  << R"({"v":59.5})";
        QTest::newRow("number to integer rounds") << R"({"v": 2.6})"
                                                  << "integer"
                                                  << R"({"v":3})";
        QTest::newRow("text to number is zero") << R"({"v": "abc"})"
                                                << "number"
                                                << R"({"v":0.0})";
        QTest::newRow("string to boolean") << R"({"v": "true"})"
                                           << "boolean"
                                           << R"({"v":true})";
        QTest::newRow("object to array drops members") << R"({"v": {"a": 1}})"
                                                       << "array"
                                                       << R"({"v":[]})";
        QTest::newRow("scalar to null") << R"({"v": 1})"
                                        << "null"
                                        << R"({"v":null})";
    }
    void typeColumnConvertsTheValue()
    {
        QFETCH(QString, before);
        QFETCH(QString, type);
        QFETCH(QString, after);
        JsonTreeModel model;
        model.setJson(preflight::Json::parse(before.toStdString()));
        QVERIFY(model.setData(model.index(0, JsonTreeModel::TypeColumn), type));
        QCOMPARE(QString::fromStdString(model.json().dump()), after);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    }

    void renamingToATakenKeyIsRefused()
    {
        JsonTreeModel model;
        model.setJson(preflight::Json{{"a", 1}, {"b", 2}});
        QVERIFY(!model.setData(model.index(0, JsonTreeModel::KeyColumn), QStringLiteral("b")));
        QVERIFY(model.setData(model.index(0, JsonTreeModel::KeyColumn), QStringLiteral("c")));
        QCOMPARE(QString::fromStdString(model.json().dump()), QStringLiteral(R"({"b":2,"c":1})"));
    }

    void eventNameLengthLimitRefusesWithTheField_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::addColumn<bool>("refused");
        QTest::newRow("100 bytes is sent") << 100 << false;
        QTest::newRow("101 bytes is refused") << 101 << true;
    }
    void eventNameLengthLimitRefusesWithTheField()
    {
        QFETCH(int, bytes);
        QFETCH(bool, refused);
        pickAddedToCart();
        type("eventNameEdit", QString(bytes, QLatin1Char('e')));
        auto *refusal = child<QLabel>("refusalLabel");
        QCOMPARE(refusal->isVisibleTo(page()), refused);
        QCOMPARE(requestText().isEmpty(), refused);
        if (refused) {
            QVERIFY2(refusal->text().contains(QLatin1String("/name")), qPrintable(refusal->text()));
            QVERIFY(refusal->text().contains(QLatin1String("event_name_too_long")));
        }
    }

    void rawTextErrorShowsLineAndColumnAndKeepsTheTree()
    {
        pickAddedToCart();
        child<QTabWidget>("propertyTabs")->setCurrentIndex(1);
        auto *raw = child<QPlainTextEdit>("propertiesRaw");
        raw->setFocus();
        raw->selectAll();
        typeLines(raw, QStringLiteral("{\n  \"cart_id\": \"c1\",\n  \"cart_value\": 5x\n}"));
        auto *error = child<QLabel>("rawError");
        QVERIFY(error->isVisibleTo(page()));
        QVERIFY2(error->text().contains(QLatin1String("3:")), qPrintable(error->text()));
        QVERIFY(propertyRow(QStringLiteral("currency")).isValid()); // the last valid properties stay

        raw->selectAll();
        QTest::keyClicks(raw, QStringLiteral("{\"cart_id\": \"c1\", \"coupon\": \"WELCOME\"}"));
        QVERIFY(!error->isVisibleTo(page()));
        QVERIFY(propertyRow(QStringLiteral("coupon")).isValid());
        QVERIFY(!propertyRow(QStringLiteral("currency")).isValid());
        QVERIFY(requestText().contains(QLatin1String("\"coupon\": \"WELCOME\"")));
    }

    void copyAsCurlHasTheUrlAndNoSecret()
    {
        pickAddedToCart();
        QApplication::clipboard()->clear();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        child<QTreeView>("propertiesTree")->setFocus();
        QTest::keyClick(child<QTreeView>("propertiesTree"), Qt::Key_C,
                        Qt::ControlModifier | Qt::ShiftModifier);
        const QString curl = QApplication::clipboard()->text();
        QVERIFY2(curl.startsWith(QLatin1String("curl")), qPrintable(curl));
        QVERIFY(curl.contains(QLatin1String("https://track.customer.io/api/v1/customers/cust_42/events")));
        QVERIFY(curl.contains(QLatin1String("[redacted]")));
        const auto target = preflight::ui::InspectorSession::target(preflight::Region::US);
        for (const std::string &secret :
             {target.credentials.apiKey, target.credentials.siteId,
              preflight::basicAuthorization(target.credentials.siteId, target.credentials.apiKey)})
            QVERIFY(!curl.contains(QString::fromStdString(secret)));

        child<QPushButton>("copyRawButton")->click();
        const QString raw = QApplication::clipboard()->text();
        QVERIFY2(raw.startsWith(QLatin1String("POST /api/v1/customers/cust_42/events HTTP/1.1")),
                 qPrintable(raw));
        QVERIFY(!raw.contains(QString::fromStdString(target.credentials.apiKey)));
    }

    void openCallFromCodeShowsIt()
    {
        Call call;
        call.kind = CallKind::Track;
        call.identity.anonymousId = "anon-7";
        call.name = "checkout_started";
        call.properties = {{"cart_id", "c-9"}, {"cart_value", 12.5}};
        page()->openCall(call, Api::Pipelines);

        QCOMPARE(child<QComboBox>("apiCombo")->currentText(), QStringLiteral("Pipelines"));
        QCOMPARE(child<QLineEdit>("eventNameEdit")->text(), QStringLiteral("checkout_started"));
        QCOMPARE(child<QLineEdit>("anonymousIdEdit")->text(), QStringLiteral("anon-7"));
        QVERIFY(propertyRow(QStringLiteral("cart_value")).isValid());
        QVERIFY2(requestText().startsWith(QLatin1String("POST https://cdp.customer.io/v1/track")),
                 qPrintable(requestText()));
        QVERIFY(requestText().contains(QLatin1String("\"anonymousId\": \"anon-7\"")));
        QCOMPARE(page()->session()->call(), call);
    }

    // Objects, relationships and manual segments are composed like any call: the Object fields name the
    // object (or the related one), the Name field a manual segment's id.
    void objectAndSegmentCallsAreComposedFromTheFields()
    {
        auto *kinds = child<QComboBox>("kindCombo");
        chooseApi(QStringLiteral("Track v2"));
        kinds->setCurrentIndex(kinds->findText(QStringLiteral("object_identify")));
        type("idEdit", QStringLiteral("cust_42"));
        type("objectTypeEdit", QStringLiteral("1"));
        type("objectIdEdit", QStringLiteral("sub-9"));
        QVERIFY2(requestText().contains(QLatin1String("\"object_type_id\": \"1\"")) &&
                     requestText().contains(QLatin1String("\"object_id\": \"sub-9\"")) &&
                     requestText().contains(QLatin1String("\"cio_relationships\"")) &&
                     requestText().contains(QLatin1String("\"id\": \"cust_42\"")),
                 qPrintable(requestText()));
        QVERIFY(page()->session()->call().object.has_value());

        // The plan's subscription type is checked: status is required.
        QVERIFY(child<QTableView>("verdictView")->model()->rowCount() > 0);

        chooseApi(QStringLiteral("Track v1"));
        kinds->setCurrentIndex(kinds->findText(QStringLiteral("manual_segment_add")));
        QCOMPARE(child<QLineEdit>("eventNameEdit")->placeholderText(),
                 QStringLiteral("manual segment id (7)"));
        QVERIFY(!child<QLineEdit>("objectIdEdit")->isEnabled());
        type("eventNameEdit", QStringLiteral("7"));
        QVERIFY2(requestText().startsWith(
                     QLatin1String("POST https://track.customer.io/api/v1/segments/7/add_customers")),
                 qPrintable(requestText()));
        QVERIFY(!page()->session()->call().object.has_value());
    }

    void openRequestParsesItBackThroughItsDialect()
    {
        Call call;
        call.kind = CallKind::Track;
        call.identity.id = "cust_7";
        call.name = "order_completed";
        call.properties = {{"order_id", "o-1"}};
        const auto target = preflight::ui::InspectorSession::target(preflight::Region::EU);
        const auto request = preflight::dialectFor(Api::TrackV2).render(call, target);
        QVERIFY(request.ok());
        QVERIFY(page()->openRequest(request.value()).ok());
        QCOMPARE(child<QComboBox>("apiCombo")->currentText(), QStringLiteral("Track v2"));
        QCOMPARE(child<QComboBox>("regionCombo")->currentText(), QStringLiteral("EU"));
        QCOMPARE(child<QLineEdit>("idEdit")->text(), QStringLiteral("cust_7"));
        QCOMPARE(requestText().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("POST ") + QString::fromStdString(request.value().url));

        preflight::HttpRequest unknown;
        unknown.method = "GET";
        unknown.url = "https://track.customer.io/nowhere";
        QVERIFY(!page()->openRequest(unknown).ok());
        QCOMPARE(child<QLineEdit>("idEdit")->text(), QStringLiteral("cust_7"));
    }
};

QTEST_MAIN(TestInspector)
#include "TestInspector.moc"
