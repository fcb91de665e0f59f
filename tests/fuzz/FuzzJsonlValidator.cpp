// The bulk validator (simdjson On Demand) on arbitrary file content, against the shipped D2C plan, in each
// payload kind. The content is handed over as an in-memory file, as `validate` reads a real one.
#include "plan/PlanFile.h"
#include "validate/JsonlValidator.h"
#include "validate/Validator.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

const preflight::Validator &validator()
{
    static const preflight::Validator instance = [] {
        preflight::Result<preflight::Plan> plan =
            preflight::loadPlan(PREFLIGHT_EXAMPLES_DIR "/d2c.plan.json");
        if (!plan)
            std::abort();
        return preflight::Validator(*plan);
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const int fd = memfd_create("fuzz.jsonl", 0);
    if (fd < 0)
        return 0;
    const std::size_t body = size > 0 ? size - 1 : 0;
    if (body > 0 && write(fd, data + 1, body) != static_cast<ssize_t>(body)) {
        close(fd);
        return 0;
    }
    using preflight::PayloadKind;
    constexpr PayloadKind kinds[] = {PayloadKind::Auto, PayloadKind::TrackV1Event, PayloadKind::PipelinesCall,
                                     PayloadKind::Properties};
    const PayloadKind kind = size > 0 ? kinds[data[0] % 4] : PayloadKind::Auto;
    const preflight::JsonlValidator bulk(validator(), kind);
    (void)bulk.validateFile("/proc/self/fd/" + std::to_string(fd),
                            [](const preflight::JsonlLineReport &report) {
                                for (const preflight::Violation &violation : report.violations)
                                    (void)violation.message.size();
                            });
    close(fd);
    return 0;
}
