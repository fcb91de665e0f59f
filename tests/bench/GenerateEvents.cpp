#include "D2cEventGenerator.h"

#include <cstdio>
#include <cstdlib>
#include <string>

// Usage: preflight-bench-generate COUNT OUT.jsonl — writes COUNT deterministic D2C track calls.
int main(int argc, char *argv[])
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s COUNT OUT.jsonl\n", argv[0]);
        return 2;
    }
    const long long count = std::atoll(argv[1]);
    std::FILE *out = std::fopen(argv[2], "wb");
    if (!out || count <= 0) {
        std::fprintf(stderr, "cannot write %s\n", argv[2]);
        return 2;
    }
    D2cEventGenerator generator;
    for (long long i = 0; i < count; ++i) {
        const std::string line = generator.next();
        std::fwrite(line.data(), 1, line.size(), out);
    }
    return std::fclose(out) == 0 ? 0 : 2;
}
