#include "ScenarioRunHistory.h"

#include <algorithm>

namespace preflight::ui {

RunStatus runStatusOf(const WorkbenchRun &run)
{
    if (!run.result.passed())
        return RunStatus::Fail;
    const auto &entries = run.result.timeline.entries;
    const bool leaked = std::any_of(entries.begin(), entries.end(), [](const TimelineEntry &entry) {
        return entry.kind == TimelineEntry::Kind::Sent && entry.code == "leaked";
    });
    return leaked ? RunStatus::Leak : RunStatus::Pass;
}

QString runStatusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Pass: return QStringLiteral("pass");
    case RunStatus::Fail: return QStringLiteral("fail");
    case RunStatus::Leak: return QStringLiteral("leak");
    case RunStatus::Invalid: return QStringLiteral("invalid");
    case RunStatus::NotRun: break;
    }
    return {};
}

void ScenarioRunHistory::add(const QString &scenarioPath, Entry entry)
{
    std::vector<Entry> &runs = m_runs[scenarioPath];
    runs.insert(runs.begin(), std::move(entry));
    if (runs.size() > kRunsKept)
        runs.resize(kRunsKept);
    emit added(scenarioPath);
}

const std::vector<ScenarioRunHistory::Entry> &ScenarioRunHistory::runs(const QString &scenarioPath) const
{
    static const std::vector<Entry> none;
    const auto found = m_runs.constFind(scenarioPath);
    return found == m_runs.constEnd() ? none : *found;
}

const ScenarioRunHistory::Entry *ScenarioRunHistory::last(const QString &scenarioPath) const
{
    const std::vector<Entry> &all = runs(scenarioPath);
    return all.empty() ? nullptr : &all.front();
}

RunStatus ScenarioRunHistory::lastStatus(const QString &scenarioPath) const
{
    const Entry *entry = last(scenarioPath);
    return entry ? entry->status : RunStatus::NotRun;
}

} // namespace preflight::ui
