#include "lint/PlanLinter.h"

#include "plan/Naming.h"

#include <map>

namespace preflight {

namespace {

std::string eventPointer(std::size_t index)
{
    return "/events/" + std::to_string(index);
}

bool isCartEvent(const EventSpec &event)
{
    const std::string name = normalizedName(event.name);
    return name.find("cart") != std::string::npos || name.find("checkout") != std::string::npos;
}

bool isPurchaseEvent(const EventSpec &event)
{
    const std::string name = normalizedName(event.name);
    return name == "ordercompleted" || name == "orderplaced" || name == "purchase" || name == "purchased" ||
           name == "checkoutcompleted" || name == "ordercreated";
}

bool hasProperty(const EventSpec &event, std::initializer_list<const char *> names)
{
    for (const char *name : names)
        if (event.findProperty(name))
            return true;
    return false;
}

class Linter
{
public:
    explicit Linter(const Plan &plan) : m_plan(plan) {}

    std::vector<LintFinding> run()
    {
        identity();
        for (std::size_t i = 0; i < m_plan.events.size(); ++i)
            event(i);
        nearDuplicates();
        refundsAndCancels();
        propertyTypes();
        for (std::size_t i = 0; i < m_plan.attributes.size(); ++i)
            attribute(i);
        return std::move(m_findings);
    }

private:
    void add(const char *code, Severity severity, std::string pointer, std::string message, std::string fix)
    {
        m_findings.push_back({code, severity, std::move(pointer), std::move(message), std::move(fix)});
    }

    void identity()
    {
        if (m_plan.identity.primary == "email")
            add(LintCode::EmailPrimaryIdentifier, Severity::Warning, "/identity/primary",
                "email is the primary identifier: when a customer changes address, or signs up twice, "
                "Customer.io "
                "keeps two people and journeys count and message them separately",
                "identify people by a stable id from your backend and keep email as an attribute");
        if (!m_plan.identity.mergeAnonymous)
            add(LintCode::AnonymousNotMerged, Severity::Warning, "/identity/merge_anonymous",
                "anonymous activity is not merged at identify: carts built before sign-in never reach the "
                "person, "
                "so cart recovery cannot start",
                "send anonymous_id (Track) or anonymousId with userId (Pipelines) on identify");
    }

    void checkTimestamps(const PropertySpec &property, const std::string &pointer)
    {
        if (property.type == PropertyType::Timestamp &&
            property.timestampFormat == TimestampEncoding::Unspecified)
            add(LintCode::TimestampWithoutFormat, Severity::Warning, pointer,
                "`" + property.name +
                    "` is a timestamp without a declared format: senders mix ISO strings, seconds "
                    "and milliseconds, and time filters and 72-hour trigger windows misjudge the event",
                "set \"format\": \"unix_seconds\" or \"iso8601\"");
        if (!property.name.empty() && !followsConvention(property.name, m_plan.propertyNaming))
            add(LintCode::PropertyNameConvention, Severity::Warning, pointer,
                "`" + property.name + "` breaks the " + std::string(toString(m_plan.propertyNaming)) +
                    " convention: filters written against the documented name silently match nothing",
                "rename it `" + applyConvention(property.name, m_plan.propertyNaming) + "`");
        for (std::size_t i = 0; i < property.properties.size(); ++i)
            checkTimestamps(property.properties[i], pointer + "/properties/" + std::to_string(i));
        if (const PropertySpec *item = property.itemSchema())
            checkTimestamps(*item, pointer + "/items");
    }

    void event(std::size_t index)
    {
        const EventSpec &event = m_plan.events[index];
        const std::string pointer = eventPointer(index);
        if (!followsConvention(event.name, m_plan.eventNaming))
            add(LintCode::EventNameConvention, Severity::Warning, pointer + "/name",
                "`" + event.name + "` breaks the " + std::string(toString(m_plan.eventNaming)) +
                    " convention: senders guess the spelling and journeys trigger on one variant only",
                "rename it `" + applyConvention(event.name, m_plan.eventNaming) +
                    "` and list the old name in aliases");
        if (isCartEvent(event) && !isPurchaseEvent(event)) {
            if (!event.findProperty("cart_id"))
                add(LintCode::CartEventWithoutCartId, Severity::Error, pointer,
                    "`" + event.name +
                        "` has no cart_id: each event starts its own cart-recovery flow and the "
                        "purchase cannot end the right one, so shoppers get reminders for carts they bought",
                    "add a required string property cart_id marked join_key");
            if (!event.findProperty("items"))
                add(LintCode::CartEventWithoutItems, Severity::Warning, pointer,
                    "`" + event.name +
                        "` has no items array: reminder messages cannot show what was left behind",
                    "add an items array with sku, product_id, price and quantity");
        }
        if (isPurchaseEvent(event)) {
            if (!hasProperty(event, {"order_id"}))
                add(LintCode::PurchaseWithoutOrderId, Severity::Error, pointer,
                    "`" + event.name +
                        "` has no order_id: retried sends count as extra orders and inflate "
                        "VIP and repeat-buyer segments",
                    "add a required string property order_id marked dedupe_key");
            if (!hasProperty(event, {"revenue", "total", "value", "amount"}))
                add(LintCode::PurchaseWithoutRevenue, Severity::Error, pointer,
                    "`" + event.name +
                        "` has no revenue: lifetime-value segments and win-back thresholds cannot "
                        "be computed from events",
                    "add a required number property revenue");
            if (event.side == SendingSide::Client)
                add(LintCode::PurchaseSentClientSide, Severity::Error, pointer + "/side",
                    "`" + event.name +
                        "` is sent from the client: ad blockers and closed tabs drop it, so buyers "
                        "keep receiving cart reminders",
                    "send it from the server when the payment is captured");
        }
        for (std::size_t i = 0; i < event.properties.size(); ++i)
            checkTimestamps(event.properties[i], pointer + "/properties/" + std::to_string(i));
    }

