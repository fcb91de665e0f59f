#pragma once

#include "common/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// One value a Liquid template reads, as Customer.io renders messages: `{{ event.cart_value }}`,
// `{{ customer.first_name | default: "there" }}`, `{% for item in event.items %}{{ item.sku }}` (read as
// event `items[].sku`), `{% if customer.vip %}`.
struct LiquidReference {
    enum class Root { Event, Trigger, Customer };
    Root root = Root::Event;
    std::string path;        // inside the root, the plan's way: "cart_value", "items[].sku", "address.city"
    bool hasDefault = false; // an output with a `default` filter: a missing value renders the default
    // Read through a loop variable: the length of `path`'s leading collection ("items[]"), whose absence
    // only means the loop runs zero times; 0 otherwise.
    std::size_t loopPrefix = 0;
    int line = 1; // where in the template text, 1-based
    int column = 1;
};

// Every reference to event, trigger or customer data in a template, in order. Locals (`assign`, `capture`,
// loop variables over other values), literals, `forloop`, filters' arguments that are strings, `raw` and
// `comment` blocks are not references. Error ("liquid_syntax", with line:column in `where`) for an unclosed
// `{{` or `{%`, an unterminated string, or a `for` / `if` without its end tag.
Result<std::vector<LiquidReference>> liquidReferences(std::string_view text);

} // namespace preflight
