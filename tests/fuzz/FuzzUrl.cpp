// URL splitting and percent decoding, as every routed request goes through them.
#include "api/UrlParts.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    preflight::UrlParts parts;
    (void)preflight::splitUrl(text, parts);
    std::string decoded;
    if (preflight::percentDecode(text, decoded)) {
        // Encoding what was decoded and decoding it again gives it back.
        std::string again;
        if (!preflight::percentDecode(preflight::percentEncode(decoded), again) || again != decoded)
            std::abort();
    }
    return 0;
}
