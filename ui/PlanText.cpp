#include "PlanText.h"

namespace preflight::ui::PlanText {

QString str(const std::string &text)
{
    return QString::fromStdString(text);
}

QStringList list(const std::vector<std::string> &values)
{
    QStringList result;
    for (const std::string &value : values)
        result << str(value);
    return result;
}

std::vector<std::string> values(const QString &commaSeparated)
{
    std::vector<std::string> result;
    for (const QString &part : commaSeparated.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            result.push_back(trimmed.toStdString());
    }
    return result;
}

QString typeName(PropertyType type)
{
    return QString::fromUtf8(toString(type).data(), qsizetype(toString(type).size()));
}

QStringList typeNames()
{
    QStringList names;
    for (auto type :
         {PropertyType::String, PropertyType::Number, PropertyType::Integer, PropertyType::Boolean,
          PropertyType::Timestamp, PropertyType::Enum, PropertyType::Object, PropertyType::Array})
        names << typeName(type);
    return names;
}

QString timestampFormatName(TimestampEncoding format)
{
    const auto text = toString(format);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

namespace {

QString bounds(const std::optional<double> &minimum, const std::optional<double> &maximum,
               const QString &unit)
{
    if (minimum && maximum)
        return QStringLiteral("%1…%2%3").arg(*minimum).arg(*maximum).arg(unit);
    if (minimum)
        return QStringLiteral("≥ %1%2").arg(*minimum).arg(unit);
    if (maximum)
        return QStringLiteral("≤ %1%2").arg(*maximum).arg(unit);
    return {};
}

} // namespace

QString constraints(const PropertySpec &property)
{
    QStringList parts;
    switch (property.type) {
    case PropertyType::Enum:
        parts << QStringLiteral("one of: %1").arg(list(property.enumValues).join(", "));
        break;
    case PropertyType::String:
        if (!property.enumValues.empty())
            parts << QStringLiteral("one of: %1").arg(list(property.enumValues).join(", "));
        if (!property.pattern.empty())
            parts << QStringLiteral("matches /%1/").arg(str(property.pattern));
        if (const QString length = bounds(property.minimum, property.maximum, QStringLiteral(" chars"));
            !length.isEmpty())
            parts << length;
        break;
    case PropertyType::Number:
    case PropertyType::Integer:
        if (const QString range = bounds(property.minimum, property.maximum, {}); !range.isEmpty())
            parts << range;
        break;
    case PropertyType::Timestamp:
        parts << (property.timestampFormat == TimestampEncoding::Unspecified
                      ? QStringLiteral("format not set")
                      : timestampFormatName(property.timestampFormat));
        break;
    case PropertyType::Object: parts << QStringLiteral("%1 members").arg(property.properties.size()); break;
    case PropertyType::Array:
        if (const PropertySpec *item = property.itemSchema())
            parts << QStringLiteral("items: %1").arg(typeName(item->type));
        if (property.minItems)
            parts << QStringLiteral("≥ %1 items").arg(*property.minItems);
        break;
    case PropertyType::Boolean: break;
    }
    if (property.joinKey)
        parts << QStringLiteral("join key");
    return parts.join(QStringLiteral("; "));
}

QString constraints(const AttributeSpec &attribute)
{
    if (attribute.type == PropertyType::Enum)
        return QStringLiteral("one of: %1").arg(list(attribute.enumValues).join(", "));
    if (attribute.type == PropertyType::Timestamp)
        return attribute.timestampFormat == TimestampEncoding::Unspecified
                   ? QStringLiteral("format not set")
                   : timestampFormatName(attribute.timestampFormat);
    return {};
}

} // namespace preflight::ui::PlanText
