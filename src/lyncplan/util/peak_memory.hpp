// A process's peak resident memory as Linux keeps it: VmHWM, the high-water mark of its own
// address space (unlike getrusage's ru_maxrss, which a spawn from a large parent inflates).
#pragma once

#include <string>

namespace lyncplan {

// VmHWM of `pid` ("self" for this process) in KB; 0 when it cannot be read (it has exited).
long peak_memory_kb(const std::string& pid = "self");

} // namespace lyncplan
