#include "sandbox/SandboxProcessor.h"

#include "api/DeliveryMetric.h"
#include "api/Dialect.h"
#include "api/ManualSegmentChange.h"
#include "plan/Plan.h"
#include "sandbox/ApiErrorBody.h"
#include "validate/Validator.h"

#include <algorithm>
#include <charconv>

namespace preflight {

namespace {

// Which HTTP status a dialect's refusal becomes.
int statusFor(const Error &error)
{
    if (error.code == "not_found")
        return 404;
    if (error.code == "method_not_allowed")
        return 405;
    return 400;
}

SandboxOutcome refusal(const SandboxRoute &route, const Error &error)
{
    // Forms and manual segments answer a list of errors, as their OpenAPI describes.
    const bool listsErrors = route.endpoint == SandboxRoute::Endpoint::FormSubmit ||
                             route.endpoint == SandboxRoute::Endpoint::ManualSegment;
    std::string body = listsErrors ? trackErrorsBody(error.toString())
                                   : apiErrorBody(route.api, error.code, error.message, error.where);
    return SandboxOutcome::rejected(statusFor(error), std::move(body), error.toString());
}

std::string dump(const Json &json)
{
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Why stored events cannot start a campaign, as the workspace said.
std::string triggerNotes(const ApplyResult &result)
{
    std::string notes;
    for (const WorkspaceChange &change : result.changes) {
        if (change.triggerBlock == TriggerBlock::None || change.reason.empty())
            continue;
        if (notes.find(change.reason) != std::string::npos)
            continue;
        if (!notes.empty())
            notes += "; ";
        notes += change.reason;
    }
    return notes;
}

void noteApply(const ApplyResult &result, SandboxOutcome &outcome)
{
    if (!result.accepted) {
        // Customer.io answers these 200 and does nothing: the activity says so.
        outcome.outcome = "ignored";
        outcome.reason = result.message.empty() ? std::string(toString(result.reason)) : result.message;
        return;
    }
    outcome.reason = triggerNotes(result);
}

} // namespace

SandboxProcessor::SandboxProcessor(WorkspaceOptions options) : m_options(options), m_workspace(options) {}

SandboxProcessor::~SandboxProcessor() = default;

void SandboxProcessor::setPlan(const Plan &plan)
{
    m_validator = std::make_unique<Validator>(plan);
}

void SandboxProcessor::reset()
{
    m_workspace = Workspace(m_options);
}

void SandboxProcessor::describe(const Call &call, SandboxOutcome &outcome) const
{
    const ActivityItem item =
        itemOf(call.kind == CallKind::Batch && !call.batch.empty() ? call.batch.front() : call);
    outcome.person = item.person;
    outcome.eventName = item.eventName;
}

ActivityItem SandboxProcessor::itemOf(const Call &call)
{
    ActivityItem item;
    item.person = call.identity.isKnown() ? call.identity.primaryValue() : call.identity.anonymousId;
    if (call.kind == CallKind::Track || call.kind == CallKind::Page || call.kind == CallKind::Screen)
        item.eventName = call.name;
    return item;
}

void SandboxProcessor::check(const Call &call, SandboxOutcome &outcome,
                             std::optional<std::size_t> batchIndex) const
{
    if (!m_validator)
        return;
    for (const Violation &violation : m_validator->validate(call)) {
        Json verdict = {{"code", violation.code},
                        {"pointer", violation.pointer},
                        {"message", violation.message},
                        {"severity", std::string(toString(violation.severity))}};
        if (!violation.suggestion.empty())
            verdict["suggestion"] = violation.suggestion;
        if (batchIndex)
            verdict["batch_index"] = *batchIndex;
        outcome.verdicts.push_back(std::move(verdict));
    }
}

SandboxOutcome SandboxProcessor::ingest(const SandboxRoute &route, const HttpRequest &request,
                                        UnixMillis arrivedAt)
{
    const bool batch =
        route.endpoint == SandboxRoute::Endpoint::V2Batch ||
        (route.api == Api::Pipelines && !route.captures.empty() && route.captures.back() == "batch");
    if (batch)
        return ingestBatch(route, request, arrivedAt);
    if (route.endpoint == SandboxRoute::Endpoint::DeliveryMetric)
        return ingestMetric(request);
    if (route.endpoint == SandboxRoute::Endpoint::ManualSegment)
        return ingestSegmentChange(route, request, arrivedAt);
    auto call = dialectFor(*route.api).parse(request);
    if (!call) {
        SandboxOutcome outcome = refusal(route, call.error());
        outcome.person = route.personInPath();
        return outcome;
    }
    SandboxOutcome outcome;
    outcome.changesWorkspace = true;
    describe(*call, outcome);
    check(*call, outcome, std::nullopt);
    noteApply(m_workspace.apply(*call, arrivedAt), outcome);
    if (route.endpoint == SandboxRoute::Endpoint::FormSubmit)
        answerFormSubmission(route, outcome);
    return outcome;
}

SandboxOutcome SandboxProcessor::ingestMetric(const HttpRequest &request) const
{
    auto metric = parseDeliveryMetric(request);
    if (!metric) {
        const Error &error = metric.error();
        return SandboxOutcome::rejected(
            400, apiErrorBody(Api::TrackV1, error.code, error.message, error.where), error.toString());
    }
    SandboxOutcome outcome;
    outcome.changesWorkspace = true; // nothing to replay, but the body stays on disk with the entry
    outcome.person = metric->person();
    outcome.eventName = metric->metric;
    // The sandbox delivers no messages, so it cannot tell whether the delivery exists.
    outcome.reason = "metric " + metric->metric + " for delivery " + metric->deliveryId +
                     " (not checked: the sandbox sends no messages)";
    return outcome;
}

SandboxOutcome SandboxProcessor::ingestSegmentChange(const SandboxRoute &route, const HttpRequest &request,
                                                     UnixMillis arrivedAt)
{
    auto change = parseManualSegmentChange(request);
    if (!change)
        return refusal(route, change.error());
    SandboxOutcome outcome;
    outcome.changesWorkspace = true;
    const std::string segment = "manual segment " + std::to_string(change->segmentId);
    const std::vector<Call> calls = change->calls();
    for (std::size_t i = 0; i < calls.size(); ++i) {
        ActivityItem &item = outcome.items.emplace_back();
        item.person = change->ids[i];
        const ApplyResult applied = m_workspace.apply(calls[i], arrivedAt);
        if (!applied.accepted) {
            item.outcome = "ignored";
            item.reason = "no person has " + change->idType + " " + change->ids[i];
        }
    }
    const auto skipped = static_cast<std::size_t>(
        std::count_if(outcome.items.begin(), outcome.items.end(),
                      [](const ActivityItem &item) { return item.outcome != "accepted"; }));
    outcome.person = change->ids.size() == 1 ? change->ids.front() : std::string{};
    // Choice: every segment id names an existing manual segment (Customer.io needs it made in the app first).
    outcome.reason = std::string(change->add ? "added " : "removed ") +
                     std::to_string(change->ids.size() - skipped) + (change->add ? " to " : " from ") +
                     segment;
    if (skipped > 0)
        outcome.reason += "; " + std::to_string(skipped) + " identifier(s) named nobody and were ignored";
    return outcome;
}

void SandboxProcessor::answerFormSubmission(const SandboxRoute &route, SandboxOutcome &outcome)
{
    // Customer.io answers a form submission 204 with no body, and makes a form of any new form_id.
    outcome.status = 204;
    outcome.body.clear();
    const std::string form = "form " + route.captures.front() + " submitted";
    outcome.reason = outcome.reason.empty() ? form : form + "; " + outcome.reason;
}

SandboxOutcome SandboxProcessor::ingestBatch(const SandboxRoute &route, const HttpRequest &request,
                                             UnixMillis arrivedAt)
{
    auto items = dialectFor(*route.api).parseBatchItems(request);
    if (!items)
        return refusal(route, items.error());
    SandboxOutcome outcome;
    outcome.changesWorkspace = true;
    Json errors = Json::array();
    std::string reasons;
    std::size_t applied = 0;
    for (std::size_t index = 0; index < items->size(); ++index) {
        const Result<Call> &item = (*items)[index];
        ActivityItem &logged = outcome.items.emplace_back();
        if (!item) {
            const Error &error = item.error();
            logged.outcome = "refused";
            logged.reason = error.toString();
            Json entry = {{"batch_index", index}, {"reason", error.code}, {"message", error.message}};
            if (!error.where.empty())
                entry["field"] = error.where;
            errors.push_back(std::move(entry));
            if (!reasons.empty())
                reasons += "; ";
            reasons += "item " + std::to_string(index) + ": " + error.toString();
            continue;
        }
        if (applied++ == 0)
            describe(*item, outcome);
        const ActivityItem described = itemOf(*item);
        logged.person = described.person;
        logged.eventName = described.eventName;
        const std::size_t verdictsBefore = outcome.verdicts.size();
        check(*item, outcome, index);
        logged.failsPlan = outcome.verdicts.size() > verdictsBefore;
        ApplyResult result = m_workspace.apply(*item, arrivedAt);
        if (!result.accepted) {
            logged.outcome = "ignored";
            logged.reason = result.message;
            if (!reasons.empty())
                reasons += "; ";
            reasons += "item " + std::to_string(index) + " ignored: " + result.message;
        }
    }
    outcome.reason = reasons;
    if (errors.empty())
        return outcome;
    // Track v2 answers a partly failed batch 207 with the failed items; Pipelines refuses it (the server
    // turns that into its silent 200 unless strict mode is on). The valid items are kept in both cases.
    if (route.api == Api::TrackV2) {
        outcome.status = 207;
        outcome.body = dump(Json{{"errors", std::move(errors)}});
        outcome.outcome = "partial";
    } else {
        outcome.status = 400;
        outcome.body =
            dump(Json{{"code", "invalid_batch_items"}, {"message", reasons}, {"errors", std::move(errors)}});
        outcome.outcome = "rejected";
    }
    return outcome;
}

SandboxOutcome SandboxProcessor::readBack(const SandboxRoute &route,
                                          const std::map<std::string, std::string> &query) const
{
    auto value = [&](const char *key) {
        auto found = query.find(key);
        return found == query.end() ? std::string{} : found->second;
    };
    auto answer = [&](const Result<Json> &result) {
        if (!result) {
            const int status = result.error().code == "not_found" ? 404 : 400;
            return SandboxOutcome::rejected(
                status, apiErrorBody(Api::App, result.error().code, result.error().message),
                result.error().toString());
        }
        SandboxOutcome outcome;
        outcome.body = dump(*result);
        return outcome;
    };
    SandboxOutcome outcome;
    const std::string idType = query.count("id_type") ? value("id_type") : std::string("id");
    switch (route.endpoint) {
    case SandboxRoute::Endpoint::CustomerAttributes:
        outcome = answer(m_workspace.attributesResponse(route.captures.front(), idType));
        break;
    case SandboxRoute::Endpoint::CustomerSegments:
        outcome = answer(m_workspace.segmentsResponse(route.captures.front(), idType));
        break;
    case SandboxRoute::Endpoint::CustomerRelationships:
        outcome = answer(m_workspace.relationshipsResponse(route.captures.front(), idType));
        break;
    case SandboxRoute::Endpoint::ObjectAttributes:
    case SandboxRoute::Endpoint::ObjectRelationships: {
        // The App API names an object by its type id and object_id (id_type=object_id, the default) or
        // by cio_object_id, which the sandbox does not model.
        if (query.count("id_type") && value("id_type") != "object_id")
            return SandboxOutcome::rejected(
                400, apiErrorBody(Api::App, "bad_request", "the sandbox names objects by object_id only"),
                "id_type " + value("id_type") + " is not modelled");
        const ObjectRef object{route.captures[0], route.captures[1]};
        outcome = answer(route.endpoint == SandboxRoute::Endpoint::ObjectAttributes
                             ? m_workspace.objectAttributesResponse(object)
                             : m_workspace.objectRelationshipsResponse(object));
        return outcome;
    }
    case SandboxRoute::Endpoint::CustomerActivities: {
        int limit = Workspace::kDefaultActivitiesLimit;
        if (query.count("limit")) {
            const std::string text = value("limit");
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
            if (ec != std::errc() || end != text.data() + text.size() || limit < 1 ||
                limit > Workspace::kMaxActivitiesLimit)
                return SandboxOutcome::rejected(
                    400, apiErrorBody(Api::App, "bad_request", "limit must be 1 to 100"), "bad limit");
        }
        outcome = answer(m_workspace.activitiesResponse(route.captures.front(), idType, value("type"),
                                                        value("name"), limit, value("start")));
        break;
    }
    default: {
        const std::string email = value("email");
        if (email.empty())
            return SandboxOutcome::rejected(400, apiErrorBody(Api::App, "bad_request", "email is required"),
                                            "email is required");
        outcome.body = dump(m_workspace.customersByEmail(email));
        break;
    }
    }
    if (route.endpoint != SandboxRoute::Endpoint::CustomersByEmail)
        outcome.person = route.captures.front();
    return outcome;
}

} // namespace preflight
