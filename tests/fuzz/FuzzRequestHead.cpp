// The sandbox's strict reading of an HTTP request head (the framing guard in front of QtHttpServer).
#include "sandbox/RequestHead.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const preflight::RequestHeadReading reading = preflight::readRequestHead(text, 1024 * 1024);
    // An accepted head frames its body one way only.
    if (!reading.problem && reading.head.chunked && reading.head.contentLength)
        std::abort();
    return 0;
}
