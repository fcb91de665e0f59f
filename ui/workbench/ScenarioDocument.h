#pragma once

#include "scenario/Scenario.h"

#include <QObject>
#include <QStringList>

#include <vector>

namespace preflight::ui {

class Project;

// A *.scenario.json file that does not load: listed (marked invalid) with core's error, never dropped.
struct InvalidScenarioFile {
    QString path;
    Error error; // exactly what `preflight-cli run` prints for it (error.toString())
};

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
    int indexOfPath(const QString &path) const;
    int invalidCount() const { return int(m_invalid.size()); }
    const InvalidScenarioFile &invalidFile(int index) const { return m_invalid.at(std::size_t(index)); }
    // Reads every scenario file again (after one was fixed, or changed outside).
    void reload();

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
    Project *m_project;
    std::vector<Scenario> m_scenarios;
    std::vector<bool> m_dirty;
    std::vector<InvalidScenarioFile> m_invalid;
};

} // namespace preflight::ui
