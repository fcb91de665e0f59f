// Workspace rules for events: storing, dedupe, the 72-hour trigger rule and anonymous attachment.
#include "workspace/Workspace.h"

#include "workspace/WorkspaceValues.h"

#include <algorithm>
#include <iterator>

namespace preflight {

using namespace workspace_values;

namespace {

std::string hoursText(std::int64_t millis)
{
    const std::int64_t minutes = millis / 60'000;
    return std::to_string(minutes / 60) + "h" + (minutes % 60 ? std::to_string(minutes % 60) + "m" : "");
}

} // namespace

ApplyResult Workspace::track(const Call &call, UnixMillis arrivedAt)
{
    std::uint64_t dedupeHash = fnv1a(call.dedupeId);
    if (dedupeHash < 2) // 0 and 1 are reserved by EventIdSet (and 0 marks "no id" in a stored event)
        dedupeHash = 2;
    if (!call.dedupeId.empty() && m_seenEventIds.contains(dedupeHash))
        return ApplyResult::ignored(IgnoreReason::DuplicateEventId,
                                    "event id " + call.dedupeId + " was seen before: ignored entirely");

    ApplyResult result;
    StoredEvent event;
    event.occurredAt = call.occurredAt.value_or(arrivedAt);
    event.arrivedAt = arrivedAt;
    event.name = m_events.intern(call.name);
    event.type = call.kind == CallKind::Page     ? ActivityType::Page
                 : call.kind == CallKind::Screen ? ActivityType::Screen
                                                 : ActivityType::Event;
    std::optional<std::uint32_t> person;
    std::string reason;
    if (call.identity.isKnown()) {
        person = resolve(call.identity);
        if (!person) {
            if (!canCreate(call.identity))
                return ApplyResult::ignored(IgnoreReason::PersonNotFound,
                                            "no person has " + call.identity.primaryValue());
            person = createPerson(call.identity, arrivedAt, result, call);
        }
        event.person = *person;
        const std::int64_t age = arrivedAt - event.occurredAt;
        if (age > kBackdateLimitMillis) {
            event.block = TriggerBlock::Backdated;
            reason = "its timestamp was " + hoursText(age) +
                     " old on arrival (more than 72h): stored, never triggers";
        }
    } else if (!call.identity.anonymousId.empty()) {
        event.anonymousId = m_events.intern(call.identity.anonymousId);
        event.block = TriggerBlock::Anonymous;
        reason = "anonymous: held until an identify carries anonymous_id " + call.identity.anonymousId;
    } else {
        event.flags |= StoredEvent::Invite;
        event.block = TriggerBlock::Anonymous;
        reason = "no person and no anonymous_id: an invite event that belongs to no one";
    }

    event.dedupeHash = call.dedupeId.empty() ? 0 : dedupeHash;
    const std::uint64_t sequence = m_events.append(event, call.properties);
    if (event.dedupeHash != 0)
        m_seenEventIds.insert(event.dedupeHash);
    for (std::uint64_t forgotten : m_events.takeEvictedDedupeHashes())
        m_seenEventIds.erase(forgotten);
    if (person)
        m_people[*person]->events.push_back(sequence);
    if (++m_eventsSinceSweep >= kSweepEvery)
        sweep(arrivedAt);

    WorkspaceChange recorded = change(WorkspaceChange::Kind::EventRecorded,
                                      person ? *person : StoredEvent::kNoPerson, arrivedAt, call);
    if (m_options.changesCarryCalls)
        recorded.call.occurredAt = event.occurredAt;
    recorded.triggerBlock = event.block;
    recorded.reason = reason;
    recorded.eventSequence = sequence;
    result.changes.push_back(std::move(recorded));

    if (!person && !call.identity.anonymousId.empty()) {
        // An identify that carried this anonymous id moments ago still collects events sent after it.
        const auto link = m_anonymousLinks.find(call.identity.anonymousId);
        if (link != m_anonymousLinks.end() && arrivedAt >= link->second.identifiedAt &&
            arrivedAt - link->second.identifiedAt <= kAttachAfterIdentifyMillis &&
            link->second.person < m_people.size() && m_people[link->second.person]) {
            attachEvent(sequence, link->second.person, arrivedAt, result);
        } else {
            m_heldAnonymous[call.identity.anonymousId].push_back(sequence);
        }
    }
    return result;
}

void Workspace::attachHeld(std::uint32_t person, const std::string &anonymousId, UnixMillis at,
                           ApplyResult &result, const Call &)
{
    const auto held = m_heldAnonymous.find(anonymousId);
    if (held == m_heldAnonymous.end())
        return;
    for (std::uint64_t sequence : held->second) {
        StoredEvent *event = m_events.find(sequence);
        if (!event || event->has(StoredEvent::Attached) || event->has(StoredEvent::Deleted))
            continue;
        // Unidentified anonymous activity is deleted after 30 days.
        if (event->occurredAt < at - kAnonymousHoldMillis) {
            event->flags |= StoredEvent::Deleted;
            continue;
        }
        attachEvent(sequence, person, at, result);
    }
    m_heldAnonymous.erase(held);
}

void Workspace::attachEvent(std::uint64_t sequence, std::uint32_t person, UnixMillis at, ApplyResult &result)
{
    StoredEvent &event = *m_events.find(sequence);
    event.person = person;
    event.flags |= StoredEvent::Attached;
    event.attachedAt = at;
    const std::int64_t late = at - event.occurredAt;
    std::string reason;
    if (late > kBackdateLimitMillis) {
        event.block = TriggerBlock::AttachedTooLate;
        reason = "attached " + hoursText(late) + " after its timestamp (more than 72h): it cannot trigger";
    } else {
        event.block = TriggerBlock::None;
    }
    auto &events = m_people[person]->events;
    events.insert(std::lower_bound(events.begin(), events.end(), sequence), sequence);

    WorkspaceChange attached;
    attached.kind = WorkspaceChange::Kind::EventAttached;
    attached.personKey = m_people[person]->cioId;
    attached.at = at;
    if (m_options.changesCarryCalls)
        attached.call = eventCall(event);
    attached.triggerBlock = event.block;
    attached.reason = reason;
    attached.eventSequence = sequence;
    result.changes.push_back(std::move(attached));
}

Call Workspace::eventCall(const StoredEvent &event) const
{
    Call call;
    call.kind = event.type == ActivityType::Page     ? CallKind::Page
                : event.type == ActivityType::Screen ? CallKind::Screen
                                                     : CallKind::Track;
    call.name = m_events.text(event.name);
    call.properties = m_events.data(event);
    call.occurredAt = event.occurredAt;
    call.arrivedAt = event.arrivedAt;
    if (event.anonymousId != StoredEvent::kNoString)
        call.identity.anonymousId = m_events.text(event.anonymousId);
    if (event.person < m_people.size() && m_people[event.person]) {
        const Person &person = *m_people[event.person];
        call.identity.id = person.id;
        call.identity.email = person.email;
        call.identity.phone = person.phone;
        call.identity.cioId = person.cioId;
    }
    return call;
}

void Workspace::sweep(UnixMillis now)
{
    // Keeps the side tables bounded under sustained load; every rule here also holds lazily where the
    // entries are read, so the sweep never changes an outcome.
    m_eventsSinceSweep = 0;
    for (auto held = m_heldAnonymous.begin(); held != m_heldAnonymous.end();) {
        auto &sequences = held->second;
        sequences.erase(std::remove_if(sequences.begin(), sequences.end(),
                                       [&](std::uint64_t sequence) {
                                           StoredEvent *event = m_events.find(sequence);
                                           if (event && event->occurredAt < now - kAnonymousHoldMillis)
                                               event->flags |= StoredEvent::Deleted;
                                           return !event || event->has(StoredEvent::Attached) ||
                                                  event->has(StoredEvent::Deleted);
                                       }),
                        sequences.end());
        held = sequences.empty() ? m_heldAnonymous.erase(held) : std::next(held);
    }
    for (auto link = m_anonymousLinks.begin(); link != m_anonymousLinks.end();) {
        const bool windowOver = now - link->second.identifiedAt > kAttachAfterIdentifyMillis;
        link = windowOver ? m_anonymousLinks.erase(link) : std::next(link);
    }
    const std::uint64_t first = m_events.firstSequence();
    for (const auto &person : m_people) {
        if (!person)
            continue;
        auto &events = person->events;
        events.erase(events.begin(), std::lower_bound(events.begin(), events.end(), first));
    }
}

std::size_t Workspace::heldAnonymousEventCount(std::string_view anonymousId) const
{
    const auto held = m_heldAnonymous.find(std::string(anonymousId));
    if (held == m_heldAnonymous.end())
        return 0;
    return static_cast<std::size_t>(
        std::count_if(held->second.begin(), held->second.end(), [&](std::uint64_t s) {
            const StoredEvent *event = m_events.find(s);
            return event && !event->has(StoredEvent::Attached) && !event->has(StoredEvent::Deleted);
        }));
}

} // namespace preflight
