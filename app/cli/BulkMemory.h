#pragma once

#include <string>

namespace preflight {

// preflight-cli replays dumps of millions of calls through the workspace and the simulator, whose state
// grows by hundreds of megabytes. Faulting that in 4 KiB at a time costs up to a sixth of a simulation
// on a virtual machine (each fault is a trip through the hypervisor). With PREFLIGHT_MIMALLOC (the
// default build), the process allocates through mimalloc, and this backs its memory with transparent
// huge pages: 2 MiB per fault. An explicit MIMALLOC_LARGE_OS_PAGES in the environment is obeyed instead.
// Call first thing in main().
void useHugePagesForBulkMemory();

// "mimalloc, huge pages" or "system malloc", for benchmark output.
std::string bulkMemoryDescription();

} // namespace preflight
