#include "runner/ReadBackExpectations.h"

#include "workspace/Workspace.h"

#include <map>

namespace preflight {

namespace {

// The person a call's changes concern (its cio_id in the model); "" when none (ignored, anonymous).
std::string personOf(const ApplyResult &result)
{
    for (const WorkspaceChange &change : result.changes) {
        if (change.kind != WorkspaceChange::Kind::PersonsMerged && !change.personKey.empty())
            return change.personKey;
    }
    return {};
}

std::string nameOf(const Json &identifiers)
{
    for (const char *key : {"id", "email", "cio_id"}) {
        if (identifiers.contains(key) && identifiers[key].is_string())
            return identifiers[key].get<std::string>();
    }
    return {};
}

} // namespace

std::vector<ExpectedReadBack> expectedReadBacks(const std::vector<ScheduledCall> &landed)
{
    Workspace model;
    std::vector<std::string> keys(landed.size());
    std::vector<std::string> ignoredBecause(landed.size());
    struct Merge {
        std::string into;
        std::size_t step = 0;
    };
    std::map<std::string, Merge> mergedAway; // secondary key → primary key, and the merge's step
    // (the person the call landed on, attribute) → the last identify that set it there
    std::map<std::pair<std::string, std::string>, std::size_t> lastWriter;
    for (std::size_t i = 0; i < landed.size(); ++i) {
        const Call &call = landed[i].call;
        const ApplyResult result = model.apply(call, call.arrivedAt.value_or(call.occurredAt.value_or(0)));
        keys[i] = personOf(result);
        if (!result.accepted)
            ignoredBecause[i] =
                result.message.empty() ? std::string(toString(result.reason)) : result.message;
        for (const WorkspaceChange &change : result.changes) {
            if (change.kind == WorkspaceChange::Kind::PersonsMerged)
                mergedAway[change.otherPersonKey] = {change.personKey, landed[i].step};
        }
    }
    auto finalKey = [&mergedAway](std::string key) {
        for (auto it = mergedAway.find(key); it != mergedAway.end(); it = mergedAway.find(key))
            key = it->second.into;
        return key;
    };
    for (std::size_t i = 0; i < landed.size(); ++i) {
        if (landed[i].call.kind == CallKind::Identify && !keys[i].empty()) {
            for (const auto &[attribute, value] : landed[i].call.properties.items())
                lastWriter[{keys[i], attribute}] = i;
        }
    }

    std::vector<ExpectedReadBack> out(landed.size());
    for (std::size_t i = 0; i < landed.size(); ++i) {
        if (!ignoredBecause[i].empty())
            out[i].ignored = ignoredBecause[i];
        if (keys[i].empty())
            continue;
        const Call &call = landed[i].call;
        const std::string key = finalKey(keys[i]);
        const Result<Json> person = model.attributesResponse(key, "cio_id");
        if (!person)
            continue; // deleted since: nothing to read it through
        ExpectedReadBack &expected = out[i];
        if (key != keys[i]) {
            expected.mergedAway = true;
            const Json identifiers = person->value("/customer/identifiers"_json_pointer, Json::object());
            expected.readAs.id = identifiers.value("id", Json()).is_string()
                                     ? identifiers["id"].get<std::string>()
                                     : std::string();
            expected.readAs.email = identifiers.value("email", Json()).is_string()
                                        ? identifiers["email"].get<std::string>()
                                        : std::string();
            expected.note = "read through " + nameOf(identifiers) + ": step " +
                            std::to_string(mergedAway[keys[i]].step) + "'s merge moved this person there";
        }
        if (call.kind != CallKind::Identify)
            continue;
        const Json attributes = person->value("/customer/attributes"_json_pointer, Json::object());
        Json wanted = Json::object();
        std::vector<std::string> changed;
        for (const auto &[attribute, value] : call.properties.items()) {
            if (!attributes.contains(attribute))
                continue; // unset by a later call: nothing of this one is left to see
            wanted[attribute] = attributes[attribute];
            if (attributes[attribute] == value)
                continue;
            const std::size_t writer = lastWriter[{keys[i], attribute}];
            changed.push_back("'" + attribute + "' as " +
                              (writer != i ? "step " + std::to_string(landed[writer].step) + " set it"
                                           : std::string("the merge kept the primary's")));
        }
        expected.attributes = std::move(wanted);
        if (!changed.empty()) {
            std::string text = "later calls changed it: reads back ";
            for (std::size_t c = 0; c < changed.size(); ++c)
                text += (c ? ", " : "") + changed[c];
            expected.note += (expected.note.empty() ? "" : "; ") + text;
        }
    }
    return out;
}

} // namespace preflight
