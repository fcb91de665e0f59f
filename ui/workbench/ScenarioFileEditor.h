#pragma once

#include "common/Result.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace preflight::ui {

class Project;

// A scenario file that does not load, opened as text: core's message (what `preflight-cli run` prints)
// above, the cursor and a highlight on the place it names, rechecked on every edit; Save writes the file
// so the scenario list can pick it up.
class ScenarioFileEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioFileEditor(Project *project, QWidget *parent = nullptr);

    void open(const QString &path, const Error &error);
    QString path() const { return m_path; }
    QString message() const;
    // The 1-based line and column the message is about (the cursor's place after open()).
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }
    QPlainTextEdit *textEdit() const { return m_text; }
    bool save();

signals:
    // The file was written; it may load now.
    void saved(const QString &path);

private:
    void recheck();
    void showError(const Error &error);

    Project *m_project;
    QString m_path;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    QLabel *m_message;
    QPlainTextEdit *m_text;
    QPushButton *m_saveButton;
};

} // namespace preflight::ui
