// Looks for the programs the lab tests start.
#include "support/requires.hpp"

#include <filesystem>

namespace lyncplan::testing {

bool installed(const std::string& program) {
  for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/", "/usr/local/bin/"}) {
    if (std::filesystem::exists(std::string(dir) + program)) {
      return true;
    }
  }
  return false;
}

std::string first_missing(std::initializer_list<const char*> programs) {
  for (const char* program : programs) {
    if (!installed(program)) {
      return program;
    }
  }
  return "";
}

} // namespace lyncplan::testing
