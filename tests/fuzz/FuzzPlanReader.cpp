// The plan reader on arbitrary text; a plan it accepts must survive a save and a second read.
#include "plan/PlanFile.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const preflight::Result<preflight::Plan> plan = preflight::planFromText(text, "fuzz.plan.json");
    if (plan && !preflight::planFromText(preflight::toFileText(*plan), "saved.plan.json"))
        std::abort(); // what we write, we must read back
    return 0;
}
