#include "PlanDocument.h"

#include "PlanEditCommand.h"
#include "Project.h"

#include "plan/PlanFile.h"

#include <QUndoStack>

namespace preflight::ui {

PlanDocument::PlanDocument(Project *project, QObject *parent) : QObject(parent), m_project(project)
{
    auto loadFirstPlan = [this] {
        const QStringList plans = m_project->files(Project::FileKind::Plan);
        if (plans.isEmpty()) {
            clear();
            return;
        }
        // A plan that does not load leaves the designer empty with the error shown; the file is untouched.
        const QString wanted = plans.contains(m_path)         ? m_path
                               : plans.contains(m_failedPath) ? m_failedPath
                                                              : plans.first();
        (void)load(wanted);
    };
    connect(m_project, &Project::opened, this, loadFirstPlan);
    connect(m_project, &Project::closed, this, &PlanDocument::clear);
    connect(m_project, &Project::reloadedFromDisk, this, [this](const QString &path) {
        // A plan that failed to load is watched too: fixing the file brings it back.
        if (path == m_path || path == m_failedPath)
            (void)load(path);
    });
    connect(m_project, &Project::saveRequested, this, [this](Status *status) {
        if (!isLoaded() || !status->ok())
            return;
        *status = save();
    });
}

Status PlanDocument::load(const QString &path)
{
    auto loadedPlan = loadPlan(path.toStdString());
    if (!loadedPlan.ok()) {
        m_loadError = QString::fromStdString(loadedPlan.error().toString());
        m_failedPath = path;
        emit aboutToChange({});
        m_path.clear();
        m_plan = {};
        m_savedPlan = {};
        emit changed({});
        emit loaded();
        return loadedPlan.error();
    }
    m_loadError.clear();
    m_failedPath.clear();
    emit aboutToChange({});
    m_path = path;
    m_plan = std::move(loadedPlan).value();
    m_savedPlan = m_plan;
    emit changed({});
    emit loaded();
    return Ok{};
}

void PlanDocument::clear()
{
    emit aboutToChange({});
    m_path.clear();
    m_failedPath.clear();
    m_loadError.clear();
    m_plan = {};
    m_savedPlan = {};
    emit changed({});
    emit loaded();
}

Status PlanDocument::save()
{
    if (!isLoaded())
        return Error{"plan_not_loaded", "no plan is open", {}};
    const std::string text = toFileText(m_plan);
    // Never write a file the command line would refuse to read.
    if (Result<Plan> reread = planFromText(text, m_path.toStdString()); !reread)
        return Error{reread.error().code,
                     "not saved: preflight-cli would reject this plan: " + reread.error().message,
                     reread.error().where};
    m_project->noteOwnWrite(m_path, QByteArray::fromStdString(text));
    const Status status = savePlan(m_plan, m_path.toStdString());
    if (status.ok()) {
        m_savedPlan = m_plan;
        emit saved();
    }
    return status;
}

void PlanDocument::apply(const Plan &plan, const PlanChange &change)
{
    emit aboutToChange(change);
    m_plan = plan;
    emit changed(change);
}

void PlanDocument::edit(const QString &text, const PlanChange &change,
                        const std::function<void(Plan &)> &mutate)
{
    if (!isLoaded())
        return;
    Plan after = m_plan;
    mutate(after);
    if (after == m_plan)
        return;
    m_project->undoStack()->push(new PlanEditCommand(this, text, m_plan, std::move(after), change));
}

void PlanDocument::editEvent(int event, const QString &text, const std::function<void(EventSpec &)> &mutate,
                             PlanChange::Kind kind)
{
    if (event < 0 || event >= int(m_plan.events.size()))
        return;
    edit(text, {kind, event}, [&](Plan &plan) { mutate(plan.events[std::size_t(event)]); });
}

void PlanDocument::editProperty(int event, int property, const QString &text,
                                const std::function<void(PropertySpec &)> &mutate)
{
    if (event < 0 || event >= int(m_plan.events.size()))
        return;
    const auto &properties = m_plan.events[std::size_t(event)].properties;
    if (property < 0 || property >= int(properties.size()))
        return;
    edit(text, {PlanChange::Kind::PropertyField, event, property},
         [&](Plan &plan) { mutate(plan.events[std::size_t(event)].properties[std::size_t(property)]); });
}

void PlanDocument::editAttribute(int attribute, const QString &text,
                                 const std::function<void(AttributeSpec &)> &mutate)
{
    if (attribute < 0 || attribute >= int(m_plan.attributes.size()))
        return;
    edit(text, {PlanChange::Kind::AttributeField, -1, attribute},
         [&](Plan &plan) { mutate(plan.attributes[std::size_t(attribute)]); });
}

void PlanDocument::addEvent(const QString &name)
{
    edit(tr("Add event %1").arg(name), {PlanChange::Kind::EventList}, [&](Plan &plan) {
        EventSpec event;
        event.name = name.toStdString();
        plan.events.push_back(std::move(event));
    });
}

void PlanDocument::removeEvent(int event)
{
    if (event < 0 || event >= int(m_plan.events.size()))
        return;
    edit(tr("Remove event %1").arg(QString::fromStdString(m_plan.events[std::size_t(event)].name)),
         {PlanChange::Kind::EventList}, [&](Plan &plan) { plan.events.erase(plan.events.begin() + event); });
}

void PlanDocument::addProperty(int event, const QString &name)
{
    editEvent(
        event, tr("Add property %1").arg(name),
        [&](EventSpec &spec) {
            PropertySpec property;
            property.name = name.toStdString();
            spec.properties.push_back(std::move(property));
        },
        PlanChange::Kind::PropertyList);
}

void PlanDocument::removeProperty(int event, int property)
{
    if (event < 0 || event >= int(m_plan.events.size()))
        return;
    const auto &properties = m_plan.events[std::size_t(event)].properties;
    if (property < 0 || property >= int(properties.size()))
        return;
    editEvent(
        event, tr("Remove property %1").arg(QString::fromStdString(properties[std::size_t(property)].name)),
        [&](EventSpec &spec) { spec.properties.erase(spec.properties.begin() + property); },
        PlanChange::Kind::PropertyList);
}

void PlanDocument::addAttribute(const QString &name)
{
    edit(tr("Add attribute %1").arg(name), {PlanChange::Kind::AttributeList}, [&](Plan &plan) {
        AttributeSpec attribute;
        attribute.name = name.toStdString();
        plan.attributes.push_back(std::move(attribute));
    });
}

void PlanDocument::removeAttribute(int attribute)
{
    if (attribute < 0 || attribute >= int(m_plan.attributes.size()))
        return;
    edit(
        tr("Remove attribute %1").arg(QString::fromStdString(m_plan.attributes[std::size_t(attribute)].name)),
        {PlanChange::Kind::AttributeList},
        [&](Plan &plan) { plan.attributes.erase(plan.attributes.begin() + attribute); });
}

} // namespace preflight::ui
