#include "scenario/ScenarioResult.h"

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

} // namespace

std::vector<ExpectationResult> checkExpectations(const Scenario &scenario, const ExpandedScenario &expanded,
                                                 const Timeline &timeline,
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
            int entered = 0;
            std::string why;
            for (const TimelineEntry &entry : timeline.entries) {
                if (!concerns(entry) || entry.campaign != expectation.journey)
                    continue;
                if (entry.kind == TimelineEntry::Kind::Entered)
                    ++entered;
                if (entry.kind == TimelineEntry::Kind::Entered ||
                    entry.kind == TimelineEntry::Kind::NotEntered)
                    why += "\n  " + line(entry, origin);
            }
            const bool ok = (entered > 0) == (expectation.kind == Expectation::Kind::JourneyEntered);
            result.status = ok ? ExpectationResult::Status::Passed : ExpectationResult::Status::Failed;
            result.detail = "entered " + std::to_string(entered) + " time(s)" + why;
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
