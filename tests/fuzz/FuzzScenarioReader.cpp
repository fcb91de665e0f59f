// The scenario reader on arbitrary text, and the expansion of every scenario it accepts.
#include "common/Json.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const preflight::Result<preflight::Json> json = preflight::parseJson(text, "fuzz.scenario.json");
    if (!json)
        return 0;
    const preflight::Result<preflight::Scenario> scenario =
        preflight::scenarioFromJson(*json, "fuzz.scenario.json");
    if (scenario) {
        (void)preflight::toJson(*scenario).dump();
        (void)preflight::expandScenario(*scenario);
    }
    return 0;
}
