#include "D2cEventGenerator.h"

#include <cstdio>

namespace {

std::string money(std::uint64_t cents)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%llu.%02llu", static_cast<unsigned long long>(cents / 100),
                  static_cast<unsigned long long>(cents % 100));
    return buffer;
}

} // namespace

std::string D2cEventGenerator::items(int count)
{
    std::string text = "[";
    for (int i = 0; i < count; ++i) {
        const std::uint64_t product = pick(5000);
        text += (i ? "," : "") + std::string("{\"sku\":\"SKU-") + std::to_string(product) + "-" +
                std::to_string(pick(4)) + "\",\"product_id\":\"P-" + std::to_string(product) +
                "\",\"name\":\"Product " + std::to_string(product) +
                "\",\"price\":" + money(500 + pick(20000)) + ",\"quantity\":" + std::to_string(1 + pick(3)) +
                "}";
    }
    return text + "]";
}

std::string D2cEventGenerator::next()
{
    ++m_sequence;
    const std::string user = "user-" + std::to_string(pick(200000));
    const std::string cart = "cart-" + std::to_string(m_sequence / 3);
    const std::uint64_t roll = pick(1000); // < 30: inject one violation
    const std::uint64_t seconds = 1767225600 + m_sequence * 7;
    std::string event;
    std::string properties;
    switch (pick(10)) {
    case 0:
    case 1:
    case 2:
        event = "product_viewed";
        properties = "{\"product_id\":\"P-" + std::to_string(pick(5000)) +
                     "\",\"price\":" + money(500 + pick(20000)) +
                     ",\"category\":\"skincare\",\"url\":\"https://shop.example/products/" +
                     std::to_string(pick(5000)) + "\"}";
        break;
    case 3:
    case 4:
    case 5:
        event = "added_to_cart";
        properties = "{\"cart_id\":\"" + cart + "\",\"cart_value\":" + money(1000 + pick(30000)) +
                     ",\"currency\":\"USD\",\"items\":" + items(1 + static_cast<int>(pick(3))) + "}";
        break;
    case 6:
    case 7:
        event = "checkout_started";
        properties = "{\"cart_id\":\"" + cart + "\",\"checkout_id\":\"chk-" + std::to_string(m_sequence) +
                     "\",\"cart_value\":" + money(1000 + pick(30000)) +
                     ",\"currency\":\"USD\",\"items\":" + items(1 + static_cast<int>(pick(3))) + "}";
        break;
    case 8:
        event = "order_completed";
        properties = "{\"order_id\":\"" + std::to_string(100000 + m_sequence) + "\",\"cart_id\":\"" + cart +
                     "\",\"revenue\":" + money(1000 + pick(30000)) +
                     ",\"currency\":\"USD\",\"completed_at\":\"2026-11-20T10:00:00Z\",\"items\":" +
                     items(1 + static_cast<int>(pick(3))) + "}";
        break;
    default:
        event = "subscription_created";
        properties =
            "{\"subscription_id\":\"sub-" + std::to_string(m_sequence) +
            "\",\"plan_interval\":\"monthly\",\"price\":25,\"currency\":\"EUR\",\"next_charge_at\":" +
            std::to_string(seconds) + ",\"items\":" + items(1) + "}";
        break;
    }
    std::string identity = "\"userId\":\"" + user + "\"";
    if (roll < 30) {
        switch (roll % 6) {
        case 0: // cart_value as a string
            if (auto at = properties.find("\"cart_value\":"); at != std::string::npos) {
                const auto end = properties.find(',', at);
                properties.replace(at + 13, end - at - 13,
                                   "\"" + properties.substr(at + 13, end - at - 13) + "\"");
            }
            break;
        case 1: event = "Order Completed"; break;
        case 2: // missing cart_id
            if (auto at = properties.find("\"cart_id\":"); at != std::string::npos)
                properties.erase(at, properties.find(',', at) - at + 1);
            break;
        case 3:
            if (auto at = properties.find("\"USD\""); at != std::string::npos)
                properties.replace(at, 5, "\"usd\"");
            break;
        case 4: identity = "\"context\":{\"ip\":\"203.0.113.7\"}"; break;
        default:
            if (auto at = properties.find("\"next_charge_at\":"); at != std::string::npos)
                properties.insert(at + 17 + 10, "000");
            else
                event = "order_complted";
            break;
        }
    }
    return "{\"type\":\"track\"," + identity + ",\"event\":\"" + event + "\",\"properties\":" + properties +
           ",\"timestamp\":\"2026-11-20T10:00:00Z\",\"messageId\":\"msg-" + std::to_string(m_sequence) +
           "\",\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":\"1.0.0\"}}}\n";
}
