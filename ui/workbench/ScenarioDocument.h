#pragma once

#include "scenario/Scenario.h"

#include <QObject>
#include <QStringList>

#include <vector>

namespace preflight::ui {

class Project;

// The project's scenarios, loaded from its *.scenario.json files. Edits go through the project's undo stack
// (StepEditCommand) and Project::save writes each changed scenario back as core writes it (toJson +
// toFileText).
class ScenarioDocument : public QObject
{
    Q_OBJECT

public:
    explicit ScenarioDocument(Project *project, QObject *parent = nullptr);

    Project *project() const { return m_project; }
    int count() const { return int(m_scenarios.size()); }
    const Scenario &scenario(int index) const { return m_scenarios.at(std::size_t(index)); }
    int indexOfName(const QString &name) const;
    QStringList loadErrors() const { return m_errors; }

    // Pushes an undoable edit of one step.
    void editStep(int scenario, int step, const ScenarioStep &value, const QString &what);
    // Used by StepEditCommand (redo/undo): replaces the step without touching the stack.
    void setStep(int scenario, int step, const ScenarioStep &value);
    // Pushes an undoable change of a scenario's step list (adding, removing steps).
    void editSteps(int scenario, std::vector<ScenarioStep> steps, const QString &what);
    // Used by StepListCommand: replaces the list without touching the stack.
    void setSteps(int scenario, std::vector<ScenarioStep> steps);
    Status saveAll();

signals:
    void reset();
    void stepChanged(int scenario, int step);
    void stepsReplaced(int scenario);

private:
    void reload();

    Project *m_project;
    std::vector<Scenario> m_scenarios;
    std::vector<bool> m_dirty;
    QStringList m_errors;
};

} // namespace preflight::ui
