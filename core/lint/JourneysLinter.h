#pragma once

#include "journeys/Journeys.h"
#include "lint/PlanLinter.h"
#include "plan/Plan.h"

#include <vector>

namespace preflight {

namespace JourneysLintCode {
inline constexpr const char *UnknownEvent = "unknown_event_reference";
inline constexpr const char *UnknownProperty = "unknown_property_reference";
inline constexpr const char *UnknownAttribute = "unknown_attribute_reference";
inline constexpr const char *UnknownObjectType = "unknown_object_type_reference";
inline constexpr const char *UnknownObjectAttribute = "unknown_object_attribute_reference";
inline constexpr const char *TypeMismatch = "type_mismatch_reference";
inline constexpr const char *OptionalKey = "optional_key_reference";
inline constexpr const char *KeyWithoutTriggerEvent = "key_without_trigger_event";
inline constexpr const char *TemplateSyntax = "template_syntax";
inline constexpr const char *TemplateUnknownProperty = "template_unknown_property";
inline constexpr const char *TemplateOptionalWithoutDefault = "template_optional_without_default";
inline constexpr const char *TemplateEventWithoutTrigger = "template_event_without_trigger";
inline constexpr const char *TemplateUnknownAttribute = "template_unknown_attribute";
} // namespace JourneysLintCode

// Every event, event property, person attribute, object type and key a journeys file refers to, checked
// against the plan: a journey that names what the plan does not send can never fire, exit or dedupe. Pointers
// are into the journeys file ("/campaigns/0/exit/goal/event"). Errors make `lint --journeys` exit 1; a goal,
// wait or dedupe key on an optional property is a warning (runs without it can never exit or dedupe).
std::vector<LintFinding> lintJourneys(const Plan &plan, const Journeys &journeys);

} // namespace preflight
