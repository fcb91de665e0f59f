#pragma once

#include "common/Json.h"
#include "common/Result.h"
#include "plan/Plan.h"

#include <string>

namespace preflight {

enum class SchemaDraft { Draft07, Draft2020_12 };

// JSON Schema for one event's properties object. Timestamps become the same bounds and pattern the
// validator applies, so the schema and Validator give one verdict (tested with an independent validator).
// Plan facts JSON Schema cannot express travel as "x-preflight-*" annotations, which validators ignore.
OrderedJson eventSchema(const EventSpec &event, SchemaDraft draft);
// JSON Schema for an object type's attributes (a Track v2 object identify's "attributes").
OrderedJson objectTypeSchema(const ObjectTypeSpec &type, SchemaDraft draft);
// One schema for every whole payload the validator reads (Pipelines track and identify calls, Track v1
// event bodies), selecting the shape with if/then/else in the validator's order; every event's schema sits
// under $defs (2020-12) or definitions (07), selected by if/then on "event" (track) or "name" (Track v1).
// Bare properties objects are checked against eventSchema of their event.
OrderedJson bundleSchema(const Plan &plan, SchemaDraft draft);
// Writes <event>.schema.json per event, object-<type id>.schema.json per object type and bundle.schema.json
// into dir (created if needed).
Status exportJsonSchemas(const Plan &plan, SchemaDraft draft, const std::string &dir);

// Rebuilds a plan from a bundle written by bundleSchema (lossless) or a hand-written bundle of event
// schemas under $defs/definitions (types, constraints and required lists; the rest takes defaults).
// Ordered JSON so events and properties keep the order they have in the bundle.
Result<Plan> planFromSchemaBundle(const OrderedJson &bundle, std::string_view origin = "bundle");

} // namespace preflight
