#include "sim/SimulatorState.h"

#include "journeys/ValueMatch.h"
#include "sim/Prefetch.h"

#include <algorithm>
#include <array>
#include <limits>

namespace preflight {

namespace {

// An event's data is a tree of separate allocations: the map, a node per property, a string per text
// value. These fetch it into the cache in three steps, each reading only what the one before fetched.
void fetchDataMap(const Json &data)
{
    if (const auto *object = data.get_ptr<const Json::object_t *>())
        prefetchLine(object);
}

void fetchDataEnds(const Json &data)
{
    const auto *object = data.get_ptr<const Json::object_t *>();
    if (!object || object->empty())
        return;
    prefetchLine(&*object->begin());
    prefetchLine(&*object->rbegin());
}

void fetchDataValues(const Json &data)
{
    constexpr std::size_t kMostProperties = 8; // beyond that, walking the nodes costs more than it saves
    const auto *object = data.get_ptr<const Json::object_t *>();
    if (!object || object->size() > kMostProperties)
        return;
    for (const auto &property : *object) {
        prefetchLine(&property);
        if (const auto *text = property.second.get_ptr<const std::string *>())
            prefetchLine(text);
    }
}

std::string keyPhrase(const std::string &key, const std::optional<std::string> &value)
{
    return key + "=" + (value ? *value : "(none)");
}

} // namespace

SimulatorState::SimulatorState(Journeys journeys)
    : m_compiled(std::move(journeys))
    , m_people(PersonMarks(m_compiled.campaigns.size(), m_compiled.windowSlots.size(),
                           m_compiled.journeys.segments.size()))
    , m_conditions(m_compiled, m_people.marks(), m_links)
{
    m_timers.reserveLanes(m_compiled.laneCount());
}

std::uint32_t SimulatorState::personIndex(const std::string &key)
{
    const std::size_t known = m_people.size();
    const std::uint32_t index = m_people.findOrAdd(key, now, m_compiled.emptyProfileTests);
    if (m_people.size() != known)
        ++stats.people;
    return index;
}

void SimulatorState::setAttributes(Person &person, Json attributes)
{
    const auto unsubscribed = attributes.find("unsubscribed");
    person.unsubscribed = unsubscribed != attributes.end() && *unsubscribed == true;
    marks().setAttributeTests(person, m_compiled.attributeTestsPassed(attributes, now));
    person.attributes = std::move(attributes);
}

TimelineEntry &SimulatorState::record(Person &person, TimelineEntry::Kind kind, const Cause &cause,
                                      ReasonText reason)
{
    if (!recordTimeline) {
        // Callers fill in the returned entry; with no timeline it is a scratch entry nobody reads.
        static TimelineEntry scratch;
        return scratch;
    }
    TimelineEntry entry;
    entry.at = now;
    entry.kind = kind;
    entry.personKey = m_people.key(person.index);
    entry.causeEvent = cause.event;
    entry.causeOccurredAt = cause.occurredAt;
    entry.causeArrivedAt = cause.arrivedAt;
    entry.reason = reason.take();
    timeline.entries.push_back(std::move(entry));
    return timeline.entries.back();
}

void SimulatorState::apply(std::span<const WorkspaceChange> changes)
{
    // A change's person is seldom in any cache, and finding them is a chain of misses: the hash table's
    // slot, the person, then their marks, runs and events. Taking the chain a few changes ahead lets
    // those misses overlap. Indexes found ahead stay valid until a merge forgets a key.
    constexpr std::size_t kSlotAhead = 12;
    constexpr std::size_t kPersonAhead = 6;
    constexpr std::size_t kStateAhead = 3;
    struct Ahead {
        std::uint32_t person = PersonStore::kUnknown;
        std::uint64_t keysForgotten = 0;
    };
    constexpr std::size_t kRing = 8;
    std::array<Ahead, kRing> ahead{}; // by change index modulo kRing: the lookups of the coming changes
    // A change's entry is written kPersonAhead changes before it applies and read kStateAhead changes
    // before and when it applies: the ring must hold kPersonAhead + 1 changes' lookups at once.
    static_assert(kStateAhead < kPersonAhead && kPersonAhead < kSlotAhead, "the stages come in order");
    static_assert(kPersonAhead + 1 <= kRing, "the look-ahead ring holds every change in flight");
    const auto found = [&](std::size_t i) {
        const Ahead &entry = ahead[i % ahead.size()];
        return entry.keysForgotten == m_people.keysForgotten() ? entry.person : PersonStore::kUnknown;
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (i + kSlotAhead < changes.size()) {
            m_people.prefetchSlot(changes[i + kSlotAhead].personKey);
            fetchDataMap(changes[i + kSlotAhead].call.properties);
        }
        if (i + kPersonAhead < changes.size()) {
            ahead[(i + kPersonAhead) % ahead.size()] =
                Ahead{m_people.prefetchPerson(changes[i + kPersonAhead].personKey), m_people.keysForgotten()};
            fetchDataEnds(changes[i + kPersonAhead].call.properties);
        }
        if (i + kStateAhead < changes.size()) {
            fetchDataValues(changes[i + kStateAhead].call.properties);
            if (const std::uint32_t index = found(i + kStateAhead); index != PersonStore::kUnknown) {
                const Person &person = m_people[index];
                prefetchItems(person.marks);
                prefetchItems(person.runs);
                prefetchItems(person.events);
            }
        }
        apply(changes[i], i >= kPersonAhead ? found(i) : PersonStore::kUnknown);
    }
}

void SimulatorState::apply(const WorkspaceChange &change)
{
    apply(change, PersonStore::kUnknown);
}

void SimulatorState::apply(const WorkspaceChange &change, std::uint32_t knownPerson)
{
    // Events that arrive at the same instant as a scheduled action are seen first.
    if (change.at > now)
        advanceTo(change.at - 1);
    now = std::max(now, change.at);
    ++stats.changes;
    using Kind = WorkspaceChange::Kind;
    if (change.kind == Kind::EventRecorded && change.personKey.empty()) {
        onAnonymousEvent(change);
        return;
    }
    if (change.personKey.empty())
        return;
    const std::uint32_t index =
        knownPerson != PersonStore::kUnknown ? knownPerson : personIndex(change.personKey);
    Person &person = m_people[index];
    if (recordTimeline)
        noteLabel(person, change.call.identity);
    const Cause cause{change.call.name, change.call.occurredAt.value_or(change.at),
                      change.call.arrivedAt.value_or(change.at)};
    switch (change.kind) {
    case Kind::PersonCreated: break;
    case Kind::AttributesUpdated:
        setAttributes(person, change.attributes);
        onProfileChanged(index, Cause{"identify", cause.occurredAt, cause.arrivedAt});
        break;
    case Kind::RelatedObjectsUpdated:
        m_links.setRelatedObjects(index, change.attributes);
        onProfileChanged(index, Cause{"relationships", cause.occurredAt, cause.arrivedAt});
        break;
    case Kind::ManualSegmentsUpdated:
        m_links.setManualSegments(index, change.attributes);
        evaluateSegments(person,
                         Cause{change.call.kind == CallKind::Merge                 ? "merge"
                               : change.call.kind == CallKind::ManualSegmentRemove ? "remove_customers"
                                                                                   : "add_customers",
                               cause.occurredAt, cause.arrivedAt});
        break;
    case Kind::EventRecorded:
    case Kind::EventAttached: onEvent(person, change); break;
    case Kind::PersonsMerged: onMerge(person, change); break;
    case Kind::PersonDeleted:
    case Kind::PersonSuppressed: {
        const bool deleted = change.kind == Kind::PersonDeleted;
        person.suppressed = true;
        person.deleted = deleted;
        while (!person.runs.empty()) {
            finishRun(person, person.runs.front().id, TimelineEntry::Kind::Exited,
                      deleted ? "person_deleted" : "person_suppressed", deleted ? "deleted" : "suppressed",
                      cause,
                      deleted ? "the person was deleted" : "the person was suppressed: no further messages");
        }
        break;
    }
    case Kind::PersonUnsuppressed: person.suppressed = false; break;
    case Kind::DeviceUpdated:
    case Kind::DeviceDeleted: break; // devices do not decide journeys here
    }
}

void SimulatorState::onProfileChanged(std::uint32_t index, const Cause &cause)
{
    // Filters that failed at the trigger are checked again when the profile changes, for 30 minutes.
    std::vector<PendingEntry> pending;
    pending.swap(m_people[index].pending);
    for (const PendingEntry &entry : pending) {
        if (entry.until >= now)
            tryEnter(m_people[index], entry.campaign, entry.trigger, Json(), TriggerBlock::None, {}, &entry);
    }
    evaluateSegments(m_people[index], cause);
}

void SimulatorState::onAnonymousEvent(const WorkspaceChange &change)
{
    const int id = m_compiled.nameId(change.call.name);
    if (id < 0 || m_compiled.triggersByName[static_cast<std::size_t>(id)].empty() || !recordTimeline)
        return;
    const std::string who =
        change.call.identity.anonymousId.empty() ? "(no one)" : change.call.identity.anonymousId;
    for (int campaign : m_compiled.triggersByName[static_cast<std::size_t>(id)]) {
        TimelineEntry entry;
        entry.at = now;
        entry.kind = TimelineEntry::Kind::NotEntered;
        entry.personKey = "anonymous:" + who;
        entry.campaign = m_compiled.journeys.campaigns[static_cast<std::size_t>(campaign)].name;
        entry.rule = "trigger";
        entry.code = "anonymous";
        entry.causeEvent = change.call.name;
        entry.causeOccurredAt = change.call.occurredAt.value_or(change.at);
        entry.causeArrivedAt = change.call.arrivedAt.value_or(change.at);
        entry.reason = change.call.name + " belongs to anonymous visitor " + who +
                       ": anonymous events never trigger a campaign until an identify with this anonymous_id "
                       "attaches them";
        timeline.entries.push_back(std::move(entry));
    }
}

void SimulatorState::onEvent(Person &person, const WorkspaceChange &change)
{
    const int id = m_compiled.nameId(change.call.name);
    // Runs and pending entries keep the cause, so it views the interned name where there is one.
    const Cause cause{id >= 0 ? m_compiled.nameText[static_cast<std::size_t>(id)]
                              : std::string_view(change.call.name),
                      change.call.occurredAt.value_or(change.at), change.call.arrivedAt.value_or(change.at)};
    if (change.triggerBlock == TriggerBlock::Duplicate) {
        if (recordTimeline) {
            const std::string same = change.reason.empty() ? "same id as an earlier event" : change.reason;
            std::string reason = change.call.name + " ignored, " + same + " (" + change.call.dedupeId +
                                 "): Customer.io ignores an event whose id it has seen";
            if (id >= 0 && !m_compiled.triggersByName[static_cast<std::size_t>(id)].empty()) {
                reason += ", so it starts no campaign (";
                for (int campaign : m_compiled.triggersByName[static_cast<std::size_t>(id)])
                    reason += (reason.back() == '(' ? "" : ", ") +
                              m_compiled.journeys.campaigns[static_cast<std::size_t>(campaign)].name;
                reason += ")";
            }
            TimelineEntry &entry = record(person, TimelineEntry::Kind::Duplicate, cause, std::move(reason));
            entry.rule = "dedupe_id";
            entry.code = "duplicate";
        }
        return;
    }
    if (id < 0)
        return;
    const auto name = static_cast<std::size_t>(id);
    const std::uint32_t index = person.index;
    if (m_compiled.countedNames[name]) {
        StoredEvent stored{id, cause.occurredAt, 0,
                           m_compiled.keepProperties[name] ? change.call.properties : Json()};
        // Filters that do not depend on the clock are checked once, here, instead of at every evaluation.
        for (const int bit : m_compiled.whereByName[name]) {
            if (matchesAll(m_compiled.whereFilters[static_cast<std::size_t>(bit)], change.call.properties,
                           now))
                stored.matchedWhere |= std::uint64_t{1} << bit;
        }
        if (person.events.capacity() == 0)
            person.events.reserve(4); // not 1, 2, 4: fewer trips to the allocator for most people
        person.events.push_back(std::move(stored));
        person.firstSeen = std::min(person.firstSeen, cause.occurredAt);
        // An event stamped in the future counts once the clock reaches its timestamp: look again then.
        if (cause.occurredAt > now)
            schedule(index, nullptr, cause.occurredAt, id);
        // "Within the past X" moves with the clock: look again when this event leaves the window.
        for (int slot : m_compiled.windowsByName[name]) {
            const UnixMillis leaves =
                cause.occurredAt + m_compiled.windowSlots[static_cast<std::size_t>(slot)].millis;
            if (leaves > now)
                scheduleWindowCheck(m_people[index], slot, leaves);
        }
    }
    if (!m_compiled.listenersByName[name].empty())
        checkGoalsAndWaits(m_people[index], id, cause, change.call.properties);
    const std::string_view blockReason = !change.reason.empty() ? std::string_view(change.reason)
                                         : change.triggerBlock != TriggerBlock::None
                                             ? toString(change.triggerBlock)
                                             : std::string_view();
    for (int campaign : m_compiled.triggersByName[name])
        tryEnter(m_people[index], campaign, cause, change.call.properties, change.triggerBlock, blockReason,
                 nullptr);
    if (m_compiled.countedNames[name]) {
        if (m_compiled.journeys.segmentUpdateLatencyMillis > 0)
            schedule(index, nullptr, now + m_compiled.journeys.segmentUpdateLatencyMillis, id);
        else
            evaluateSegments(m_people[index], cause, id);
    }
}

void SimulatorState::onMerge(Person &primaryIn, const WorkspaceChange &change)
{
    const std::uint32_t primaryIndex = primaryIn.index;
    const std::uint32_t secondaryIndex = m_people.find(change.otherPersonKey);
    const Cause cause{"merge", change.at, change.at};
    if (secondaryIndex != PersonStore::kUnknown) {
        Person &secondary = m_people[secondaryIndex];
        Person &primary = m_people[primaryIndex];
        for (StoredEvent &event : secondary.events)
            primary.events.push_back(std::move(event));
        primary.firstSeen = std::min(primary.firstSeen, secondary.firstSeen);
        Json attributes = primary.attributes;
        for (auto &[key, value] : secondary.attributes.items()) {
            if (!attributes.contains(key) || attributes[key].is_null())
                attributes[key] = value;
        }
        setAttributes(primary, std::move(attributes));
        // Journeys the primary had not entered continue on it.
        std::vector<std::string> runsMoved;
        std::vector<std::string> runsEnded;
        for (Run &run : secondary.runs) {
            const bool primaryHasIt =
                std::any_of(primary.runs.begin(), primary.runs.end(),
                            [&run](const Run &other) { return other.campaign == run.campaign; });
            if (recordTimeline)
                (primaryHasIt ? runsEnded : runsMoved)
                    .push_back(m_compiled.campaigns[static_cast<std::size_t>(run.campaign)].campaign->name +
                               " #" + std::to_string(run.id));
            if (!primaryHasIt) {
                primary.runs.push_back(std::move(run));
                Run &moved = primary.runs.back();
                // Its timer named the secondary: the same wait goes on, on the primary, for what is
                // left of it (a wait without a timeout has no timer).
                if (moved.timerToken != 0)
                    schedule(primaryIndex, &moved, std::max(moved.timerAt, now));
            } else {
                m_sentEntries.erase(run.id); // the primary's run goes on; this one ends here, unrecorded
            }
        }
        for (std::size_t c = 0; c < m_compiled.campaigns.size(); ++c) {
            const auto campaign = static_cast<int>(c);
            if (!marks().lastEntry(primary, campaign) && marks().lastEntry(secondary, campaign))
                marks().setLastEntry(primary, campaign, *marks().lastEntry(secondary, campaign));
        }
        secondary.runs.clear();
        secondary.events.clear();
        // The moved events leave their windows on the primary now.
        for (std::size_t slot = 0; slot < m_compiled.windowSlots.size(); ++slot)
            scheduleNextWindowCheck(m_people[primaryIndex], static_cast<int>(slot));
        secondary.deleted = true;
        if (recordTimeline)
            recordMerge(m_people[primaryIndex], secondary, change, runsMoved, runsEnded);
        m_people.forget(change.otherPersonKey);
    }
    if (!change.attributes.empty())
        setAttributes(m_people[primaryIndex], change.attributes);
    evaluateSegments(m_people[primaryIndex], cause);
}

void SimulatorState::noteLabel(const Person &person, const Identity &identity)
{
    const std::uint8_t rank = !identity.id.empty()            ? 3
                              : !identity.email.empty()       ? 2
                              : !identity.anonymousId.empty() ? 1
                                                              : 0;
    if (m_labelRank.size() <= person.index)
        m_labelRank.resize(m_people.size(), 0);
    if (rank <= m_labelRank[person.index])
        return;
    m_labelRank[person.index] = rank;
    timeline.labels[m_people.key(person.index)] = rank == 3   ? identity.id
                                                  : rank == 2 ? identity.email
                                                              : identity.anonymousId;
}

void SimulatorState::recordMerge(Person &primary, Person &secondary, const WorkspaceChange &change,
                                 const std::vector<std::string> &moved, const std::vector<std::string> &ended)
{
    const Cause cause{"merge", change.at, change.at};
    const std::string primaryName = timeline.describePerson(m_people.key(primary.index));
    const std::string secondaryName = timeline.describePerson(m_people.key(secondary.index));
    auto list = [](const std::vector<std::string> &items) {
        std::string text;
        for (const std::string &item : items)
            text += (text.empty() ? "" : ", ") + item;
        return text;
    };
    std::string what = change.reason.empty() ? std::string("no events moved") : change.reason;
    if (!moved.empty())
        what += "; runs that go on here: " + list(moved);
    if (!ended.empty())
        what += "; runs that end (this person already runs that campaign): " + list(ended);
    // Which journeys the moved events would have started, had they not come through a merge.
    std::vector<std::string> blocked;
    for (const std::string &name : change.movedEvents) {
        const auto found = m_compiled.names.find(name);
        if (found == m_compiled.names.end())
            continue;
        for (int campaign : m_compiled.triggersByName[static_cast<std::size_t>(found->second)]) {
            const std::string phrase = name + " cannot start " +
                                       m_compiled.journeys.campaigns[static_cast<std::size_t>(campaign)].name;
            if (std::find(blocked.begin(), blocked.end(), phrase) == blocked.end())
                blocked.push_back(phrase);
        }
    }
    if (!blocked.empty())
        what += "; " + list(blocked) + ": merged events never trigger a campaign";
    TimelineEntry &into = record(primary, TimelineEntry::Kind::Merged, cause,
                                 secondaryName + " was merged into this person: " + what);
    into.rule = "merge";
    into.code = "merged_in";
    TimelineEntry &away =
        record(secondary, TimelineEntry::Kind::Merged, cause,
               "merged into " + primaryName + ", which keeps its own attributes and takes " +
                   "this person's where it has none; this profile is gone: " + what);
    away.rule = "merge";
    away.code = "merged_away";
}

bool SimulatorState::keysMatch(const Run &run, const EventMatch &match, const Json &data,
                               std::string *detail) const
{
    if (match.matchKey.empty()) {
        if (detail)
            *detail = "matched by person";
        return true;
    }
    const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(run.campaign)];
    const auto slot =
        std::find(compiled.keys.begin(), compiled.keys.end(), match.matchKey) - compiled.keys.begin();
    const std::optional<std::string_view> expected = run.keyValues.at(static_cast<std::size_t>(slot));
    if (detail)
        *detail = keyPhrase(match.matchKey, keyValue(data, match.matchKey));
    return expected && keyValueEquals(data, match.matchKey, expected);
}

