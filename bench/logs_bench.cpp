// Benchmark: about 1 GB of synthetic Director and Front End W3C logs read and classified by the
// logs engine, against `wc -l` on the same files. Target (issue 8): within 3 times wc -l, memory
// flat. Usage: lyncplan_bench_logs [MEGABYTES] [DIR]
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

  std::string files;
  for (const auto& f : logs.files) {
    files += " " + f;
  }
  // Warm the page cache so both readers see the same conditions, then time wc -l.
  [[maybe_unused]] int ignored = std::system(("cat" + files + " > /dev/null").c_str());
  start = std::chrono::steady_clock::now();
  ignored = std::system(("wc -l" + files + " > /dev/null").c_str());
  const double wc = seconds_since(start);

  start = std::chrono::steady_clock::now();
  lyncplan::logs::FlowAnalyzer analyzer({{"10.1.1.22", lyncplan::logs::ServerRole::director},
                                         {"10.1.1.21", lyncplan::logs::ServerRole::frontend}},
                                        {});
  for (const auto& path : logs.files) {
    const auto file = lyncplan::logs::describe_file(path, lyncplan::logs::ServerRole::unknown);
    lyncplan::logs::FileSummary summary{file, {}, {}};
    std::string error;
    lyncplan::logs::read_w3c_file(
        path, [&](const lyncplan::logs::Entry& e) { analyzer.add(file, e); }, summary.stats, error);
    analyzer.file_done(std::move(summary));
  }
  const auto report = analyzer.finish();
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
