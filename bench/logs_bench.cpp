// Benchmark: about 1 GB of synthetic Director and Front End W3C logs read and classified by the
// logs engine, against `wc -l` on the same files. Target (issue 8): within 3 times wc -l, memory
// flat. The engine reads the two files at once, one per core; wc -l reads them one after the
// other. Usage: lyncplan_bench_logs [MEGABYTES] [DIR]
#include "support/loggen.hpp"

#include <lyncplan/logs/flow.hpp>

#include <fmt/format.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

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

  std::string file_list;
  for (const auto& f : logs.files) {
    file_list += " " + f;
  }
  // Warm the page cache so both readers see the same conditions, then time wc -l.
  [[maybe_unused]] int ignored = std::system(("cat" + file_list + " > /dev/null").c_str());
  start = std::chrono::steady_clock::now();
  ignored = std::system(("wc -l" + file_list + " > /dev/null").c_str());
  const double wc = seconds_since(start);

  start = std::chrono::steady_clock::now();
  std::vector<lyncplan::logs::LogFile> files;
  for (const auto& path : logs.files) {
    files.push_back(lyncplan::logs::describe_file(path, lyncplan::logs::ServerRole::unknown));
  }
  lyncplan::logs::FlowReport report;
  std::string error;
  lyncplan::logs::analyze_files(files,
                                {{"10.1.1.22", lyncplan::logs::ServerRole::director},
                                 {"10.1.1.21", lyncplan::logs::ServerRole::frontend}},
                                {}, report, error);
  const double ours = seconds_since(start);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("wc -l        {:6.2f} s\n", wc);
  fmt::print("lyncplan     {:6.2f} s   ({:.0f} MB/s, {} clients, {} findings)\n", ours,
             static_cast<double>(logs.bytes) / 1e6 / ours, report.clients.size(),
             report.findings.size());
  fmt::print("ratio        {:6.2f} x wc -l   (target <= 3)\n", ours / wc);
  fmt::print("peak memory  {:6} MB\n", usage.ru_maxrss / 1024);
  return ours <= 3 * wc ? 0 : 1;
}
