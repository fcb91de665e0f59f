#pragma once

namespace preflight {

// JSON value kinds as the checks distinguish them (integers apart from other numbers).
enum class ValueKind { Null, Boolean, Integer, Float, String, Array, Object };

inline const char *kindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Null: return "null";
    case ValueKind::Boolean: return "boolean";
    case ValueKind::Integer: return "integer";
    case ValueKind::Float: return "number";
    case ValueKind::String: return "string";
    case ValueKind::Array: return "array";
    case ValueKind::Object: return "object";
    }
    return "unknown";
}

} // namespace preflight
