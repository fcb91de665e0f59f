#include "LintModel.h"

#include "PlanDocument.h"
#include "PlanLocation.h"
#include "Theme.h"

#include "Project.h"

#include "journeys/Journeys.h"
#include "lint/JourneysLinter.h"
#include "plan/PlanFile.h"

#include <QFileInfo>

#include <algorithm>

namespace preflight::ui {

LintModel::LintModel(PlanDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &PlanDocument::changed, this, &LintModel::recompute);
    connect(document, &PlanDocument::loaded, this, &LintModel::recompute);
    if (Project *project = document->project()) {
        connect(project, &Project::filesChanged, this, &LintModel::recompute);
        connect(project, &Project::reloadedFromDisk, this, &LintModel::recompute);
    }
    recompute();
}

std::optional<LintFinding> LintModel::readerFinding(const Plan &plan, const std::string &origin)
{
    // `preflight-cli lint` reads the file strictly before it lints; reading the edited plan back through
    // the same reader keeps the console from accepting a plan the command line refuses.
    const Result<Plan> reread = planFromText(toFileText(plan), origin);
    if (reread)
        return std::nullopt;
    const std::string &where = reread.error().where;
    const auto hash = where.find('#');
    return LintFinding{reread.error().code, Severity::Error,
                       hash == std::string::npos ? std::string() : where.substr(hash + 1),
                       reread.error().message,
                       "fix it here: until then preflight-cli rejects the plan (exit 2) and Save refuses "
                       "to write it"};
}

QString LintModel::journeysPath() const
{
    const Project *project = m_document->project();
    if (!project || !project->isOpen())
        return {};
    const QStringList files = project->files(Project::FileKind::Journeys);
    return files.size() == 1 ? files.front() : QString();
}

void LintModel::recompute()
{
    std::vector<std::pair<LintFinding, QString>> found;
    if (m_document->isLoaded()) {
        for (LintFinding &finding : lintPlan(m_document->plan()))
            found.emplace_back(std::move(finding), QString());
        if (auto unreadable = readerFinding(m_document->plan(), m_document->path().toStdString()))
            found.emplace(found.begin(), std::move(*unreadable), QString());
        if (const QString journeys = journeysPath(); !journeys.isEmpty()) {
            const Result<Journeys> loaded = loadJourneysFile(journeys.toStdString());
            if (!loaded)
                found.emplace_back(
                    LintFinding{loaded.error().code, Severity::Error, loaded.error().where,
                                loaded.error().message,
                                "fix the journeys file: until then no run or simulation can use it"},
                    journeys);
            else
                for (LintFinding &finding : lintJourneys(m_document->plan(), *loaded))
                    found.emplace_back(std::move(finding), journeys);
        }
    }
    // Errors first; within a severity the linters' own (plan, then journeys) order.
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first.severity < b.first.severity; });
    std::vector<LintFinding> findings;
    std::vector<QString> files;
    for (auto &[finding, file] : found) {
        findings.push_back(std::move(finding));
        files.push_back(std::move(file));
    }
    if (findings == m_findings && files == m_files) {
        // Same findings, but a rename changes the "where" column.
        if (rowCount() > 0)
            emit dataChanged(index(0, Where), index(rowCount() - 1, Where));
        return;
    }
    beginResetModel();
    m_findings = std::move(findings);
    m_files = std::move(files);
    endResetModel();
    emit findingsChanged();
}

PlanLocation LintModel::location(int row) const
{
    if (!m_files[std::size_t(row)].isEmpty())
        return {}; // in the journeys file, not the plan
    return PlanLocation::fromPointer(m_document->plan(), m_findings[std::size_t(row)].pointer);
}

int LintModel::count(Severity severity) const
{
    return int(std::count_if(m_findings.begin(), m_findings.end(), [severity](const LintFinding &finding) {
        return finding.severity == severity;
    }));
}

int LintModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int LintModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LintModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LintFinding &finding = m_findings[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return finding.severity == Severity::Error ? Theme::errorColor() : Theme::warningColor();
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Where:
            return m_files[std::size_t(index.row())].isEmpty()
                       ? QString::fromStdString(finding.pointer)
                       : m_files[std::size_t(index.row())] + u'#' + QString::fromStdString(finding.pointer);
        case Message: return QString::fromStdString(finding.message);
        case Fix: return QString::fromStdString(finding.fix);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn: {
        const auto text = toString(finding.severity);
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    case Rule: return QString::fromStdString(finding.code);
    case Where:
        if (const QString &file = m_files[std::size_t(index.row())]; !file.isEmpty())
            return QFileInfo(file).fileName() + u'#' + QString::fromStdString(finding.pointer);
        return QString::fromStdString(location(index.row()).describe(m_document->plan()));
    case Message: return QString::fromStdString(finding.message);
    case Fix: return QString::fromStdString(finding.fix);
    default: return {};
    }
}

QVariant LintModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case Rule: return tr("Rule");
    case Where: return tr("Where");
    case Message: return tr("Message");
    case Fix: return tr("Fix");
    default: return {};
    }
}

} // namespace preflight::ui
