#include "lint/JourneysLinter.h"

#include "common/Spelling.h"
#include "journeys/LiquidReferences.h"
#include "journeys/ValueMatch.h"

#include <string>
#include <string_view>

namespace preflight {

namespace {

namespace Code = JourneysLintCode;

// Walks a journeys model in file order, keeping the JSON pointer of where it is, and reports what the
// plan does not back.
class JourneysChecker
{
public:
    JourneysChecker(const Plan &plan, std::vector<LintFinding> &out) : m_plan(plan), m_out(out) {}

    void segment(const Segment &segment, const std::string &at)
    {
        condition(segment.condition, at + "/condition");
    }

    void campaign(const Campaign &campaign, const std::string &at)
    {
        const EventSpec *trigger = nullptr;
        m_segmentTriggered = campaign.trigger.isSegment();
        if (!m_segmentTriggered) {
            trigger = event(campaign.trigger.event, at + "/trigger/event");
            filters(trigger, campaign.trigger.where, at + "/trigger/where");
        }
        m_trigger = trigger;
        if (campaign.audience)
            condition(*campaign.audience, at + "/audience");
        if (!campaign.dedupeKey.empty())
            key(trigger, campaign.dedupeKey, at + "/dedupe_key", "dedupe key",
                "runs without it are never deduplicated");
        steps(campaign.steps, trigger, at + "/steps");
        if (campaign.goal)
            eventMatch(campaign.goal->match, trigger, at + "/exit/goal", "goal");
    }

private:
    void report(const char *code, Severity severity, const std::string &at, std::string message,
                std::string fix)
    {
        m_out.push_back({code, severity, at, std::move(message), std::move(fix)});
    }

    static std::string didYouMean(std::string_view name, const std::vector<std::string> &candidates,
                                  const std::string &otherwise)
    {
        const std::string closest = closestName(name, candidates);
        return closest.empty() ? otherwise : "did you mean \"" + closest + "\"?";
    }

    const EventSpec *event(const std::string &name, const std::string &at)
    {
        if (const EventSpec *spec = m_plan.findEventOrAlias(name))
            return spec;
        std::vector<std::string> names;
        for (const EventSpec &spec : m_plan.events)
            names.push_back(spec.name);
        report(Code::UnknownEvent, Severity::Error, at,
               "the plan has no event \"" + name + "\": this never matches, since nothing sends it",
               didYouMean(name, names, "add the event to the plan, or name one it has"));
        return nullptr;
    }

    // The property a filter path names ("cart_value", "items[].sku", "address.city"), or null after
    // reporting that the plan does not have it.
    const PropertySpec *property(const EventSpec &event, const std::string &path, const std::string &at)
    {
        const std::vector<PropertySpec> *members = &event.properties;
        const PropertySpec *spec = nullptr;
        std::string_view rest = path;
        while (!rest.empty()) {
            const std::size_t dot = rest.find('.');
            std::string_view head = rest.substr(0, dot);
            rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
            const bool each = head.size() > 2 && head.substr(head.size() - 2) == "[]";
            if (each)
                head.remove_suffix(2);
            spec = nullptr;
            for (const PropertySpec &member : *members)
                if (member.name == head)
                    spec = &member;
            if (!spec) {
                std::vector<std::string> names;
                for (const PropertySpec &member : *members)
                    names.push_back(member.name);
                // An error even where the plan lets events carry other properties: the journey depends on
                // this one, so it belongs in the contract (and a typo here never matches).
                report(Code::UnknownProperty, Severity::Error, at,
                       "event \"" + event.name + "\" has no property \"" + path + "\" in the plan",
                       didYouMean(head, names, "add it to the event in the plan, or filter on one it has"));
                return nullptr;
            }
            if (each) {
                if (spec->type != PropertyType::Array || !spec->itemSchema()) {
                    report(Code::TypeMismatch, Severity::Error, at,
                           "\"" + std::string(head) +
                               "[]\" looks into the items of an array, but the plan says \"" + spec->name +
                               "\" is " + std::string(toString(spec->type)),
                           "drop the [] or make it an array in the plan");
                    return nullptr;
                }
                spec = spec->itemSchema();
            }
            if (!rest.empty())
                members = &spec->properties;
        }
        return spec;
    }

