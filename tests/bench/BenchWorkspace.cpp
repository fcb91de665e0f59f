// Applies a few million Track events to a Workspace and prints throughput and memory.
// Usage: BenchWorkspace [events=2000000] [people=100000] [maxEvents=0]
#include "workspace/Workspace.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace preflight;

namespace {

long statusKb(const char *field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0)
            return std::atol(line.c_str() + std::string(field).size());
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    const long events = argc > 1 ? std::atol(argv[1]) : 2'000'000;
    const long people = argc > 2 ? std::atol(argv[2]) : 100'000;
    const long cap = argc > 3 ? std::atol(argv[3]) : 0;
    const long rssBefore = statusKb("VmRSS:");

    Workspace workspace(WorkspaceOptions{3, static_cast<std::size_t>(cap)});
    const UnixMillis start = 1'800'000'000'000LL;
    const auto began = std::chrono::steady_clock::now();
    const char *names[] = {"product_viewed", "added_to_cart", "checkout_started", "order_completed"};
    for (long i = 0; i < events; ++i) {
        Call call;
        call.kind = CallKind::Track;
        call.identity.id = "user-" + std::to_string(i % people);
        call.name = names[i % 4];
        call.dedupeId = "01HX" + std::to_string(i);
        call.occurredAt = start + i;
        call.properties = Json{{"cart_id", "cart-" + std::to_string(i % 5000)},
                               {"cart_value", 49.95 + static_cast<double>(i % 100)},
                               {"sku", "SKU-" + std::to_string(i % 977)},
                               {"currency", "EUR"}};
        if (!workspace.apply(call, start + i).accepted)
            return 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    const long rssAfter = statusKb("VmRSS:");
    std::printf("events applied:     %ld (%ld people, cap %ld)\n", events, people, cap);
    std::printf("events stored:      %zu\n", workspace.eventCount());
    std::printf("apply rate:         %.0f events/s\n", static_cast<double>(events) / seconds);
    std::printf("event data arena:   %.1f MB\n", static_cast<double>(workspace.events().dataBytes()) / 1e6);
    std::printf("RSS growth:         %.1f MB (%.0f bytes/stored event)\n", (rssAfter - rssBefore) / 1024.0,
                (rssAfter - rssBefore) * 1024.0 / static_cast<double>(workspace.eventCount()));
    std::printf("peak RSS:           %.1f MB\n", statusKb("VmHWM:") / 1024.0);
    return 0;
}
