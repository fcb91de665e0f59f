#pragma once

#include "ScenarioRun.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace preflight::ui {

// How a scenario fared, as the scenario list's badge says it.
enum class RunStatus { NotRun, Pass, Fail, Leak, Invalid };

// fail: an expectation failed; leak: all pass but the timeline shows a leaked message; else pass.
RunStatus runStatusOf(const WorkbenchRun &run);
QString runStatusText(RunStatus status); // "pass", "fail", "leak", "invalid", "" (not run)

// The runs of each scenario in this session, newest first, keyed by the scenario's file so they survive
// reloads and switching between scenarios. Bounded per scenario.
class ScenarioRunHistory : public QObject
{
    Q_OBJECT

public:
    struct Entry {
        std::shared_ptr<const WorkbenchRun> run;
        QDateTime finishedAt;
        QString environment;
        RunStatus status = RunStatus::NotRun;
    };
    static constexpr std::size_t kRunsKept = 20;

    explicit ScenarioRunHistory(QObject *parent = nullptr) : QObject(parent) {}

    void add(const QString &scenarioPath, Entry entry);
    // Newest first; empty when the scenario has not run.
    const std::vector<Entry> &runs(const QString &scenarioPath) const;
    const Entry *last(const QString &scenarioPath) const;
    RunStatus lastStatus(const QString &scenarioPath) const;

signals:
    void added(const QString &scenarioPath);

private:
    QHash<QString, std::vector<Entry>> m_runs;
};

} // namespace preflight::ui
