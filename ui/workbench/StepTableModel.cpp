#include "StepTableModel.h"

#include "ScenarioDocument.h"
#include "Theme.h"

#include <QBrush>
#include <QColor>

namespace preflight::ui {

namespace {

QString compact(const Json &value)
{
    return value.is_null() ? QString() : QString::fromStdString(value.dump());
}

// "id {{customer_id}} · email {{email}}": the identifiers in Customer.io's order of preference.
QString identitySummary(const Json &identity)
{
    if (!identity.is_object())
        return compact(identity);
    QStringList parts;
    for (const char *key : {"id", "email", "phone", "cio_id", "anonymous_id"}) {
        const auto found = identity.find(key);
        if (found == identity.end())
            continue;
        parts << QStringLiteral("%1 %2").arg(
            QString::fromUtf8(key),
            found->is_string() ? QString::fromStdString(found->get<std::string>()) : compact(*found));
    }
    return parts.join(QStringLiteral(" · "));
}

// The property names; their values are in the tooltip and the editor.
QString propertiesSummary(const Json &properties)
{
    if (!properties.is_object())
        return compact(properties);
    QStringList names;
    for (const auto &[name, value] : properties.items())
        names << QString::fromStdString(name);
    return names.join(QStringLiteral(", "));
}

// Display: the summary; edit: the JSON; tooltip: the JSON, indented.
QVariant jsonCell(const Json &value, int role, QString (*summary)(const Json &))
{
    if (role == Qt::ToolTipRole)
        return value.is_null() ? QString() : QString::fromStdString(value.dump(2));
    return role == Qt::EditRole ? compact(value) : summary(value);
}

QString offsetText(std::int64_t millis)
{
    return QStringLiteral("+") + QString::fromStdString(formatDurationMillis(millis));
}

} // namespace

StepTableModel::StepTableModel(ScenarioDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &ScenarioDocument::reset, this, [this] {
        beginResetModel();
        m_scenario = -1;
        m_outcomes.clear();
        endResetModel();
    });
    // Steps added or removed: the last run's per-step results no longer line up, so they go.
    connect(document, &ScenarioDocument::stepsReplaced, this, [this](int scenario) {
        if (scenario != m_scenario)
            return;
        beginResetModel();
        m_outcomes.clear();
        endResetModel();
    });
    connect(document, &ScenarioDocument::stepChanged, this, [this](int scenario, int step) {
        if (scenario == m_scenario)
            emit dataChanged(index(step, 0), index(step, ColumnCount - 1));
    });
}

void StepTableModel::setScenario(int index)
{
    beginResetModel();
    m_scenario = index;
    m_outcomes.clear();
    endResetModel();
}

void StepTableModel::setOutcomes(std::vector<StepOutcome> outcomes)
{
    m_outcomes = std::move(outcomes);
    if (rowCount() > 0)
        emit dataChanged(index(0, Verdict), index(rowCount() - 1, ReadBack));
}

const ScenarioStep *StepTableModel::step(int row) const
{
    if (m_scenario < 0 || m_scenario >= m_document->count())
        return nullptr;
    const auto &steps = m_document->scenario(m_scenario).steps;
    return row >= 0 && row < int(steps.size()) ? &steps[std::size_t(row)] : nullptr;
}

int StepTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_scenario < 0 || m_scenario >= m_document->count())
        return 0;
    return int(m_document->scenario(m_scenario).steps.size());
}

int StepTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StepTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    static const char *titles[ColumnCount] = {
        "At",       "Call",       "Name",          "Plan",      "HTTP",         "Read back",
        "Identity", "Properties", "Arrival delay", "Duplicate", "Out of order", "Dropped"};
    return tr(titles[section]);
}

