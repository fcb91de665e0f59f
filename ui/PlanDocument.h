#pragma once

#include "common/Result.h"
#include "plan/Plan.h"

#include <QObject>
#include <QString>

#include <functional>

namespace preflight::ui {

class Project;

// What an edit touched, so models can repaint one row instead of resetting.
struct PlanChange {
    enum class Kind {
        Reset,         // a different plan (load, reload, clear)
        Header,        // name, description, version, naming
        EventField,    // one event's own fields (event)
        EventList,     // events added, removed or renamed/reordered
        PropertyField, // one property of one event (event, row)
        PropertyList,  // properties of one event added or removed (event)
        AttributeField,
        AttributeList,
        Identity,
    };
    Kind kind = Kind::Reset;
    int event = -1;
    int row = -1;
};

// The tracking plan open in the console: the edited value, the last saved value (for the diff), and the
// file it lives in. Every edit is an undo command on the project's stack; save() writes exactly what
// `preflight-cli` writes (plan/PlanFile.h).
class PlanDocument : public QObject
{
    Q_OBJECT

public:
    explicit PlanDocument(Project *project, QObject *parent = nullptr);

    bool isLoaded() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }
    Project *project() const { return m_project; }
    const Plan &plan() const { return m_plan; }
    const Plan &savedPlan() const { return m_savedPlan; }
    QString loadError() const { return m_loadError; }
    // The plan file that failed to load ("" when none did): watched so that fixing it recovers.
    QString failedPath() const { return m_failedPath; }

    Status load(const QString &path);
    void clear();
    Status save();

    // Pushes an undoable edit: `mutate` changes a copy of the plan; nothing is pushed if it changes nothing.
    void edit(const QString &text, const PlanChange &change, const std::function<void(Plan &)> &mutate);

    void editEvent(int event, const QString &text, const std::function<void(EventSpec &)> &mutate,
                   PlanChange::Kind kind = PlanChange::Kind::EventField);
    void editProperty(int event, int property, const QString &text,
                      const std::function<void(PropertySpec &)> &mutate);
    void editAttribute(int attribute, const QString &text,
                       const std::function<void(AttributeSpec &)> &mutate);
    void addEvent(const QString &name);
    void removeEvent(int event);
    void addProperty(int event, const QString &name);
    void removeProperty(int event, int property);
    void addAttribute(const QString &name);
    void removeAttribute(int attribute);

    // Called by the undo commands only.
    void apply(const Plan &plan, const PlanChange &change);

signals:
    void aboutToChange(const preflight::ui::PlanChange &change);
    void changed(const preflight::ui::PlanChange &change);
    void loaded();
    void saved();

private:
    Project *m_project;
    QString m_path;
    QString m_loadError;
    QString m_failedPath;
    Plan m_plan;
    Plan m_savedPlan;
};

} // namespace preflight::ui
