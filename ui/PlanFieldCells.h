#pragma once

#include "PlanText.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace preflight::ui {

// The cells a person attribute and an event property share — name, type, constraints, description —
// how each reads, and the undoable edit that typing into one makes. AttributeTableModel and
// PropertyTableModel add their own columns around these.
namespace PlanFieldCells {

enum class Cell { Name, Type, Constraints, Description };

template <typename Spec> QString display(const Spec &spec, Cell cell)
{
    switch (cell) {
    case Cell::Name: return PlanText::str(spec.name);
    case Cell::Type: return PlanText::typeName(spec.type);
    case Cell::Constraints: return PlanText::constraints(spec);
    case Cell::Description: return PlanText::str(spec.description);
    }
    return {};
}

template <typename Spec> struct Edit {
    QString undoText;
    std::function<void(Spec &)> apply;
};

// The edit for `text` typed into `cell`; nullopt when the text is not a valid value (a blank name, an
// unknown type or timestamp format). `what` names the field in undo text ("attribute email", "cart_id").
template <typename Spec>
std::optional<Edit<Spec>> edit(const Spec &spec, Cell cell, const QString &text, const QString &what)
{
    const auto tr = [](const char *source) { return QCoreApplication::translate("PlanFieldCells", source); };
    switch (cell) {
    case Cell::Name: {
        const QString name = text.trimmed();
        if (name.isEmpty())
            return std::nullopt;
        return Edit<Spec>{tr("Rename %1 to %2").arg(what, name),
                          [name](Spec &s) { s.name = name.toStdString(); }};
    }
    case Cell::Type: {
        const auto type = propertyTypeFromString(text.toStdString());
        if (!type)
            return std::nullopt;
        return Edit<Spec>{tr("Change type of %1 to %2").arg(what, text), [type](Spec &s) { s.type = *type; }};
    }
    case Cell::Constraints: {
        Spec probe = spec;
        if (!PlanText::applyConstraintsText(probe, text))
            return std::nullopt;
        const QString name = PlanText::str(spec.name);
        return Edit<Spec>{spec.type == PropertyType::Timestamp ? tr("Set timestamp format of %1").arg(name)
                                                               : tr("Edit values of %1").arg(name),
                          [text](Spec &s) { PlanText::applyConstraintsText(s, text); }};
    }
    case Cell::Description:
        return Edit<Spec>{tr("Describe %1").arg(what),
                          [text](Spec &s) { s.description = text.toStdString(); }};
    }
    return std::nullopt;
}

} // namespace PlanFieldCells

} // namespace preflight::ui
