// The journeys reader on arbitrary text; journeys it accepts must survive a save and a second read.
#include "common/Json.h"
#include "journeys/Journeys.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const preflight::Result<preflight::Json> json = preflight::parseJson(text, "fuzz.journeys.json");
    if (!json)
        return 0;
    const preflight::Result<preflight::Journeys> journeys =
        preflight::journeysFromJson(*json, "fuzz.journeys.json");
    if (!journeys)
        return 0;
    const preflight::Result<preflight::Json> saved =
        preflight::parseJson(preflight::toJourneysFileText(*journeys), "saved.journeys.json");
    if (!saved || !preflight::journeysFromJson(*saved, "saved.journeys.json"))
        std::abort(); // what we write, we must read back
    return 0;
}
