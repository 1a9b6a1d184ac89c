// The command-line program as a function, so that tests run it in-process.
#pragma once

#include <ostream>

namespace lyncplan::cli {

// Exit codes (TOPOLOGY.md): 0 all good, 1 findings at or above --fail-on, 2 bad input or usage,
// 3 a system failure prevented the job.
enum ExitCode : int { kOk = 0, kFindings = 1, kBadInput = 2, kSystem = 3 };

struct Console {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false; // progress lines are drawn only on a terminal
};

int run_app(int argc, const char* const* argv, Console console);

} // namespace lyncplan::cli
