#pragma once

#include <string>

namespace preflight {

// `preflight-cli simulate` replays dumps of millions of calls through the workspace and the simulator,
// whose state grows by hundreds of megabytes. Faulting that in 4 KiB at a time costs up to a sixth of a
// simulation on a virtual machine (each fault is a trip through the hypervisor). With PREFLIGHT_MIMALLOC
// (the default build), preflight-cli allocates through mimalloc, and this has it take memory from here
// on in 2 MiB pages: reserved huge pages where the system has some, else transparent huge pages.
// Every command gets them: the sandbox server measured as fast or faster with them (and slower with
// mimalloc on 4 KiB pages) at about a fifth more RSS, which mimalloc then keeps until exit.
// A large-OS-pages setting in the environment is obeyed instead. Call first thing in main().
void useHugePagesForBulkMemory();

// "mimalloc, huge pages" or "system malloc", for benchmark output.
std::string bulkMemoryDescription();

} // namespace preflight
