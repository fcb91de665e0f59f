#pragma once

#include <QAbstractListModel>

namespace preflight::ui {

class ScenarioDocument;
class ScenarioRunHistory;

// The project's scenarios for the workbench's list: the file's short name ("late-purchase") with the
// last run's status (StatusRole: "pass", "fail", "leak"), then the files that do not load, marked
// "invalid" with core's message as tooltip. Follows the document (reset when it reloads) and the history.
class ScenarioListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { StatusRole = Qt::UserRole + 1, PathRole };

    ScenarioListModel(ScenarioDocument *document, ScenarioRunHistory *history, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    // The row whose short name is `name`, or -1.
    int rowOf(const QString &name) const;
    // Rows past the loaded scenarios are invalid files: invalidFile(row - document->count()).
    bool isInvalid(int row) const;

private:
    ScenarioDocument *m_document;
    ScenarioRunHistory *m_history;
};

} // namespace preflight::ui
