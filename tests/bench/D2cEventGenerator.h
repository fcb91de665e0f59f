#pragma once

#include <cstdint>
#include <random>
#include <string>

// Deterministic stream of D2C Pipelines track calls matching resources/examples/d2c.plan.json, with about
// 3% realistic violations (string cart_value, millisecond timestamps, "Order Completed", missing cart_id,
// lowercase currency, no identity). Same seed, same bytes.
class D2cEventGenerator
{
public:
    explicit D2cEventGenerator(std::uint64_t seed = 20261122) : m_random(seed) {}
    std::string next();

private:
    std::uint64_t pick(std::uint64_t bound) { return m_random() % bound; }
    std::string items(int count);

    std::mt19937_64 m_random;
    std::uint64_t m_sequence = 0;
};
