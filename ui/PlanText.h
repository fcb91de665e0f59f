#pragma once

#include "plan/Plan.h"

#include <QString>
#include <QStringList>

namespace preflight::ui {

// How plan values read in the console (tables, tooltips, the diff).
namespace PlanText {

QString str(const std::string &text);
QStringList list(const std::vector<std::string> &values);
std::vector<std::string> values(const QString &commaSeparated);
QString typeName(PropertyType type);
QStringList typeNames();
QString timestampFormatName(TimestampEncoding format);
QString constraints(const PropertySpec &property);
QString constraints(const AttributeSpec &attribute);

// The Constraints cell as edited (properties and attributes alike): a timestamp's format name, otherwise
// the enum values.
template <typename Spec> QString constraintsEditText(const Spec &spec)
{
    if (spec.type == PropertyType::Timestamp)
        return timestampFormatName(spec.timestampFormat);
    return list(spec.enumValues).join(QStringLiteral(", "));
}

// Applies an edited Constraints cell; false, leaving `spec` as it was, for an unknown timestamp format.
template <typename Spec> bool applyConstraintsText(Spec &spec, const QString &text)
{
    if (spec.type != PropertyType::Timestamp) {
        spec.enumValues = values(text);
        return true;
    }
    const auto format = timestampEncodingFromString(text.toStdString());
    if (!format)
        return false;
    spec.timestampFormat = *format;
    return true;
}

} // namespace PlanText

} // namespace preflight::ui
