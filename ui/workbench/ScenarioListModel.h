#pragma once

#include <QAbstractListModel>

namespace preflight::ui {

class ScenarioDocument;

// The project's scenarios for the workbench's list: the file's short name ("late-purchase"), the
// scenario's name as tooltip. Follows the document: reset when it reloads.
class ScenarioListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit ScenarioListModel(ScenarioDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    // The row whose short name is `name`, or -1.
    int rowOf(const QString &name) const;

private:
    ScenarioDocument *m_document;
};

} // namespace preflight::ui
