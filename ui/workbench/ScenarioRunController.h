#pragma once

#include "ScenarioRun.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace preflight::ui {

// Runs a scenario on a worker thread (QtConcurrent) so the window stays responsive; progress and the
// outcome come back as queued signals on the UI thread.
class ScenarioRunController : public QObject
{
    Q_OBJECT

public:
    explicit ScenarioRunController(QObject *parent = nullptr);
    ~ScenarioRunController() override;

    bool isRunning() const { return m_running; }
    void start(const RunInputs &inputs);
    void cancel();
    // Blocks until the worker is done (window close, tests).
    void waitForFinished();

signals:
    void started();
    void progressChanged(int done, int total);
    void finished(std::shared_ptr<const preflight::ui::WorkbenchRun> run);
    void failed(const QString &message, bool cancelled);

private:
    using Outcome = Result<WorkbenchRun>;
    QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};

} // namespace preflight::ui
