#include "D2cEventGenerator.h"

#include "call/Call.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <unordered_set>

namespace {

// --canonical: the same stream as canonical Call JSON lines that `preflight-cli simulate` replays. Calls
// arrive two seconds apart from 2026-11-20T10:00:00Z; one in fifty occurred up to an hour before it
// arrived, as client-side queues do. Each person is identified before their first event (three in four
// accept marketing, half consent to SMS), so the example journeys have audiences to check. Calls without
// a user id are left out: they name no one to simulate.
class CanonicalWriter
{
public:
    std::string convert(const std::string &pipelinesLine)
    {
        const preflight::Json source = preflight::Json::parse(pipelinesLine);
        const auto user = source.find("userId");
        if (user == source.end())
            return {};
        std::string out;
        preflight::Call track;
        track.identity.id = user->get<std::string>();
        if (m_identified.insert(track.identity.id).second) {
            preflight::Call identify;
            identify.kind = preflight::CallKind::Identify;
            identify.identity = track.identity;
            std::string email = track.identity.id; // not id + "...": GCC 12 misreads that (-Wrestrict)
            email += "@example.com";
            identify.properties = {{"email", email},
                                   {"accepts_marketing", m_random() % 4 != 0},
                                   {"sms_consent", m_random() % 2 == 0}};
            identify.occurredAt = identify.arrivedAt = next();
            out += preflight::toJson(identify).dump() + '\n';
        }
        track.name = source.value("event", "");
        track.properties = source.value("properties", preflight::Json::object());
        track.arrivedAt = next();
        const bool late = m_random() % 50 == 0;
        track.occurredAt =
            *track.arrivedAt - (late ? static_cast<preflight::UnixMillis>(m_random() % 3'600'000) : 0);
        return out + preflight::toJson(track).dump() + '\n';
    }

private:
    preflight::UnixMillis next() { return m_clock += 2'000; }

    preflight::UnixMillis m_clock = 1'795'168'798'000; // 2026-11-20T10:00:00Z, less one step
    std::mt19937_64 m_random{20261123};
    std::unordered_set<std::string> m_identified;
};

} // namespace

// Usage: preflight-bench-generate [--canonical] COUNT OUT.jsonl — writes COUNT deterministic D2C track
// calls: Pipelines payloads, or with --canonical the Call JSON lines `simulate` replays (with an identify
// before each person's first event).
int main(int argc, char *argv[])
{
    const bool canonical = argc == 4 && std::strcmp(argv[1], "--canonical") == 0;
    if (argc != 3 && !canonical) {
        std::fprintf(stderr, "usage: %s [--canonical] COUNT OUT.jsonl\n", argv[0]);
        return 2;
    }
    const long long count = std::atoll(argv[argc - 2]);
    std::FILE *out = std::fopen(argv[argc - 1], "wb");
    if (!out || count <= 0) {
        std::fprintf(stderr, "cannot write %s\n", argv[argc - 1]);
        return 2;
    }
    D2cEventGenerator generator;
    CanonicalWriter writer;
    for (long long i = 0; i < count; ++i) {
        const std::string line = canonical ? writer.convert(generator.next()) : generator.next();
        std::fwrite(line.data(), 1, line.size(), out);
    }
    return std::fclose(out) == 0 ? 0 : 2;
}
