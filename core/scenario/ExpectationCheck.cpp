#include "scenario/ScenarioResult.h"

#include <algorithm>

namespace preflight {

bool ScenarioResult::passed() const
{
    for (const ExpectationResult &result : expectations) {
        if (result.status == ExpectationResult::Status::Failed)
            return false;
    }
    return true;
}

namespace {

std::string line(const TimelineEntry &entry, UnixMillis origin)
{
    return formatOffset(entry.at, origin) + " " + std::string(toString(entry.kind)) + " " + entry.campaign +
           (entry.runId ? " #" + std::to_string(entry.runId) : "") + ": " + entry.reason;
}

bool sends(const std::vector<Step> &steps, const std::string &message)
{
    return std::any_of(steps.begin(), steps.end(), [&message](const Step &step) {
        return (step.kind == Step::Kind::Message && step.name == message) || sends(step.thenSteps, message) ||
               sends(step.elseSteps, message);
    });
}

std::vector<std::string> campaignsSending(const Journeys &journeys, const std::string &message)
{
    std::vector<std::string> names;
    for (const Campaign &campaign : journeys.campaigns) {
        if (sends(campaign.steps, message))
            names.push_back(campaign.name);
    }
    return names;
}

std::string joined(const std::vector<std::string> &names)
{
    std::string text;
    for (const std::string &name : names)
        text += (text.empty() ? "" : " or ") + name;
    return text;
}

// A vacuous pass fails, unless the expectation allows it; either way the detail says so first.
void judgeVacuous(ExpectationResult &result, const Expectation &expectation, const std::string &why)
{
    if (expectation.allowVacuous) {
        result.detail = "vacuous, allowed by allow_vacuous: " + why + "\n  " + result.detail;
        return;
    }
    result.status = ExpectationResult::Status::Failed;
    result.detail = "vacuous: " + why + "\n  " + result.detail;
}

} // namespace

std::vector<ExpectationResult> checkExpectations(const Scenario &scenario, const Journeys &journeys,
                                                 const ExpandedScenario &expanded, const Timeline &timeline,
                                                 const PersonResolver &resolvePerson,
                                                 const std::vector<StepViolation> &violations, bool validated)
{
    std::vector<ExpectationResult> results;
    const UnixMillis origin = expanded.origin;
    for (const Expectation &expectation : scenario.expectations) {
        ExpectationResult result;
        result.description = describe(expectation);
        result.where = expectation.where;
        std::string person;
        bool anyone = expectation.person.is_null();
        if (!anyone) {
            auto identity = resolveTemplates(expectation.person, expanded, expectation.where + "/person");
            person = identity ? resolvePerson(identityFromJson(*identity)) : std::string();
            if (person.empty()) {
                result.status = ExpectationResult::Status::Failed;
                result.detail = "no person with identity " +
                                (identity ? identity->dump() : expectation.person.dump()) +
                                " reached the workspace";
                results.push_back(std::move(result));
                continue;
            }
        }
        const UnixMillis by =
            expectation.byMillis ? origin + *expectation.byMillis : std::numeric_limits<UnixMillis>::max();
        auto concerns = [&](const TimelineEntry &entry) {
            return (anyone || entry.personKey == person) && entry.at <= by;
        };
        const std::string whom = anyone ? "for anyone" : "for this person";
        const std::string until = expectation.byMillis ? " by " + formatOffset(by, origin) : "";
        auto entered = [&](const std::vector<std::string> &campaigns) {
            return std::any_of(
                timeline.entries.begin(), timeline.entries.end(), [&](const TimelineEntry &entry) {
                    return entry.kind == TimelineEntry::Kind::Entered && concerns(entry) &&
                           std::find(campaigns.begin(), campaigns.end(), entry.campaign) != campaigns.end();
                });
        };
        switch (expectation.kind) {
        case Expectation::Kind::MessageSent:
        case Expectation::Kind::MessageNotSent: {
            std::vector<const TimelineEntry *> sends;
            std::vector<const TimelineEntry *> suppressed;
            for (const TimelineEntry &entry : timeline.entries) {
                if (!concerns(entry) || entry.message != expectation.message)
                    continue;
                if (entry.kind == TimelineEntry::Kind::Sent)
                    sends.push_back(&entry);
                else if (entry.kind == TimelineEntry::Kind::Suppressed)
                    suppressed.push_back(&entry);
            }
            const int count = static_cast<int>(sends.size());
            bool ok = expectation.kind == Expectation::Kind::MessageNotSent ? count == 0
                      : expectation.count                                   ? count == *expectation.count
                                                                            : count > 0;
            result.status = ok ? ExpectationResult::Status::Passed : ExpectationResult::Status::Failed;
            result.detail = "sent " + std::to_string(count) + " time(s)";
            for (const TimelineEntry *entry : sends)
                result.detail += "\n  " + line(*entry, origin);
            for (const TimelineEntry *entry : suppressed)
                result.detail += "\n  " + line(*entry, origin);
            if (ok && expectation.kind == Expectation::Kind::MessageNotSent) {
                const std::vector<std::string> campaigns = campaignsSending(journeys, expectation.message);
                if (campaigns.empty())
                    judgeVacuous(result, expectation,
                                 "no journey sends \"" + expectation.message +
                                     "\" — the scenario does not test the suppression");
                else if (!entered(campaigns))
                    judgeVacuous(result, expectation,
                                 joined(campaigns) + " never entered " + whom + until +
                                     " — the scenario does not test the suppression");
            }
            if (count == 0 && expectation.kind == Expectation::Kind::MessageSent) {
                for (const TimelineEntry &entry : timeline.entries) {
                    if ((anyone || entry.personKey == person) &&
                        (entry.kind == TimelineEntry::Kind::Exited ||
                         entry.kind == TimelineEntry::Kind::NotEntered))
                        result.detail += "\n  " + line(entry, origin);
                }
            }
            break;
        }
        case Expectation::Kind::JourneyEntered:
        case Expectation::Kind::JourneyNotEntered: {
            int entries = 0;
            std::string why;
            for (const TimelineEntry &entry : timeline.entries) {
                if (!concerns(entry) || entry.campaign != expectation.journey)
                    continue;
                if (entry.kind == TimelineEntry::Kind::Entered)
                    ++entries;
                if (entry.kind == TimelineEntry::Kind::Entered ||
                    entry.kind == TimelineEntry::Kind::NotEntered)
                    why += "\n  " + line(entry, origin);
            }
            const bool ok = (entries > 0) == (expectation.kind == Expectation::Kind::JourneyEntered);
            result.status = ok ? ExpectationResult::Status::Passed : ExpectationResult::Status::Failed;
            result.detail = "entered " + std::to_string(entries) + " time(s)" + why;
            if (ok && !journeys.campaign(expectation.journey))
                judgeVacuous(result, expectation,
                             "no journey named \"" + expectation.journey +
                                 "\" — the scenario does not test it");
            break;
        }
        case Expectation::Kind::JourneyExit: {
            bool found = false;
            std::string seen;
            for (const TimelineEntry &entry : timeline.entries) {
                if (!concerns(entry) || entry.campaign != expectation.journey)
                    continue;
                if (entry.kind == TimelineEntry::Kind::Exited ||
                    entry.kind == TimelineEntry::Kind::Completed) {
                    found = found || entry.code == expectation.exitReason;
                    seen += "\n  " + line(entry, origin) + " [" + entry.code + "]";
                }
            }
            result.status = found ? ExpectationResult::Status::Passed : ExpectationResult::Status::Failed;
            result.detail = seen.empty() ? "the journey never ended" : "endings:" + seen;
            if (!entered({expectation.journey})) {
                result.status = ExpectationResult::Status::Failed; // nothing can exit a journey never entered
                result.detail = "vacuous: " + expectation.journey + " never entered " + whom + until +
                                " — no run could exit, so the scenario does not test the exit";
            }
            break;
        }
        case Expectation::Kind::SegmentMembership: {
            const UnixMillis at = origin + expectation.atMillis;
            bool member = false;
            if (anyone) {
                for (const std::string &key : timeline.personKeys())
                    member = member || timeline.inSegmentAt(key, expectation.segment, at);
            } else {
                member = timeline.inSegmentAt(person, expectation.segment, at);
            }
            result.status = member == expectation.member ? ExpectationResult::Status::Passed
                                                         : ExpectationResult::Status::Failed;
            result.detail = std::string(member ? "in" : "not in") + " segment at " + formatOffset(at, origin);
            for (const TimelineEntry &entry : timeline.entries) {
                if (entry.segment == expectation.segment && (anyone || entry.personKey == person))
                    result.detail += "\n  " + formatOffset(entry.at, origin) + " " +
                                     std::string(toString(entry.kind)) + ": " + entry.reason;
            }
            if (result.status == ExpectationResult::Status::Passed && !expectation.member) {
                const auto evaluated = [&](const auto &item) {
                    return (anyone || item.first == person) && item.second <= at;
                };
                if (!journeys.segment(expectation.segment))
                    judgeVacuous(result, expectation,
                                 "no segment named \"" + expectation.segment +
                                     "\" in the journeys — the scenario does not test the membership");
                else if (std::none_of(timeline.segmentsEvaluatedAt.begin(),
                                      timeline.segmentsEvaluatedAt.end(), evaluated))
                    judgeVacuous(result, expectation,
                                 "segment " + expectation.segment + " was never evaluated " + whom + " by " +
                                     formatOffset(at, origin) +
                                     " — the scenario does not test the membership");
            }
            break;
        }
        case Expectation::Kind::PlanValidationClean:
            if (!validated) {
                result.status = ExpectationResult::Status::Skipped;
                result.detail = "no plan validator ran (no plan, or validation not available in this build)";
            } else {
                result.status = violations.empty() ? ExpectationResult::Status::Passed
                                                   : ExpectationResult::Status::Failed;
                result.detail = std::to_string(violations.size()) + " violation(s)";
                for (const StepViolation &violation : violations)
                    result.detail += "\n  step " + std::to_string(violation.step) + " " + violation.pointer +
                                     ": [" + violation.code + "] " + violation.message;
            }
            break;
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace preflight
