#pragma once

#include "api/Dialect.h"

namespace preflight {

// Pipelines API (Segment-compatible), POST under /v1 with Basic auth (write key as user, empty password):
//   /identify {userId?, anonymousId?, traits}       both ids together tie the anonymous activity to the
//   person /track    {userId|anonymousId, event, properties} /page     {userId|anonymousId, name, properties}
//   /screen likewise /group    {userId|anonymousId, groupId, traits} /alias    {userId, previousId}
//   previousId is Call::secondary.id /batch    {batch: [items with "type": identify|track|page|screen|group]}
// Every call may carry "timestamp" (ISO-8601, milliseconds kept), "messageId" (Call::dedupeId) and
// "context" (Call::context). The identity's email travels as traits.email on identify; cio_id and phone
// are not Pipelines identifiers. Render does not invent a messageId: give the Call a dedupeId for
// idempotent retries. "integrations" is accepted by parse and not modelled.
// Limits: a call ≤ 32 KB, a batch ≤ 500 KB with each item ≤ 32 KB (oversized calls are answered 200 and
// dropped by Customer.io, so render refuses them).
class PipelinesDialect final : public Dialect
{
public:
    Api api() const override { return Api::Pipelines; }
    Result<HttpRequest> render(const Call &call, const ApiTarget &target) const override;
    Result<Call> parse(const HttpRequest &request) const override;
    Result<std::vector<Result<Call>>> parseBatchItems(const HttpRequest &request) const override;

    // One message body; withType adds "type" (batch items). `where` prefixes errors.
    static Result<Json> renderMessage(const Call &call, bool withType, const std::string &where);
    // One message back to a call of `kind`; `where` prefixes errors (a body pointer).
    static Result<Call> parseMessage(const Json &message, CallKind kind, const std::string &where);
};

} // namespace preflight