    // Whether `filter` can ever be true of a value the plan types `type`, compared as journeys/ValueMatch
    // does (numbers and numeric strings as numbers); reports it when not. An ordering on a string is
    // reported too: it only works while every value happens to be numeric.
    void typeCheck(const ValueFilter &filter, PropertyType type, TimestampEncoding format,
                   const std::string &subject, const std::string &at)
    {
        using Op = ValueFilter::Op;
        const bool numeric = type == PropertyType::Number || type == PropertyType::Integer;
        const bool textual = type == PropertyType::String || type == PropertyType::Enum;
        const bool numericValue =
            filter.value.is_number() || (filter.value.is_string() && asNumber(filter.value));
        std::string problem;
        switch (filter.op) {
        case Op::Less:
        case Op::Greater:
        case Op::LessOrEqual:
        case Op::GreaterOrEqual:
            if (type == PropertyType::Timestamp && format == TimestampEncoding::Iso8601)
                problem = "compares numbers, and ISO-8601 text is not one";
            else if (!numeric && type != PropertyType::Timestamp)
                problem = "compares numbers";
            break;
        case Op::WithinPast:
            if (type != PropertyType::Timestamp && !numeric)
                problem = "needs a timestamp";
            break;
        case Op::Contains:
            if (!textual && type != PropertyType::Array)
                problem = "looks inside a string or array";
            break;
        case Op::Equals:
        case Op::NotEquals:
            if ((numeric && !numericValue) ||
                (textual && !filter.value.is_string() && !filter.value.is_number()) ||
                (type == PropertyType::Boolean && !filter.value.is_boolean()))
                problem = "compares with " + jsonTypeName(filter.value) + " " + filter.value.dump();
            break;
        case Op::Exists:
        case Op::NotExists: break;
        }
        if (problem.empty())
            return;
        report(Code::TypeMismatch, Severity::Error, at,
               "this filter " + problem + ", but the plan says " + subject + " is " +
                   std::string(toString(type)) + ": it can never match",
               "compare with a value of the plan's type, or fix the type in the plan");
    }

    void filters(const EventSpec *event, const std::vector<ValueFilter> &where, const std::string &at)
    {
        if (!event)
            return; // its event was already reported
        for (std::size_t i = 0; i < where.size(); ++i) {
            const std::string here = at + "/" + std::to_string(i);
            if (const PropertySpec *spec = property(*event, where[i].path, here + "/property"))
                typeCheck(where[i], spec->type, spec->timestampFormat,
                          "\"" + where[i].path + "\" of " + event->name, here);
        }
    }

    void attribute(const ValueFilter &filter, const std::string &at)
    {
        if (const AttributeSpec *spec = m_plan.findAttribute(filter.path)) {
            typeCheck(filter, spec->type, spec->timestampFormat, "attribute \"" + filter.path + "\"", at);
            return;
        }
        std::vector<std::string> names;
        for (const AttributeSpec &spec : m_plan.attributes)
            names.push_back(spec.name);
        report(Code::UnknownAttribute, m_plan.allowOtherAttributes ? Severity::Warning : Severity::Error,
               at + "/attribute",
               "the plan has no person attribute \"" + filter.path + "\": nothing is known to set it",
               didYouMean(filter.path, names, "add the attribute to the plan, or test one it has"));
    }

