// Runs the lyncplan command line in-process for tests and captures what it prints.
#include "support/cli_run.hpp"

#include "app.hpp"

#include <sstream>

namespace lyncplan::testing {

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "lyncplan");
  std::vector<const char*> argv;
  for (const auto& a : args) {
    argv.push_back(a.c_str());
  }
  std::ostringstream out, err;
  const int rc = cli::run_app(static_cast<int>(argv.size()), argv.data(), {out, err, false});
  return {rc, out.str(), err.str()};
}

std::string source_path(const std::string& relative) {
  return std::string(LYNCPLAN_SOURCE_DIR) + "/" + relative;
}

} // namespace lyncplan::testing
