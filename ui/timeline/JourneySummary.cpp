#include "JourneySummary.h"

#include "journeys/ValueMatch.h"

#include <QStringList>

namespace preflight::ui {

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QString duration(std::int64_t millis)
{
    return q(formatDurationMillis(millis));
}

QString filters(const std::vector<ValueFilter> &where)
{
    QStringList parts;
    for (const ValueFilter &filter : where)
        parts << q(describe(filter));
    return parts.isEmpty() ? QString() : QStringLiteral(" where ") + parts.join(QStringLiteral(" and "));
}

QString then(Step::Then value)
{
    return value == Step::Then::Exit ? QStringLiteral("exit") : QStringLiteral("continue");
}

void describeSteps(const std::vector<Step> &steps, QStringList &out, const QString &indent)
{
    for (const Step &step : steps) {
        switch (step.kind) {
        case Step::Kind::Delay:
            out << indent + QStringLiteral("wait %1").arg(duration(step.durationMillis));
            break;
        case Step::Kind::TimeWindow:
            out << indent + QStringLiteral("wait for the window %1:%2–%3:%4 UTC")
                                .arg(step.windowStartMinute / 60, 2, 10, QLatin1Char('0'))
                                .arg(step.windowStartMinute % 60, 2, 10, QLatin1Char('0'))
                                .arg(step.windowEndMinute / 60, 2, 10, QLatin1Char('0'))
                                .arg(step.windowEndMinute % 60, 2, 10, QLatin1Char('0'));
            break;
        case Step::Kind::WaitUntil:
            out << indent + QStringLiteral("wait until %1%2%3 (then %4)%5")
                                .arg(q(step.waitFor.event), filters(step.waitFor.where),
                                     step.waitFor.matchKey.empty()
                                         ? QString()
                                         : QStringLiteral(" with the same ") + q(step.waitFor.matchKey),
                                     then(step.onEvent),
                                     step.timeoutMillis
                                         ? QStringLiteral(", at most %1 (then %2)")
                                               .arg(duration(*step.timeoutMillis), then(step.onTimeout))
                                         : QString());
            break;
        case Step::Kind::Message:
            out << indent + QStringLiteral("send %1 %2%3")
                                .arg(q(step.channel), q(step.name),
                                     step.condition
                                         ? QStringLiteral(" if ") + summarizeCondition(*step.condition)
                                         : QString());
            break;
        case Step::Kind::Branch:
            out << indent + QStringLiteral("if %1:").arg(step.condition ? summarizeCondition(*step.condition)
                                                                        : QStringLiteral("…"));
            describeSteps(step.thenSteps, out, indent + QStringLiteral("    "));
            if (!step.elseSteps.empty()) {
                out << indent + QStringLiteral("otherwise:");
                describeSteps(step.elseSteps, out, indent + QStringLiteral("    "));
            }
            break;
        }
    }
}

} // namespace

QString summarizeCondition(const Condition &condition)
{
    switch (condition.kind) {
    case Condition::Kind::All:
    case Condition::Kind::Any: {
        QStringList parts;
        for (const Condition &child : condition.children)
            parts << summarizeCondition(child);
        const QString joined = parts.join(condition.kind == Condition::Kind::All ? QStringLiteral(" and ")
                                                                                 : QStringLiteral(" or "));
        return parts.size() > 1 ? QStringLiteral("(") + joined + QStringLiteral(")") : joined;
    }
    case Condition::Kind::Attribute: return q(describe(condition.attribute));
    case Condition::Kind::Performed:
    case Condition::Kind::NotPerformed: {
        QString text = (condition.kind == Condition::Kind::Performed ? QStringLiteral("did ")
                                                                     : QStringLiteral("did not do ")) +
                       q(condition.event) + filters(condition.where);
        if (condition.atLeast > 1)
            text += QStringLiteral(" at least %1 times").arg(condition.atLeast);
        if (condition.atMost)
            text += QStringLiteral(" at most %1 times").arg(*condition.atMost);
        if (condition.withinMillis)
            text += QStringLiteral(" in the past %1").arg(duration(*condition.withinMillis));
        return text;
    }
    case Condition::Kind::InSegment: return QStringLiteral("in segment ") + q(condition.segment);
    case Condition::Kind::NotInSegment: return QStringLiteral("not in segment ") + q(condition.segment);
    case Condition::Kind::RelatedObject:
        return QStringLiteral("related to an object of type ") + q(condition.objectTypeId) +
               filters(condition.where);
    }
    return {};
}

QString summarizeCampaign(const Campaign &campaign)
{
    QStringList lines;
    lines << (campaign.trigger.isSegment()
                  ? QStringLiteral("Starts when a person enters segment %1").arg(q(campaign.trigger.segment))
                  : QStringLiteral("Starts on %1%2")
                        .arg(q(campaign.trigger.event), filters(campaign.trigger.where)));
    if (campaign.audience)
        lines << QStringLiteral("Only people who are ") + summarizeCondition(*campaign.audience);
    switch (campaign.frequency.kind) {
    case Frequency::Kind::EveryTime: lines << QStringLiteral("Every time it triggers"); break;
    case Frequency::Kind::Once: lines << QStringLiteral("Once per person"); break;
    case Frequency::Kind::OncePerPeriod:
        lines << QStringLiteral("At most once every %1").arg(duration(campaign.frequency.periodMillis));
        break;
    }
    if (!campaign.dedupeKey.empty())
        lines << QStringLiteral("One run per %1").arg(q(campaign.dedupeKey));
    lines << QStringLiteral("Steps:");
    describeSteps(campaign.steps, lines, QStringLiteral("    "));
    if (campaign.goal)
        lines << QStringLiteral("Goal: %1%2%3 within %4 (exits as converted)")
                     .arg(q(campaign.goal->match.event), filters(campaign.goal->match.where),
                          campaign.goal->match.matchKey.empty()
                              ? QString()
                              : QStringLiteral(" with the same ") + q(campaign.goal->match.matchKey),
                          duration(campaign.goal->withinMillis));
    if (!campaign.exitWhenLeavingSegment.empty())
        lines << QStringLiteral("Exits when leaving segment %1").arg(q(campaign.exitWhenLeavingSegment));
    if (campaign.exitWhenNoLongerMatching)
        lines << QStringLiteral("Exits when the person no longer matches the audience");
    return lines.join(QLatin1Char('\n'));
}

} // namespace preflight::ui
