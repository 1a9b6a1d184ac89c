// Runs the lyncplan program as a child with posix_spawn and samples its peak memory in /proc.
#include "support/program_run.hpp"

#include "support/files.hpp"

#include <lyncplan/util/peak_memory.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <thread>

extern char** environ;

namespace lyncplan::testing {

ProgramRun run_program(const std::vector<std::string>& args, std::chrono::milliseconds limit,
                       const std::filesystem::path& scratch, const std::function<bool()>& kill_when,
                       int signal) {
  using Clock = std::chrono::steady_clock;
  ProgramRun run;
  std::filesystem::create_directories(scratch);
  const std::string out_file = (scratch / "program.out").string();
  const std::string err_file = (scratch / "program.err").string();
  std::string program = LYNCPLAN_BINARY;
  std::vector<std::string> copy = args;
  std::vector<char*> argv = {program.data()};
  for (auto& a : copy) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  const auto start = Clock::now();
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    run.err = "cannot run " + program;
    return run;
  }
  int status = 0;
  for (;;) {
    run.max_rss_kb = std::max(run.max_rss_kb, peak_memory_kb(std::to_string(pid)));
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      break;
    }
    if (Clock::now() - start > limit) {
      ::kill(pid, SIGKILL);
      run.killed = true;
    } else if (!run.killed && kill_when && kill_when()) {
      ::kill(pid, signal);
      run.killed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  run.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(out_file);
  run.err = read_file(err_file);
  return run;
}

} // namespace lyncplan::testing
