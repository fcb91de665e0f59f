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

} // namespace PlanText

} // namespace preflight::ui
