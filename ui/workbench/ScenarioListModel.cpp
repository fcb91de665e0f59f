#include "ScenarioListModel.h"

#include "ScenarioDocument.h"
#include "ScenarioRunHistory.h"

#include <QFileInfo>

namespace preflight::ui {

namespace {

QString shortName(const QString &path)
{
    return QFileInfo(path).completeBaseName().remove(QStringLiteral(".scenario"));
}

} // namespace

ScenarioListModel::ScenarioListModel(ScenarioDocument *document, ScenarioRunHistory *history, QObject *parent)
    : QAbstractListModel(parent), m_document(document), m_history(history)
{
    // The document changes its list only as a whole (load, reload); the view gets a reset first.
    connect(document, &ScenarioDocument::reset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(history, &ScenarioRunHistory::added, this, [this](const QString &path) {
        for (int row = 0; row < m_document->count(); ++row) {
            if (QString::fromStdString(m_document->scenario(row).path) == path)
                emit dataChanged(index(row), index(row), {StatusRole, Qt::ToolTipRole});
        }
    });
}

int ScenarioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->count() + m_document->invalidCount();
}

bool ScenarioListModel::isInvalid(int row) const
{
    return row >= m_document->count() && row < rowCount();
}

QVariant ScenarioListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (isInvalid(index.row())) {
        const InvalidScenarioFile &file = m_document->invalidFile(index.row() - m_document->count());
        switch (role) {
        case Qt::DisplayRole: return shortName(file.path);
        case Qt::ToolTipRole: return QString::fromStdString(file.error.toString());
        case StatusRole: return runStatusText(RunStatus::Invalid);
        case PathRole: return file.path;
        default: return {};
        }
    }
    const Scenario &scenario = m_document->scenario(index.row());
    const QString path = QString::fromStdString(scenario.path);
    switch (role) {
    case Qt::DisplayRole: return shortName(path);
    case Qt::ToolTipRole: {
        const ScenarioRunHistory::Entry *last = m_history->last(path);
        const QString name = QString::fromStdString(scenario.name);
        return last ? tr("%1\nLast run %2 on %3: %4")
                          .arg(name, last->finishedAt.toString(QStringLiteral("HH:mm:ss")), last->environment,
                               runStatusText(last->status))
                    : tr("%1\nNot run yet").arg(name);
    }
    case StatusRole: return runStatusText(m_history->lastStatus(path));
    case PathRole: return path;
    default: return {};
    }
}

int ScenarioListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (index(row).data().toString() == name)
            return row;
    }
    return -1;
}

} // namespace preflight::ui