    void nearDuplicates()
    {
        // Every name an event is known under, normalized; two different events sharing one are duplicates.
        std::map<std::string, std::pair<std::size_t, std::string>> seen;
        for (std::size_t i = 0; i < m_plan.events.size(); ++i) {
            std::vector<std::string> names = {m_plan.events[i].name};
            names.insert(names.end(), m_plan.events[i].aliases.begin(), m_plan.events[i].aliases.end());
            for (const std::string &name : names) {
                const auto [it, inserted] = seen.emplace(normalizedName(name), std::make_pair(i, name));
                if (inserted || it->second.first == i)
                    continue;
                const EventSpec &other = m_plan.events[it->second.first];
                add(LintCode::NearDuplicateEventNames, Severity::Error, eventPointer(i) + "/name",
                    "`" + m_plan.events[i].name + "` and `" + other.name + "` name the same event (\"" +
                        name + "\" vs \"" + it->second.second +
                        "\"): journeys and segments built on one miss the other",
                    "keep one event and list the other name in its aliases");
            }
        }
    }

    void refundsAndCancels()
    {
        for (const EventSpec &event : m_plan.events) {
            const std::string name = normalizedName(event.name);
            if (name.find("refund") != std::string::npos || name.find("cancel") != std::string::npos)
                return;
        }
        add(LintCode::NoRefundOrCancelEvent, Severity::Warning, "/events",
            "the plan has no refund or cancellation event: refunded buyers stay in VIP segments and keep "
            "getting post-purchase messages",
            "add order_refunded (and subscription_canceled if you sell subscriptions)");
    }

    void propertyTypes()
    {
        std::map<std::string, std::pair<std::string, std::string>> firstSeen; // name → (type, event)
        for (std::size_t i = 0; i < m_plan.events.size(); ++i) {
            const EventSpec &event = m_plan.events[i];
            for (std::size_t j = 0; j < event.properties.size(); ++j) {
                const PropertySpec &property = event.properties[j];
                std::string type(toString(property.type));
                if (property.type == PropertyType::Timestamp)
                    type += std::string(" ") + std::string(toString(property.timestampFormat));
                const auto [it, inserted] =
                    firstSeen.emplace(property.name, std::make_pair(type, event.name));
                if (!inserted && it->second.first != type)
                    add(LintCode::PropertyTypeConflict, Severity::Error,
                        eventPointer(i) + "/properties/" + std::to_string(j),
                        "`" + property.name + "` is " + type + " in `" + event.name + "` but " +
                            it->second.first + " in `" + it->second.second +
                            "`: segment and filter conditions compare one type and silently miss the other",
                        "use one type for `" + property.name + "` across events");
            }
        }
    }

    void attribute(std::size_t index)
    {
        const AttributeSpec &attribute = m_plan.attributes[index];
        const std::string pointer = "/attributes/" + std::to_string(index);
        if (attribute.owner.empty())
            add(LintCode::AttributeWithoutOwner, Severity::Warning, pointer,
                "`" + attribute.name +
                    "` has no owning system: two systems overwrite each other and segments "
                    "flap between their values",
                "set \"owner\" to the system that is its source of truth");
        if (attribute.type == PropertyType::Timestamp &&
            attribute.timestampFormat == TimestampEncoding::Unspecified)
            add(LintCode::TimestampWithoutFormat, Severity::Warning, pointer,
                "`" + attribute.name +
                    "` is a timestamp without a declared format: Customer.io compares dates only "
                    "when they are unix seconds, so ISO strings break \"within the past X days\" segments",
                "set \"format\": \"unix_seconds\"");
        if (!followsConvention(attribute.name, m_plan.propertyNaming))
            add(LintCode::PropertyNameConvention, Severity::Warning, pointer,
                "`" + attribute.name + "` breaks the " + std::string(toString(m_plan.propertyNaming)) +
                    " convention: liquid and segment conditions written against the documented name find "
                    "nothing",
                "rename it `" + applyConvention(attribute.name, m_plan.propertyNaming) + "`");
    }

    const Plan &m_plan;
    std::vector<LintFinding> m_findings;
};

} // namespace

std::vector<LintFinding> lintPlan(const Plan &plan)
{
    return Linter(plan).run();
}

std::string toText(const LintFinding &finding, std::string_view file)
{
    return std::string(file) + "#" + finding.pointer + ": " + std::string(toString(finding.severity)) + " " +
           finding.code + ": " + finding.message + "\n  fix: " + finding.fix + "\n";
}

} // namespace preflight
