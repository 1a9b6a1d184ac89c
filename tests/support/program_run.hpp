// The lyncplan program run as a child process, not in-process: what it printed, how it ended,
// its peak memory and its time, killed with SIGKILL when it runs past a limit.
#pragma once

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lyncplan::testing {

struct ProgramRun {
  int rc = -1;         // the exit code; -1 when it was killed
  bool killed = false; // the signal was sent (at the limit, or when kill_when said so)
  std::string out;
  std::string err;
  // The child's peak resident memory: its VmHWM, sampled every 5 ms while it runs. (wait4's
  // ru_maxrss cannot be used: Linux carries the parent's size at the spawn into it.)
  long max_rss_kb = 0;
  long elapsed_ms = 0;
};

// Runs LYNCPLAN_BINARY with `args` (without the program name); stdout and stderr go through
// files in `scratch`. The child is killed after `limit`, or as soon as `kill_when` (asked every
// 5 ms while it runs) says so: a test that must catch the program in the middle of its work
// waits for the work itself, not for a time that a slower machine would not reach.
// `signal` is what it is sent (SIGINT to test what Ctrl-C does); the limit always sends SIGKILL.
ProgramRun run_program(const std::vector<std::string>& args, std::chrono::milliseconds limit,
                       const std::filesystem::path& scratch,
                       const std::function<bool()>& kill_when = {}, int signal = SIGKILL);

} // namespace lyncplan::testing