    // A related-object condition: its type must be one the plan declares, its filters that type's attributes.
    void relatedObject(const Condition &condition, const std::string &at)
    {
        const ObjectTypeSpec *type = m_plan.findObjectType(condition.objectTypeId);
        if (!type) {
            std::vector<std::string> ids;
            for (const ObjectTypeSpec &known : m_plan.objectTypes)
                ids.push_back(known.typeId);
            report(
                Code::UnknownObjectType, Severity::Error, at + "/related_object",
                "the plan has no object type \"" + condition.objectTypeId +
                    "\": no person is known to be related to one",
                didYouMean(condition.objectTypeId, ids, "declare the object type in the plan's \"objects\""));
            return;
        }
        for (std::size_t i = 0; i < condition.where.size(); ++i) {
            const ValueFilter &filter = condition.where[i];
            const std::string here = at + "/where/" + std::to_string(i);
            const auto spec =
                std::find_if(type->attributes.begin(), type->attributes.end(),
                             [&](const PropertySpec &attribute) { return attribute.name == filter.path; });
            if (spec != type->attributes.end()) {
                typeCheck(filter, spec->type, spec->timestampFormat,
                          "attribute \"" + filter.path + "\" of object type " + type->name, here);
                continue;
            }
            std::vector<std::string> names;
            for (const PropertySpec &attribute : type->attributes)
                names.push_back(attribute.name);
            report(
                Code::UnknownObjectAttribute,
                type->allowOtherAttributes ? Severity::Warning : Severity::Error, here + "/attribute",
                "object type " + type->name + " (" + type->typeId + ") has no attribute \"" + filter.path +
                    "\" in the plan",
                didYouMean(filter.path, names, "add the attribute to the object type, or test one it has"));
        }
    }

    void condition(const Condition &condition, const std::string &at)
    {
        switch (condition.kind) {
        case Condition::Kind::All:
        case Condition::Kind::Any: {
            const std::string key = condition.kind == Condition::Kind::All ? "/all/" : "/any/";
            for (std::size_t i = 0; i < condition.children.size(); ++i)
                this->condition(condition.children[i], at + key + std::to_string(i));
            break;
        }
        case Condition::Kind::Attribute: attribute(condition.attribute, at); break;
        case Condition::Kind::Performed:
        case Condition::Kind::NotPerformed: {
            const char *key = condition.kind == Condition::Kind::Performed ? "/performed" : "/not_performed";
            const EventSpec *spec = event(condition.event, at + key);
            filters(spec, condition.where, at + "/where");
            if (spec && !condition.matchKey.empty())
                this->key(m_trigger, condition.matchKey, at + "/match", "condition key",
                          "the condition cannot tell this run's events from others without it", spec);
            break;
        }
        case Condition::Kind::InSegment:
        case Condition::Kind::NotInSegment: break; // the reader has resolved the segment
        case Condition::Kind::RelatedObject: relatedObject(condition, at); break;
        }
    }

    // The member a template path names ("items[].sku"), and whether it and every container on the way are
    // required; nullptr when the plan has no such member.
    static const PropertySpec *propertyAt(const std::vector<PropertySpec> &members, std::string_view path,
                                          bool &required)
    {
        const std::vector<PropertySpec> *level = &members;
        const PropertySpec *spec = nullptr;
        required = true;
        while (!path.empty()) {
            const std::size_t dot = path.find('.');
            std::string_view head = path.substr(0, dot);
            path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
            const bool each = head.size() > 2 && head.substr(head.size() - 2) == "[]";
            if (each)
                head.remove_suffix(2);
            spec = nullptr;
            for (const PropertySpec &member : *level)
                if (member.name == head)
                    spec = &member;
            if (!spec)
                return nullptr;
            required = required && spec->isRequired();
            if (each) {
                if (!spec->itemSchema())
                    return path.empty() ? spec : nullptr;
                spec = spec->itemSchema();
            }
            level = &spec->properties;
        }
        return spec;
    }

