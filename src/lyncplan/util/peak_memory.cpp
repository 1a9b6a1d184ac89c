// VmHWM read from /proc/PID/status.
#include <lyncplan/util/peak_memory.hpp>

#include <cstdlib>
#include <fstream>

namespace lyncplan {

long peak_memory_kb(const std::string& pid) {
  std::ifstream status("/proc/" + pid + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) {
      return std::strtol(line.c_str() + 6, nullptr, 10);
    }
  }
  return 0;
}

} // namespace lyncplan
