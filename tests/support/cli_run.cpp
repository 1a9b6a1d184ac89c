// Runs the lyncplan command line in-process for tests and captures what it prints.
#include "support/cli_run.hpp"

#include "app.hpp"

#include <csignal>
#include <sstream>

namespace lyncplan::testing {
namespace {

// What main() does once for the program, done once for the test process that runs it in-process.
[[maybe_unused]] const bool kSigpipeIgnored = [] {
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

} // namespace

CliRun run_cli(std::vector<std::string> args, bool err_is_terminal) {
  args.insert(args.begin(), "lyncplan");
  std::vector<const char*> argv;
  for (const auto& a : args) {
    argv.push_back(a.c_str());
  }
  std::ostringstream out, err;
  const int rc =
      cli::run_app(static_cast<int>(argv.size()), argv.data(), {out, err, false, err_is_terminal});
  return {rc, out.str(), err.str()};
}

std::string source_path(const std::string& relative) {
  return std::string(LYNCPLAN_SOURCE_DIR) + "/" + relative;
}

} // namespace lyncplan::testing
