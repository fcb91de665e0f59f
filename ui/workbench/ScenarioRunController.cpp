#include "ScenarioRunController.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

namespace preflight::ui {

ScenarioRunController::ScenarioRunController(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, [this] {
        m_running = false;
        const std::shared_ptr<Outcome> outcome = m_watcher.result();
        if (*outcome)
            emit finished(std::make_shared<const WorkbenchRun>(std::move(outcome->value())));
        else
            emit failed(QString::fromStdString(outcome->error().toString()),
                        outcome->error().code == "cancelled");
    });
}

ScenarioRunController::~ScenarioRunController()
{
    cancel();
    waitForFinished();
}

void ScenarioRunController::start(const RunInputs &inputs)
{
    if (m_running)
        return;
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    emit started();
    auto cancelFlag = m_cancel;
    // The destructor waits for the worker, so `this` outlives every queued progress call it makes.
    m_watcher.setFuture(QtConcurrent::run([this, inputs, cancelFlag] {
        auto progress = [this](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progressChanged(done, total); }, Qt::QueuedConnection);
        };
        return std::make_shared<Outcome>(runWorkbenchScenario(inputs, progress, *cancelFlag));
    }));
}

void ScenarioRunController::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void ScenarioRunController::waitForFinished()
{
    m_watcher.waitForFinished();
}

} // namespace preflight::ui
