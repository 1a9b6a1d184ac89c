// Shell commands for lab tests that drive real tools (nsupdate, dig, pdnsutil): the exit code
// and everything printed, and one DNS question asked with dig.
#pragma once

#include <string>

namespace lyncplan::testing {

struct Shell {
  int rc = -1;
  std::string out; // stdout and stderr together
};

// Runs `command` with sh, stderr into the output.
Shell shell(const std::string& command);

// What `server`:`port` answers for NAME TYPE, one record a line, sorted (dig +short, no
// recursion, two tries of two seconds).
std::string ask(const char* server, int port, const std::string& type, const std::string& name);

} // namespace lyncplan::testing
