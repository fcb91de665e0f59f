// One line of a calls file (send --calls, simulate --events): the canonical Call form, or a
// Pipelines/Segment-style export record as send reads it.
#include "api/PipelinesRecord.h"
#include "call/Call.h"
#include "common/Json.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const preflight::Result<preflight::Json> json = preflight::parseJsonLine(text, "calls.jsonl", 1);
    if (!json)
        return 0;
    const preflight::Result<preflight::Call> call =
        preflight::isPipelinesRecord(*json) ? preflight::callFromPipelinesRecord(*json, "calls.jsonl:1")
                                            : preflight::callFromJson(*json, "calls.jsonl:1#");
    if (call)
        (void)preflight::toJson(*call).dump(-1, ' ', false, preflight::Json::error_handler_t::replace);
    return 0;
}
