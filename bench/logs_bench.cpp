// Benchmark: about 1 GB of synthetic Director and Front End W3C logs read and classified by the
// logs engine, against `wc -l` on the same cached files, side by side: first the two logs in one
// file (the engine reads its parts at once, one per core), then the two files (read at once).
// Target: within 3 times wc -l, memory flat. Usage: lyncplan_bench_logs [MEGABYTES] [DIR]
#include "support/loggen.hpp"

#include <lyncplan/logs/flow.hpp>

#include <fmt/format.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
  const std::uint64_t megabytes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1024;
  const std::string dir = argc > 2 ? argv[2] : "/tmp/lyncplan-logs-bench";
  std::filesystem::create_directories(dir);
  auto start = std::chrono::steady_clock::now();
  const auto logs = lyncplan::testing::generate_logs(dir, megabytes << 20);
  fmt::print("generated {:.0f} MB, {} lines in {:.1f} s\n", static_cast<double>(logs.bytes) / 1e6,
             logs.lines, seconds_since(start));

  // The same lines as one file: the Director's log, then the Front End's.
  const std::string single = dir + "/both-W3SVC34578.log";
  [[maybe_unused]] int ignored =
      std::system(("cat " + logs.files[0] + " " + logs.files[1] + " > " + single).c_str());
  const std::map<std::string, lyncplan::logs::ServerRole> roles = {
      {"10.1.1.22", lyncplan::logs::ServerRole::director},
      {"10.1.1.21", lyncplan::logs::ServerRole::frontend}};
  bool within = true;
  for (const auto& paths : {std::vector<std::string>{single}, logs.files}) {
    std::string file_list;
    for (const auto& f : paths) {
      file_list += " " + f;
    }
    // Warm the page cache so both readers see the same conditions, then time wc -l.
    ignored = std::system(("cat" + file_list + " > /dev/null").c_str());
    start = std::chrono::steady_clock::now();
    ignored = std::system(("wc -l" + file_list + " > /dev/null").c_str());
    const double wc = seconds_since(start);

    start = std::chrono::steady_clock::now();
    std::vector<lyncplan::logs::LogFile> files;
    for (const auto& path : paths) {
      files.push_back(lyncplan::logs::describe_file(path, lyncplan::logs::ServerRole::unknown));
    }
    lyncplan::logs::FlowReport report;
    std::string error;
    lyncplan::logs::analyze_files(files, roles, {}, report, error);
    const double ours = seconds_since(start);
    fmt::print("{}:\n", paths.size() == 1 ? "one file" : "two files");
    fmt::print("  wc -l        {:6.2f} s\n", wc);
    fmt::print("  lyncplan     {:6.2f} s   ({:.0f} MB/s, {} clients, {} findings)\n", ours,
               static_cast<double>(logs.bytes) / 1e6 / ours, report.clients.size(),
               report.findings.size());
    fmt::print("  ratio        {:6.2f} x wc -l   (target <= 3)\n", ours / wc);
    within = within && ours <= 3 * wc;
  }
  std::filesystem::remove(single);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("peak memory    {:6} MB\n", usage.ru_maxrss / 1024);
  return within ? 0 : 1;
}