    void messageTemplate(const Step &step, const std::string &at)
    {
        const MessageTemplate &message = step.messageTemplate;
        for (const auto &[part, text] :
             {std::pair{"subject", &message.subject}, std::pair{"body", &message.body}}) {
            if (text->empty())
                continue;
            const std::string where = message.file.empty() ? at + "/" + part : at;
            const std::string source = message.file.empty() ? step.name + " " + part : message.file;
            const Result<std::vector<LiquidReference>> references = liquidReferences(*text);
            if (!references) {
                report(Code::TemplateSyntax, Severity::Error, where,
                       source + ":" + references.error().where + ": " + references.error().message,
                       "fix the Liquid: Customer.io cannot render the message");
                continue;
            }
            for (const LiquidReference &reference : *references)
                templateReference(reference, where,
                                  source + ":" + std::to_string(reference.line) + ":" +
                                      std::to_string(reference.column));
        }
    }

    void templateReference(const LiquidReference &reference, const std::string &where,
                           const std::string &place)
    {
        const char *root = reference.root == LiquidReference::Root::Customer  ? "customer"
                           : reference.root == LiquidReference::Root::Trigger ? "trigger"
                                                                              : "event";
        const std::string named = std::string(root) + "." + reference.path;
        if (reference.root == LiquidReference::Root::Customer) {
            const std::string top = reference.path.substr(0, reference.path.find_first_of(".["));
            if (m_plan.findAttribute(top) || top == "id" || top == "email" || top == "cio_id")
                return;
            std::vector<std::string> names;
            for (const AttributeSpec &spec : m_plan.attributes)
                names.push_back(spec.name);
            report(Code::TemplateUnknownAttribute,
                   m_plan.allowOtherAttributes ? Severity::Warning : Severity::Error, where,
                   place + " reads {{ " + named + " }}, and the plan has no person attribute \"" + top + "\"",
                   didYouMean(top, names, "add the attribute to the plan, or read one it has"));
            return;
        }
        if (m_segmentTriggered) {
            report(Code::TemplateEventWithoutTrigger, Severity::Error, where,
                   place + " reads {{ " + named +
                       " }}, and this campaign starts on segment entry: there is no "
                       "triggering event to read, so the value is always missing",
                   "read customer attributes, or trigger the campaign with an event");
            return;
        }
        if (!m_trigger)
            return; // the trigger's unknown event was reported
        bool required = false;
        if (propertyAt(m_trigger->properties, reference.path, required)) {
            // Inside a loop only the element's own members count: an absent collection loops zero times.
            if (!required && reference.loopPrefix > 2 && reference.loopPrefix < reference.path.size()) {
                bool collectionRequired = false;
                const PropertySpec *collection = propertyAt(
                    m_trigger->properties,
                    std::string_view(reference.path).substr(0, reference.loopPrefix - 2), collectionRequired);
                if (collection && collection->itemSchema())
                    propertyAt(collection->itemSchema()->properties,
                               std::string_view(reference.path).substr(reference.loopPrefix + 1), required);
            }
            if (!required && !reference.hasDefault)
                report(Code::TemplateOptionalWithoutDefault, Severity::Warning, where,
                       place + " reads {{ " + named + " }}, which is optional on " + m_trigger->name +
                           ": Customer.io fails the delivery when it is missing",
                       "add a default ({{ " + named +
                           " | default: \"…\" }}), or make it required in the plan");
            return;
        }
        // The property may be another event's: a template reads only the event that triggered the run.
        std::string elsewhere;
        for (const EventSpec &other : m_plan.events) {
            bool ignored = false;
            if (&other != m_trigger && propertyAt(other.properties, reference.path, ignored))
                elsewhere += (elsewhere.empty() ? "" : ", ") + other.name;
        }
        std::vector<std::string> names;
        for (const PropertySpec &member : m_trigger->properties)
            names.push_back(member.name);
        report(Code::TemplateUnknownProperty, Severity::Error, where,
               place + " reads {{ " + named + " }}, and " + m_trigger->name +
                   ", the campaign's trigger, has no \"" + reference.path + "\"" +
                   (elsewhere.empty()
                        ? std::string()
                        : " (" + elsewhere + " has it, but a template reads only the triggering event)"),
               didYouMean(reference.path.substr(0, reference.path.find_first_of(".[")), names,
                          "add it to " + m_trigger->name + " in the plan, or read one it has"));
    }

