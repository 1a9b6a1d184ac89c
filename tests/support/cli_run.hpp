// Runs the lyncplan command line in-process for tests and captures what it prints.
#pragma once

#include <string>
#include <vector>

namespace lyncplan::testing {

struct CliRun {
  int rc = 0;
  std::string out;
  std::string err;
};

// `args` without the program name, e.g. {"plan", "topology.yaml", "--format", "json"}.
// `err_is_terminal`: stderr is taken for a terminal (progress lines are drawn).
CliRun run_cli(std::vector<std::string> args, bool err_is_terminal = false);

// A path below the source tree: source_path("examples/reference-lync2013.yaml").
std::string source_path(const std::string& relative);

} // namespace lyncplan::testing
