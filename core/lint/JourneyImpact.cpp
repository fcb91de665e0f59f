#include "lint/JourneyImpact.h"

#include "journeys/LiquidReferences.h"
#include "journeys/ValueMatch.h"

namespace preflight {

namespace {

// Whether a filter or key path reads `property` ("items[].sku" reads "items" and "items[].sku").
bool reads(const std::string &path, const std::string &property)
{
    if (property.empty() || path.size() < property.size() || path.compare(0, property.size(), property) != 0)
        return false;
    return path.size() == property.size() || path[property.size()] == '.' || path[property.size()] == '[';
}

class Tracer
{
public:
    explicit Tracer(const PlanChange &change)
    {
        const bool renamed = change.kind == PlanChange::Kind::Renamed;
        m_event = renamed && change.code == "event_renamed" ? change.renamedFrom : change.event;
        m_property = renamed && change.code == "property_renamed" ? change.renamedFrom : change.property;
        m_attribute = change.attribute;
        const std::string subject = !m_property.empty()    ? m_property
                                    : !m_attribute.empty() ? m_attribute
                                                           : m_event;
        m_effect = renamed ? "still reads \"" + subject + "\", " + change.what
                   : change.kind == PlanChange::Kind::Removed
                       ? "now never matches: " + subject + " removed"
                       : "reads " + subject + ", which changed (" + change.what + ")";
    }

    std::vector<JourneyUse> uses;

    void campaign(const Campaign &campaign, const std::string &at)
    {
        const bool eventLevel = m_property.empty() && m_attribute.empty();
        if (!campaign.trigger.isSegment() && campaign.trigger.event == m_event) {
            if (eventLevel)
                note(at + "/trigger/event", campaign.name + " trigger " + m_event + ": " + m_effect);
            filters(campaign.trigger.where, at + "/trigger/where", campaign.name + " trigger filter");
            if (reads(campaign.dedupeKey, m_property))
                note(at + "/dedupe_key",
                     campaign.name + " dedupe key " + campaign.dedupeKey + ": " + m_effect);
        }
        m_triggerIsEvent = !campaign.trigger.isSegment() && campaign.trigger.event == m_event;
        if (campaign.goal)
            match(campaign.goal->match, at + "/exit/goal", campaign.name + " exit goal");
        if (campaign.audience)
            condition(*campaign.audience, at + "/audience", campaign.name + " audience");
        steps(campaign.steps, at + "/steps", campaign.name);
    }

    void segment(const Segment &segment, const std::string &at)
    {
        if (!segment.isManual())
            condition(segment.condition, at + "/condition", "segment " + segment.name);
    }

private:
    void note(std::string pointer, std::string what)
    {
        uses.push_back({std::move(pointer), std::move(what)});
    }

    void filters(const std::vector<ValueFilter> &where, const std::string &at, const std::string &label)
    {
        for (std::size_t i = 0; i < where.size(); ++i)
            if (reads(where[i].path, m_property))
                note(at + "/" + std::to_string(i), label + " " + describe(where[i]) + ": " + m_effect);
    }

    void match(const EventMatch &match, const std::string &at, const std::string &label)
    {
        if (match.event != m_event)
            return;
        if (m_property.empty() && m_attribute.empty())
            note(at + "/event", label + " " + m_event + ": " + m_effect);
        filters(match.where, at + "/where", label + " filter");
        if (reads(match.matchKey, m_property))
            note(at + "/match", label + " match " + match.matchKey + ": " + m_effect);
    }

    void steps(const std::vector<Step> &list, const std::string &at, const std::string &campaign)
    {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Step &step = list[i];
            const std::string here = at + "/" + std::to_string(i);
            if (step.kind == Step::Kind::WaitUntil)
                match(step.waitFor, here + "/wait_until", campaign + " wait_until");
            if (step.kind == Step::Kind::Message && step.condition)
                condition(*step.condition, here + "/message/conditions",
                          campaign + " " + step.name + " condition");
            if (step.kind == Step::Kind::Message)
                messageTemplate(step, here + "/message/template", campaign);
            if (step.kind == Step::Kind::Branch) {
                if (step.condition)
                    condition(*step.condition, here + "/branch/if", campaign + " branch");
                steps(step.thenSteps, here + "/branch/then", campaign);
                steps(step.elseSteps, here + "/branch/else", campaign);
            }
        }
    }

    // The template's references to the trigger's data (for the campaign's trigger event) or to attributes.
    void messageTemplate(const Step &step, const std::string &at, const std::string &campaign)
    {
        for (const std::string *text : {&step.messageTemplate.subject, &step.messageTemplate.body}) {
            const Result<std::vector<LiquidReference>> references = liquidReferences(*text);
            if (!references)
                continue; // lint reports the syntax
            for (const LiquidReference &reference : *references) {
                const bool customer = reference.root == LiquidReference::Root::Customer;
                const bool hit = customer ? !m_attribute.empty() && reads(reference.path, m_attribute)
                                          : m_triggerIsEvent && reads(reference.path, m_property);
                // A value a template prints that is gone fails the delivery, not just a match.
                std::string effect = m_effect;
                if (effect.rfind("now never matches", 0) == 0)
                    effect.replace(0, 17, "the delivery fails");
                if (hit)
                    note(at, campaign + " " + step.name + " template (line " +
                                 std::to_string(reference.line) + ") {{ " +
                                 (customer ? "customer." : "event.") + reference.path + " }}: " + effect);
            }
        }
    }

    void condition(const Condition &condition, const std::string &at, const std::string &label)
    {
        switch (condition.kind) {
        case Condition::Kind::All:
        case Condition::Kind::Any: {
            const std::string key = condition.kind == Condition::Kind::All ? "/all/" : "/any/";
            for (std::size_t i = 0; i < condition.children.size(); ++i)
                this->condition(condition.children[i], at + key + std::to_string(i), label);
            break;
        }
        case Condition::Kind::Attribute:
            if (!m_attribute.empty() && reads(condition.attribute.path, m_attribute))
                note(at, label + " " + describe(condition.attribute) + ": " + m_effect);
            break;
        case Condition::Kind::Performed:
        case Condition::Kind::NotPerformed:
            if (condition.event != m_event)
                break;
            if (m_property.empty() && m_attribute.empty())
                note(at,
                     label + " " +
                         (condition.kind == Condition::Kind::Performed ? "performed " : "not performed ") +
                         m_event + ": " + m_effect);
            filters(condition.where, at + "/where", label + " filter");
            if (reads(condition.matchKey, m_property))
                note(at + "/match", label + " match " + condition.matchKey + ": " + m_effect);
            break;
        case Condition::Kind::InSegment:
        case Condition::Kind::NotInSegment:
        case Condition::Kind::RelatedObject: break;
        }
    }

    std::string m_event;
    std::string m_property;
    std::string m_attribute;
    std::string m_effect;
    bool m_triggerIsEvent = false; // the campaign being traced starts on the changed event
};

} // namespace

std::vector<JourneyUse> journeyUses(const Journeys &journeys, const PlanChange &change)
{
    if (change.event.empty() && change.attribute.empty())
        return {};
    Tracer tracer(change);
    for (std::size_t i = 0; i < journeys.segments.size(); ++i)
        tracer.segment(journeys.segments[i], "/segments/" + std::to_string(i));
    for (std::size_t i = 0; i < journeys.campaigns.size(); ++i)
        tracer.campaign(journeys.campaigns[i], "/campaigns/" + std::to_string(i));
    return std::move(tracer.uses);
}

} // namespace preflight
