#include "validate/CompiledPlan.h"

namespace preflight {

namespace {

std::string expectedText(PropertyType type, TimestampEncoding format)
{
    if (type != PropertyType::Timestamp)
        return std::string(toString(type));
    switch (format) {
    case TimestampEncoding::UnixSeconds: return "timestamp (unix seconds)";
    case TimestampEncoding::Iso8601: return "timestamp (ISO-8601)";
    case TimestampEncoding::Unspecified: break;
    }
    return "timestamp (unix seconds or ISO-8601)";
}

CompiledNode compile(const PropertySpec &spec)
{
    CompiledNode node;
    node.name = spec.name;
    node.type = spec.type;
    node.timestampFormat = spec.timestampFormat;
    node.minimum = spec.minimum;
    node.maximum = spec.maximum;
    node.minItems = spec.minItems;
    node.enumValues = spec.enumValues;
    if (!spec.pattern.empty()) {
        node.patternText = spec.pattern;
        node.pattern.emplace(QString::fromStdString(spec.pattern));
        node.pattern->optimize();
    }
    node.required = spec.isRequired();
    node.dedupeKey = spec.dedupeKey;
    node.expected = expectedText(spec.type, spec.timestampFormat);
    for (const PropertySpec &child : spec.properties) {
        node.children.push_back(compile(child));
        node.childNames.push_back(child.name);
    }
    if (const PropertySpec *item = spec.itemSchema())
        node.item.push_back(compile(*item));
    return node;
}

} // namespace

bool matchesPattern(const QRegularExpression &pattern, std::string_view text)
{
    const QString subject = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    return pattern.match(subject).hasMatch();
}

bool isIso8601Timestamp(std::string_view text)
{
    static const QRegularExpression pattern = [] {
        QRegularExpression expression(
            QString::fromUtf8(kIso8601Pattern.data(), static_cast<qsizetype>(kIso8601Pattern.size())));
        expression.optimize();
        return expression;
    }();
    return matchesPattern(pattern, text);
}

CompiledPlan::CompiledPlan(Plan plan) : m_plan(std::move(plan))
{
    m_events.reserve(m_plan.events.size());
    for (const EventSpec &event : m_plan.events) {
        CompiledEvent compiled;
        compiled.spec = &event;
        compiled.root.name = event.name;
        compiled.root.expected = "object";
        compiled.root.allowOther = event.allowOtherProperties;
        for (const PropertySpec &property : event.properties) {
            compiled.root.children.push_back(compile(property));
            compiled.root.childNames.push_back(property.name);
        }
        m_events.push_back(std::move(compiled));
        m_eventNames.push_back(event.name);
    }
    for (std::size_t i = 0; i < m_plan.events.size(); ++i) {
        m_byName.emplace(m_plan.events[i].name, std::make_pair(i, false));
        for (const std::string &alias : m_plan.events[i].aliases)
            m_byName.emplace(alias, std::make_pair(i, true));
    }
    m_attributes.expected = "object";
    m_attributes.allowOther = m_plan.allowOtherAttributes;
    for (const AttributeSpec &attribute : m_plan.attributes) {
        m_attributes.children.push_back(compile(attribute.asProperty()));
        m_attributes.childNames.push_back(attribute.name);
    }
    for (const ObjectTypeSpec &type : m_plan.objectTypes) {
        CompiledNode root;
        root.name = type.name;
        root.expected = "object";
        root.allowOther = type.allowOtherAttributes;
        for (const PropertySpec &attribute : type.attributes) {
            root.children.push_back(compile(attribute));
            root.childNames.push_back(attribute.name);
        }
        m_objectTypes.emplace_back(type.typeId, std::move(root));
    }
}

const CompiledNode *CompiledPlan::objectType(std::string_view typeId) const
{
    for (const auto &[id, node] : m_objectTypes)
        if (id == typeId)
            return &node;
    return nullptr;
}

const CompiledEvent *CompiledPlan::findEvent(std::string_view name, bool *viaAlias) const
{
    const auto it = m_byName.find(name);
    if (it == m_byName.end())
        return nullptr;
    if (viaAlias)
        *viaAlias = it->second.second;
    return &m_events[it->second.first];
}

} // namespace preflight
