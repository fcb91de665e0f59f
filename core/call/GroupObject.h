#pragma once

#include "call/Call.h"

namespace preflight {

// Customer.io makes a Pipelines group an object: groupId its id, traits.object_type_id its type ("1"
// when absent; the OpenAPI's samples spell it objectTypeId), the other traits its attributes, and
// traits.relationshipAttributes those of the caller's relationship to it. The result is the object
// identify that relates the caller, as the workspace applies it and the validator checks it.
Call objectCallOfGroup(const Call &group);

} // namespace preflight
