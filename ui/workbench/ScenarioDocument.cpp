#include "ScenarioDocument.h"

#include "Project.h"
#include "StepEditCommand.h"

#include <QUndoStack>

namespace preflight::ui {

ScenarioDocument::ScenarioDocument(Project *project, QObject *parent) : QObject(parent), m_project(project)
{
    connect(project, &Project::opened, this, &ScenarioDocument::reload);
    connect(project, &Project::closed, this, &ScenarioDocument::reload);
    connect(project, &Project::filesChanged, this, [this] {
        // Keep unsaved edits; outside changes are picked up once the edits are saved or undone.
        if (!m_project->isModified())
            reload();
    });
    connect(project, &Project::reloadedFromDisk, this, &ScenarioDocument::reload);
    connect(project, &Project::saveRequested, this, [this](Status *status) {
        Status saved = saveAll();
        if (status && *status && !saved)
            *status = saved;
    });
    reload();
}

void ScenarioDocument::reload()
{
    m_scenarios.clear();
    m_invalid.clear();
    if (m_project->isOpen()) {
        for (const QString &path : m_project->files(Project::FileKind::Scenario)) {
            auto scenario = loadScenarioFile(path.toStdString());
            if (scenario)
                m_scenarios.push_back(std::move(*scenario));
            else
                m_invalid.push_back({path, scenario.error()});
        }
    }
    m_dirty.assign(m_scenarios.size(), false);
    emit reset();
}

int ScenarioDocument::indexOfName(const QString &name) const
{
    for (std::size_t i = 0; i < m_scenarios.size(); ++i) {
        const QString file = QString::fromStdString(m_scenarios[i].path);
        if (QString::fromStdString(m_scenarios[i].name) == name ||
            file.endsWith(QLatin1Char('/') + name + QStringLiteral(".scenario.json")))
            return int(i);
    }
    return -1;
}

int ScenarioDocument::indexOfPath(const QString &path) const
{
    for (std::size_t i = 0; i < m_scenarios.size(); ++i) {
        if (QString::fromStdString(m_scenarios[i].path) == path)
            return int(i);
    }
    return -1;
}

void ScenarioDocument::editStep(int scenario, int step, const ScenarioStep &value, const QString &what)
{
    const ScenarioStep before = m_scenarios.at(std::size_t(scenario)).steps.at(std::size_t(step));
    if (before == value)
        return;
    m_project->undoStack()->push(new StepEditCommand(this, scenario, step, before, value, what));
}

void ScenarioDocument::setStep(int scenario, int step, const ScenarioStep &value)
{
    m_scenarios.at(std::size_t(scenario)).steps.at(std::size_t(step)) = value;
    m_dirty.at(std::size_t(scenario)) = true;
    emit stepChanged(scenario, step);
}

void ScenarioDocument::editSteps(int scenario, std::vector<ScenarioStep> steps, const QString &what)
{
    std::vector<ScenarioStep> before = m_scenarios.at(std::size_t(scenario)).steps;
    if (before == steps)
        return;
    m_project->undoStack()->push(
        new StepListCommand(this, scenario, std::move(before), std::move(steps), what));
}

void ScenarioDocument::setSteps(int scenario, std::vector<ScenarioStep> steps)
{
    m_scenarios.at(std::size_t(scenario)).steps = std::move(steps);
    m_dirty.at(std::size_t(scenario)) = true;
    emit stepsReplaced(scenario);
}

Status ScenarioDocument::saveAll()
{
    for (std::size_t i = 0; i < m_scenarios.size(); ++i) {
        if (!m_dirty[i])
            continue;
        const std::string text = toFileText(toJson(m_scenarios[i]));
        m_project->noteOwnWrite(QString::fromStdString(m_scenarios[i].path), QByteArray::fromStdString(text));
        Status written = writeTextFile(m_scenarios[i].path, text);
        if (!written)
            return written;
        m_dirty[i] = false;
    }
    return Ok{};
}

} // namespace preflight::ui