Qt::ItemFlags StepTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == Duplicate || index.column() == OutOfOrder || index.column() == Dropped)
        return flags | Qt::ItemIsUserCheckable;
    if (!isOutcomeColumn(index.column()))
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant StepTableModel::data(const QModelIndex &index, int role) const
{
    const ScenarioStep *s = step(index.row());
    if (!s)
        return {};
    const int column = index.column();
    if (isOutcomeColumn(column))
        return outcomeData(index.row(), column, role);
    if (role == Qt::CheckStateRole) {
        if (column == Duplicate)
            return s->fault.duplicate ? Qt::Checked : Qt::Unchecked;
        if (column == OutOfOrder)
            return s->fault.outOfOrder ? Qt::Checked : Qt::Unchecked;
        if (column == Dropped)
            return s->fault.drop ? Qt::Checked : Qt::Unchecked;
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Offset: return offsetText(s->offsetMillis);
    case Kind: return QString::fromStdString(s->call.value("kind", std::string()));
    case Name: return QString::fromStdString(s->call.value("name", std::string()));
    case Identity: return jsonCell(s->call.value("identity", Json()), role, identitySummary);
    case Properties: return jsonCell(s->call.value("properties", Json()), role, propertiesSummary);
    case Delay:
        return s->fault.arrivalDelayMillis
                   ? QString::fromStdString(formatDurationMillis(s->fault.arrivalDelayMillis))
                   : QString();
    default: return {};
    }
}

QVariant StepTableModel::outcomeData(int row, int column, int role) const
{
    if (row >= int(m_outcomes.size()))
        return {};
    const StepOutcome &outcome = m_outcomes[std::size_t(row)];
    if (column == Verdict) {
        const bool clean = outcome.violations.empty();
        if (role == Qt::DisplayRole) {
            if (!outcome.validated)
                return tr("not validated");
            return clean ? tr("✓ valid") : tr("✗ %n violation(s)", nullptr, int(outcome.violations.size()));
        }
        if (role == Qt::ForegroundRole && outcome.validated)
            return QBrush(clean ? Theme::okColor() : Theme::errorColor());
        if (role == Qt::ToolTipRole && !clean) {
            QStringList lines;
            for (const StepViolation &violation : outcome.violations)
                lines << QStringLiteral("%1 [%2] %3")
                             .arg(QString::fromStdString(violation.pointer),
                                  QString::fromStdString(violation.code),
                                  QString::fromStdString(violation.message));
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (column == Http)
        return outcome.httpStatus ? QStringLiteral("%1 %2")
                                        .arg(outcome.httpStatus)
                                        .arg(QString::fromStdString(outcome.delivery))
                                  : QString::fromStdString(outcome.delivery);
    return QString::fromStdString(outcome.readBack);
}

bool StepTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const ScenarioStep *current = step(index.row());
    if (!current)
        return false;
    ScenarioStep edited = *current;
    const QString text = value.toString().trimmed();
    QString what;
    switch (index.column()) {
    case Offset: {
        QString duration = text;
        if (duration.startsWith(QLatin1Char('+')))
            duration.remove(0, 1);
        const auto millis = parseDurationMillis(duration.toStdString());
        if (!millis || *millis < 0)
            return false;
        edited.offsetMillis = *millis;
        what = tr("Change step %1 time").arg(index.row() + 1);
        break;
    }
    case Kind:
    case Name:
        edited.call[index.column() == Kind ? "kind" : "name"] = text.toStdString();
        what = tr("Change step %1 call").arg(index.row() + 1);
        break;
    case Identity:
    case Properties: {
        auto parsed = parseJson(text.toStdString(), "step");
        if (!parsed || !parsed->is_object())
            return false;
        edited.call[index.column() == Identity ? "identity" : "properties"] = *parsed;
        what = tr("Change step %1 %2")
                   .arg(index.row() + 1)
                   .arg(index.column() == Identity ? tr("identity") : tr("properties"));
        break;
    }
    case Delay: {
        const auto millis =
            text.isEmpty() ? std::optional<std::int64_t>(0) : parseDurationMillis(text.toStdString());
        if (!millis || *millis < 0)
            return false;
        edited.fault.arrivalDelayMillis = *millis;
        what = tr("Change step %1 arrival delay").arg(index.row() + 1);
        break;
    }
    case Duplicate:
    case OutOfOrder:
    case Dropped: {
        if (role != Qt::CheckStateRole)
            return false;
        const bool on = value.toInt() == Qt::Checked;
        bool &fault = index.column() == Duplicate    ? edited.fault.duplicate
                      : index.column() == OutOfOrder ? edited.fault.outOfOrder
                                                     : edited.fault.drop;
        fault = on;
        what = tr("Change step %1 faults").arg(index.row() + 1);
        break;
    }
    default: return false;
    }
    m_document->editStep(m_scenario, index.row(), edited, what);
    return true;
}

} // namespace preflight::ui
