#include "ScenarioFileEditor.h"

#include "JsonTextLocation.h"
#include "Project.h"
#include "Theme.h"
#include "common/Json.h"
#include "scenario/Scenario.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace preflight::ui {

ScenarioFileEditor::ScenarioFileEditor(Project *project, QWidget *parent)
    : QWidget(parent)
    , m_project(project)
    , m_message(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_saveButton(new QPushButton(tr("Save File"), this))
{
    m_message->setObjectName(QStringLiteral("scenarioFileError"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("scenarioFileText"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_saveButton->setObjectName(QStringLiteral("saveScenarioFile"));
    m_saveButton->setToolTip(tr("Write the file; once it loads it joins the scenario list"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_message, 1);
    bar->addWidget(m_saveButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    connect(m_text, &QPlainTextEdit::textChanged, this, &ScenarioFileEditor::recheck);
    connect(m_saveButton, &QPushButton::clicked, this, &ScenarioFileEditor::save);
}

QString ScenarioFileEditor::message() const
{
    return m_message->text();
}

void ScenarioFileEditor::open(const QString &path, const Error &error)
{
    m_path = path;
    const Result<std::string> text = readTextFile(path.toStdString());
    {
        const QSignalBlocker blocker(m_text);
        m_text->setPlainText(text ? QString::fromStdString(*text) : QString());
    }
    showError(text ? error : text.error());
    // Put the cursor where the message points, as a compiler's error list does.
    QTextCursor cursor(m_text->document()->findBlockByNumber(std::max(0, m_errorLine - 1)));
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, m_errorColumn - 1));
    m_text->setTextCursor(cursor);
    m_text->centerCursor();
    m_text->setFocus();
}

void ScenarioFileEditor::recheck()
{
    const std::string text = m_text->toPlainText().toStdString();
    Result<Json> json = parseJson(text, m_path.toStdString());
    Result<Scenario> scenario = json ? scenarioFromJson(*json, m_path.toStdString()) : json.error();
    if (scenario) {
        m_errorLine = m_errorColumn = 0;
        m_message->setText(tr("The file reads as a scenario now: save it to run it."));
        m_message->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::okColor().name()));
        m_text->setExtraSelections({});
        return;
    }
    showError(scenario.error());
}

void ScenarioFileEditor::showError(const Error &error)
{
    const std::string text = m_text->toPlainText().toStdString();
    const JsonTextLocation location = JsonTextLocation::ofWhere(text, error.where);
    m_errorLine = location.line;
    m_errorColumn = location.column;
    m_message->setText(tr("Invalid scenario (line %1): %2")
                           .arg(location.line)
                           .arg(QString::fromStdString(error.toString())));
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::errorColor().name()));
    // The whole line is marked; the columns are bytes while the editor counts characters.
    QTextEdit::ExtraSelection line;
    QColor background = Theme::errorColor();
    background.setAlpha(60);
    line.format.setBackground(background);
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = QTextCursor(m_text->document()->findBlockByNumber(std::max(0, location.line - 1)));
    m_text->setExtraSelections({line});
}

bool ScenarioFileEditor::save()
{
    if (m_path.isEmpty())
        return false;
    if (m_project->isModified()) {
        // Reloading the scenarios would drop those edits' undo history; one thing at a time.
        m_message->setText(tr("Save or undo your other unsaved edits first (Ctrl+S), then save this file."));
        m_message->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::warningColor().name()));
        return false;
    }
    const QByteArray bytes = m_text->toPlainText().toUtf8();
    m_project->noteOwnWrite(m_path, bytes);
    if (Status written = writeTextFile(m_path.toStdString(), bytes.toStdString()); !written) {
        showError(written.error());
        return false;
    }
    emit saved(m_path);
    return true;
}

} // namespace preflight::ui
