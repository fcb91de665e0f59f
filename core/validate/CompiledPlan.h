#pragma once

#include "plan/Plan.h"

#include <QRegularExpression>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace preflight {

// Bounds of a plausible unix-seconds timestamp (2000-01-01 … 2099-12-31): values outside are almost
// always milliseconds or a unit slip. Shared with the JSON Schema export so both give one verdict.
inline constexpr std::int64_t kEarliestUnixSeconds = 946684800;
inline constexpr std::int64_t kLatestUnixSeconds = 4102444799;
// ISO-8601 date-time as Customer.io and the Pipelines API accept it (RFC 3339 profile).
inline constexpr std::string_view kIso8601Pattern =
    R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$)";

bool isIso8601Timestamp(std::string_view text);
bool matchesPattern(const QRegularExpression &pattern, std::string_view text);

// A property spec turned into what the checks need: a compiled pattern and precomputed texts.
struct CompiledNode {
    std::string name;
    PropertyType type = PropertyType::Object;
    TimestampEncoding timestampFormat = TimestampEncoding::Unspecified;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<int> minItems;
    std::vector<std::string> enumValues;
    std::optional<QRegularExpression> pattern;
    std::string patternText;
    bool required = false;
    bool dedupeKey = false;
    bool allowOther = true; // unknown members: warning when true, error when false
    std::string expected;   // "number", "timestamp (unix seconds)"…
    std::vector<CompiledNode> children;
    std::vector<std::string> childNames;
    std::vector<CompiledNode> item; // arrays: one element

    const CompiledNode *findChild(std::string_view childName) const
    {
        for (const CompiledNode &child : children)
            if (child.name == childName)
                return &child;
        return nullptr;
    }
};

struct CompiledEvent {
    const EventSpec *spec = nullptr;
    CompiledNode root;
};

class CompiledPlan
{
public:
    explicit CompiledPlan(Plan plan);

    const Plan &plan() const { return m_plan; }
    // The event named `name` or aliased so; *viaAlias says which.
    const CompiledEvent *findEvent(std::string_view name, bool *viaAlias = nullptr) const;
    const std::vector<std::string> &eventNames() const { return m_eventNames; }
    const CompiledNode &attributes() const { return m_attributes; }
    // The attributes of the object type with that id; nullptr when the plan has no such type.
    const CompiledNode *objectType(std::string_view typeId) const;

private:
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    Plan m_plan;
    std::vector<CompiledEvent> m_events;
    std::unordered_map<std::string, std::pair<std::size_t, bool>, NameHash, std::equal_to<>> m_byName;
    std::vector<std::string> m_eventNames;
    CompiledNode m_attributes;
    std::vector<std::pair<std::string, CompiledNode>> m_objectTypes; // by type id
};

} // namespace preflight