void SimulatorState::checkGoalsAndWaits(Person &person, int id, const Cause &cause, const Json &data)
{
    const std::uint32_t index = person.index;
    std::vector<int> converted;
    std::vector<int> resumed;
    for (Run &run : person.runs) {
        const CompiledCampaign &compiled = m_compiled.campaigns[static_cast<std::size_t>(run.campaign)];
        const Campaign &campaign = *compiled.campaign;
        if (compiled.goalNameId == id && matchesAll(campaign.goal->match.where, data, now) &&
            keysMatch(run, campaign.goal->match, data, nullptr) &&
            now - run.enteredAt <= campaign.goal->withinMillis) {
            if (run.sends == 0 && !campaign.choices.goalBeforeFirstMessageExits) {
                TimelineEntry &entry = record(person, TimelineEntry::Kind::Note, cause,
                                              "goal met before the first message; the campaign's choice "
                                              "goal_before_first_message=ignore keeps the run going");
                entry.campaign = campaign.name;
                entry.runId = run.id;
                entry.rule = "choice:goal_before_first_message";
            } else {
                converted.push_back(run.id);
            }
            continue;
        }
        if (run.state == Run::State::WaitingEvent) {
            const Instruction &waiting = compiled.program[run.pc];
            if (waiting.waitNameId == id && matchesAll(waiting.step->waitFor.where, data, now) &&
                keysMatch(run, waiting.step->waitFor, data, nullptr))
                resumed.push_back(run.id);
        }
    }
    // Hindsight: a goal that happened before a send but arrived after it is the leaked message.
    if (recordTimeline) {
        if (const auto finished = m_finishedRuns.find(index); finished != m_finishedRuns.end()) {
            for (Run &run : finished->second)
                annotateLeaks(person, run, cause, data, id);
        }
        for (int runId : converted) {
            if (Run *run = findRun(person, runId))
                annotateLeaks(person, *run, cause, data, id);
        }
    }
    for (int runId : converted) {
        Run *run = findRun(m_people[index], runId);
        if (!run)
            continue;
        const Campaign &campaign = *m_compiled.campaigns[static_cast<std::size_t>(run->campaign)].campaign;
        const bool hadSends = run->sends > 0;
        std::string reason;
        if (recordTimeline) {
            std::string detail;
            keysMatch(*run, campaign.goal->match, data, &detail);
            const std::string lateness =
                cause.arrivedAt - cause.occurredAt > 60'000
                    ? " (occurred " + formatDurationMillis(cause.arrivedAt - cause.occurredAt) + " earlier)"
                    : "";
            reason = "conversion goal met: " + std::string(cause.event) + " (" + detail +
                     ") arrived within " + formatDurationMillis(campaign.goal->withinMillis) + " of entry" +
                     lateness +
                     (hadSends ? ""
                               : "; exited before the first message (goal_before_first_message=exit, the "
                                 "simulator's default: Customer.io does not say)");
        }
        finishRun(m_people[index], runId, TimelineEntry::Kind::Exited, "goal", "converted", cause,
                  std::move(reason));
    }
    for (int runId : resumed) {
        Run *run = findRun(m_people[index], runId);
        if (!run || run->state != Run::State::WaitingEvent)
            continue;
        const Step *step =
            m_compiled.campaigns[static_cast<std::size_t>(run->campaign)].program[run->pc].step;
        if (step->onEvent == Step::Then::Exit) {
            finishRun(m_people[index], runId, TimelineEntry::Kind::Exited, "wait_until", "wait_exit", cause,
                      !recordTimeline
                          ? std::string()
                          : "wait-until met by " + std::string(cause.event) + "; this path exits");
            continue;
        }
        TimelineEntry &entry =
            record(m_people[index], TimelineEntry::Kind::Resumed, cause,
                   !recordTimeline ? std::string() : "wait-until met by " + std::string(cause.event));
        entry.campaign = m_compiled.campaigns[static_cast<std::size_t>(run->campaign)].campaign->name;
        entry.runId = runId;
        entry.rule = "wait_until";
        run->timerToken = 0;
        run->state = Run::State::Ready;
        ++run->pc;
        run->stepBase = now;
        advanceRun(m_people[index], *run);
    }
}

