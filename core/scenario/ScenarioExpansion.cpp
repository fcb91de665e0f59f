#include "scenario/Scenario.h"

#include <QUuid>

#include <algorithm>

namespace preflight {

namespace {

// Fills {{name}} placeholders in text; `uuid` mints a new value each time, derived from the run id.
class TemplateContext
{
public:
    TemplateContext(std::string runId, const Json &vars) : m_runId(std::move(runId)), m_vars(vars) {}

    Result<std::string> fill(const std::string &text, const std::string &where)
    {
        std::string out;
        std::size_t position = 0;
        while (true) {
            const std::size_t open = text.find("{{", position);
            if (open == std::string::npos) {
                out.append(text, position);
                return out;
            }
            const std::size_t close = text.find("}}", open + 2);
            if (close == std::string::npos)
                return Error{"bad_template", "unclosed \"{{\" in \"" + text + "\"", where};
            out.append(text, position, open - position);
            std::string name = text.substr(open + 2, close - open - 2);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (name == "run_id") {
                out += m_runId;
            } else if (name == "uuid") {
                out += mintUuid();
            } else if (m_vars.contains(name) && m_vars[name].is_string()) {
                out += m_vars[name].get<std::string>();
            } else {
                return Error{"bad_template",
                             "unknown placeholder {{" + name + "}} (run_id, uuid or a name in \"vars\")",
                             where};
            }
            position = close + 2;
        }
    }

    Result<Json> fillAll(const Json &value, const std::string &where)
    {
        if (value.is_string()) {
            auto text = fill(value.get<std::string>(), where);
            if (!text)
                return text.error();
            return Json(*text);
        }
        if (value.is_object()) {
            Json out = Json::object();
            for (const auto &[key, item] : value.items()) {
                auto filled = fillAll(item, where + "/" + key);
                if (!filled)
                    return filled.error();
                out[key] = std::move(*filled);
            }
            return out;
        }
        if (value.is_array()) {
            Json out = Json::array();
            for (std::size_t i = 0; i < value.size(); ++i) {
                auto filled = fillAll(value[i], where + "/" + std::to_string(i));
                if (!filled)
                    return filled.error();
                out.push_back(std::move(*filled));
            }
            return out;
        }
        return value;
    }

    void setVars(const Json &vars) { m_vars = vars; }

private:
    std::string mintUuid()
    {
        static const QUuid kNamespace =
            QUuid::fromString(QStringLiteral("{6b1e4f0e-8a51-4f3c-9a0b-3c2d1e5f7a90}"));
        const QString name = QString::fromStdString(m_runId + "/" + std::to_string(m_counter++));
        return QUuid::createUuidV5(kNamespace, name).toString(QUuid::WithoutBraces).toStdString();
    }

    std::string m_runId;
    Json m_vars;
    int m_counter = 0;
};

} // namespace

Result<ExpandedScenario> expandScenario(const Scenario &scenario, const ExpandOptions &options)
{
    ExpandedScenario expanded;
    expanded.runId = options.runId;
    expanded.origin = options.start.value_or(scenario.start.value_or(kDefaultScenarioStart));
    const std::string root = scenario.path + "#";
    // Vars resolve in alphabetical order of their names; each may use run_id, uuid and the vars before it.
    TemplateContext context(options.runId, Json::object());
    for (const auto &[name, value] : scenario.vars.items()) {
        auto filled = context.fillAll(value, root + "/vars/" + name);
        if (!filled)
            return filled.error();
        expanded.vars[name] = *filled;
        context.setVars(expanded.vars);
    }
    struct Arrival {
        ScheduledCall scheduled;
        UnixMillis arrivedAt = 0;
        bool outOfOrder = false;
    };
    std::vector<Arrival> arrivals;
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const ScenarioStep &step = scenario.steps[i];
        const std::string where = root + "/steps/" + std::to_string(i);
        auto filled = context.fillAll(step.call, where);
        if (!filled)
            return filled.error();
        auto call = callFromJson(*filled, where);
        if (!call)
            return call.error();
        call->occurredAt = expanded.origin + step.offsetMillis;
        call->arrivedAt = *call->occurredAt + step.fault.arrivalDelayMillis;
        ScheduledCall scheduled{i, std::move(*call), false};
        if (step.fault.drop) {
            scheduled.call.arrivedAt.reset();
            expanded.dropped.push_back(std::move(scheduled));
            continue;
        }
        arrivals.push_back({scheduled, *scheduled.call.arrivedAt, step.fault.outOfOrder});
        if (step.fault.duplicate) {
            scheduled.duplicate = true;
            scheduled.call.arrivedAt = *scheduled.call.arrivedAt + step.fault.duplicateAfterMillis;
            arrivals.push_back({scheduled, *scheduled.call.arrivedAt, false});
        }
    }
    // Out of order: the call lands just after the next step's call.
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        if (!arrivals[i].outOfOrder)
            continue;
        for (std::size_t j = i + 1; j < arrivals.size(); ++j) {
            if (arrivals[j].scheduled.step != arrivals[i].scheduled.step) {
                arrivals[i].arrivedAt = std::max(arrivals[i].arrivedAt, arrivals[j].arrivedAt + 1);
                arrivals[i].scheduled.call.arrivedAt = arrivals[i].arrivedAt;
                break;
            }
        }
    }
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const Arrival &a, const Arrival &b) { return a.arrivedAt < b.arrivedAt; });
    UnixMillis last = expanded.origin;
    for (Arrival &arrival : arrivals) {
        last = std::max(last, arrival.arrivedAt);
        expanded.calls.push_back(std::move(arrival.scheduled));
    }
    expanded.runUntil =
        scenario.runUntilMillis ? expanded.origin + *scenario.runUntilMillis : last + 30 * 86'400'000LL;
    return expanded;
}

Result<Json> resolveTemplates(const Json &value, const ExpandedScenario &expanded, const std::string &where)
{
    TemplateContext context(expanded.runId, expanded.vars);
    return context.fillAll(value, where);
}

} // namespace preflight