    // A key that ties another event to the run's trigger (goal, wait-until match, dedupe): it must be a
    // property of both, and should be required, or runs without it can never match.
    void key(const EventSpec *trigger, const std::string &name, const std::string &at, const char *what,
             const char *consequence, const EventSpec *other = nullptr)
    {
        if (!trigger && !m_segmentTriggered)
            return; // the trigger's unknown event was reported
        if (!trigger) {
            report(Code::KeyWithoutTriggerEvent, Severity::Error, at,
                   std::string("a ") + what + " \"" + name + "\" needs a triggering event to take \"" + name +
                       "\" from, and this campaign has none",
                   "match by person, or trigger the campaign with an event");
            return;
        }
        for (const EventSpec *event : {trigger, other}) {
            if (!event || (event == other && other == trigger))
                continue;
            const PropertySpec *spec = property(*event, name, at);
            if (spec && !spec->isRequired())
                report(Code::OptionalKey, Severity::Warning, at,
                       std::string("the ") + what + " \"" + name + "\" is optional on " + event->name +
                           " in the plan: " + consequence,
                       "make \"" + name + "\" required on " + event->name +
                           ", or accept that one sent without it " + "does not count");
        }
    }

    void eventMatch(const EventMatch &match, const EventSpec *trigger, const std::string &at,
                    const char *what)
    {
        const EventSpec *spec = event(match.event, at + "/event");
        filters(spec, match.where, at + "/where");
        if (match.matchKey.empty() || !spec)
            return;
        const bool goal = what == std::string_view("goal");
        key(trigger, match.matchKey, at + "/match", goal ? "goal key" : "wait key",
            goal ? "a run without it never exits on the goal"
                 : "a run without it never stops waiting on that event",
            spec);
    }

    void steps(const std::vector<Step> &steps, const EventSpec *trigger, const std::string &at)
    {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step &step = steps[i];
            const std::string here = at + "/" + std::to_string(i);
            switch (step.kind) {
            case Step::Kind::WaitUntil:
                eventMatch(step.waitFor, trigger, here + "/wait_until", "wait");
                break;
            case Step::Kind::Message:
                if (step.condition)
                    condition(*step.condition, here + "/message/conditions");
                messageTemplate(step, here + "/message/template");
                break;
            case Step::Kind::Branch:
                if (step.condition)
                    condition(*step.condition, here + "/branch/if");
                this->steps(step.thenSteps, trigger, here + "/branch/then");
                this->steps(step.elseSteps, trigger, here + "/branch/else");
                break;
            case Step::Kind::TimeWindow:
                if (step.windowZone == "person" && !m_plan.findAttribute("timezone"))
                    report(
                        Code::UnknownAttribute, Severity::Warning, here + "/time_window/timezone",
                        "the window reads the person's \"timezone\" attribute, which the plan does not have: "
                        "everyone gets the fallback zone",
                        "add a timezone attribute (an IANA name) to the plan, or name a zone");
                break;
            case Step::Kind::Delay: break;
            }
        }
    }

    const Plan &m_plan;
    bool m_segmentTriggered = false;      // the campaign being checked starts on segment entry
    const EventSpec *m_trigger = nullptr; // its triggering event, when the plan has it
    std::vector<LintFinding> &m_out;
};

} // namespace

std::vector<LintFinding> lintJourneys(const Plan &plan, const Journeys &journeys)
{
    std::vector<LintFinding> findings;
    JourneysChecker checker(plan, findings);
    for (std::size_t i = 0; i < journeys.segments.size(); ++i)
        checker.segment(journeys.segments[i], "/segments/" + std::to_string(i));
    for (std::size_t i = 0; i < journeys.campaigns.size(); ++i)
        checker.campaign(journeys.campaigns[i], "/campaigns/" + std::to_string(i));
    return findings;
}

} // namespace preflight