void SimulatorState::annotateLeaks(Person &person, Run &run, const Cause &cause, const Json &data, int id)
{
    const Campaign &campaign = *m_compiled.campaigns[static_cast<std::size_t>(run.campaign)].campaign;
    std::string detail;
    if (!recordTimeline || m_compiled.campaigns[static_cast<std::size_t>(run.campaign)].goalNameId != id ||
        !matchesAll(campaign.goal->match.where, data, now) ||
        !keysMatch(run, campaign.goal->match, data, &detail))
        return;
    const auto sentEntries = m_sentEntries.find(run.id);
    if (sentEntries == m_sentEntries.end())
        return;
    for (std::size_t sent : sentEntries->second) {
        if (sent >= timeline.entries.size())
            continue;
        TimelineEntry &send = timeline.entries[sent];
        if (send.at < cause.occurredAt || send.code == "leaked")
            continue;
        const std::string late = formatDurationMillis(cause.arrivedAt - cause.occurredAt);
        send.code = "leaked";
        send.reason += "; LEAKED: " + std::string(cause.event) + " (" + detail + ") occurred at " +
                       toIso8601(cause.occurredAt) + ", before this send, but arrived " + late + " late at " +
                       toIso8601(cause.arrivedAt);
        const std::string message = send.message;
        const std::string channel = send.channel;
        const UnixMillis sentAt = send.at;
        TimelineEntry &note = record(person, TimelineEntry::Kind::Note, cause,
                                     "\"" + message + "\" was sent at " + toIso8601(sentAt) + " although " +
                                         std::string(cause.event) + " (" + detail + ") had occurred at " +
                                         toIso8601(cause.occurredAt) + ": it arrived " + late +
                                         " late, after the send, so the goal could not stop it");
        note.campaign = campaign.name;
        note.message = message;
        note.channel = channel;
        note.runId = run.id;
        note.rule = "goal";
        note.code = "late_goal";
    }
}

} // namespace preflight
