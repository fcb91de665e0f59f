#include "ScenarioListModel.h"

#include "ScenarioDocument.h"

#include <QFileInfo>

namespace preflight::ui {

namespace {

QString shortName(const Scenario &scenario)
{
    return QFileInfo(QString::fromStdString(scenario.path))
        .completeBaseName()
        .remove(QStringLiteral(".scenario"));
}

} // namespace

ScenarioListModel::ScenarioListModel(ScenarioDocument *document, QObject *parent)
    : QAbstractListModel(parent), m_document(document)
{
    // The document changes its list only as a whole (load, reload); the view gets a reset first.
    connect(document, &ScenarioDocument::reset, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int ScenarioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->count();
}

QVariant ScenarioListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_document->count())
        return {};
    const Scenario &scenario = m_document->scenario(index.row());
    if (role == Qt::DisplayRole)
        return shortName(scenario);
    if (role == Qt::ToolTipRole)
        return QString::fromStdString(scenario.name);
    return {};
}

int ScenarioListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_document->count(); ++row) {
        if (shortName(m_document->scenario(row)) == name)
            return row;
    }
    return -1;
}

} // namespace preflight::ui
