// Shell commands and dig questions for the lab tests.
#include "shell.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <memory>

namespace lyncplan::testing {

Shell shell(const std::string& command) {
  Shell s;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen((command + " 2>&1").c_str(), "r"), ::pclose);
  if (!pipe) {
    return s;
  }
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) {
    s.out.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe.release());
  s.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return s;
}

std::string ask(const char* server, int port, const std::string& type, const std::string& name) {
  return shell("dig +short +norecurse +time=2 +tries=2 -p " + std::to_string(port) + " @" + server +
               " " + type + " " + name + " | sort")
      .out;
}

} // namespace lyncplan::testing
