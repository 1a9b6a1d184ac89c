// A scan: tenants read from the list (streamed), each one's queries handed to the engine, each
// tenant judged and written as one JSON line the moment its last answer arrives.
#pragma once

#include <lyncplan/scan/engine.hpp>
#include <lyncplan/scan/expectations.hpp>
#include <lyncplan/scan/results_file.hpp>
#include <lyncplan/scan/seen_set.hpp>
#include <lyncplan/scan/summary.hpp>
#include <lyncplan/scan/tenant_list.hpp>

#include <functional>
#include <string>

namespace lyncplan::scan {

struct Progress {
  std::size_t done = 0;  // tenants decided or skipped, of `total`
  std::size_t total = 0; // tenant lines in the shard
  std::size_t broken = 0;
  double seconds = 0;
  double rate = 0; // tenants decided per second in this run
};

struct ScanJob {
  const Expectations& expectations;
  EngineOptions engine;
  Shard shard;
  std::string wildcard_label;
  TenantList& list;
  std::size_t total = 0; // from TenantList::validate
  const SeenSet& done;   // tenants the output already holds (resume)
  LineSink& sink;
  Summary& summary;
  std::function<void(const Progress&)> progress; // empty: no progress shown
};

// Runs the scan to the end of the list; an error when the output cannot be written or the
// sockets cannot be set up. Returns the engine's figures.
Expected<EngineStats, std::string> run_scan(ScanJob& job);

} // namespace lyncplan::scan
