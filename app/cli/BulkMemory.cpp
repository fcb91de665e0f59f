#include "BulkMemory.h"

#include <cstdlib>

#ifdef PREFLIGHT_MIMALLOC
#include <mimalloc.h>
#endif

namespace preflight {

void useHugePagesForBulkMemory()
{
#ifdef PREFLIGHT_MIMALLOC
    // mimalloc reads either spelling.
    if (!std::getenv("MIMALLOC_LARGE_OS_PAGES") && !std::getenv("mimalloc_large_os_pages"))
        mi_option_enable(mi_option_large_os_pages);
#endif
}

std::string bulkMemoryDescription()
{
#ifdef PREFLIGHT_MIMALLOC
    return mi_option_is_enabled(mi_option_large_os_pages) ? "mimalloc, huge pages" : "mimalloc, 4 KiB pages";
#else
    return "system malloc";
#endif
}

} // namespace preflight
