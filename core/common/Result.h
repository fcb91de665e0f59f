#pragma once

#include <string>
#include <utility>
#include <variant>

namespace preflight {

// An expected failure: what went wrong and where (file:line:column or a JSON pointer).
struct Error {
    std::string code;    // stable, machine-readable (e.g. "json_syntax", "event_name_too_long")
    std::string message; // for people
    std::string where;   // "plan.json:12:5", "/properties/cart_value", or empty

    std::string toString() const { return where.empty() ? message : where + ": " + message; }
    friend bool operator==(const Error &, const Error &) = default;
};

// A value or an Error; expected failures travel as values, never as exceptions.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

struct Ok {
};
using Status = Result<Ok>;

} // namespace preflight
