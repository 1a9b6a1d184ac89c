// The end of a scan: counts per verdict, the worst tenants first, and the engine's figures,
// as a table for people or one JSON object for scripts.
#pragma once

#include <lyncplan/scan/engine.hpp>
#include <lyncplan/scan/judge.hpp>
#include <lyncplan/scan/result_line.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lyncplan::scan {

struct WorstTenant {
  std::string tenant;
  int broken_records = 0;
  int weight = 0;                  // the sum of the broken verdicts' weights
  std::vector<std::string> issues; // "_sip._tls wrong-target"
};

class Summary {
public:
  explicit Summary(std::size_t keep_worst = 20) : keep_(keep_worst) {}
  void add(const TenantResult& result);
  void add(const ResultDigest& earlier); // a tenant decided by an earlier run

  std::size_t tenants = 0;
  std::size_t broken = 0;
  std::size_t resumed = 0;           // decided by an earlier run of the same output
  std::size_t duplicates = 0;        // lines naming a tenant met before
  std::size_t wildcard_answered = 0; // right records that only a wildcard answers
  std::array<std::size_t, kAllVerdicts.size()> records{}; // per verdict
  std::vector<WorstTenant> worst;                         // worst first, at most keep_worst

private:
  // Counts one tenant from its records' (name prefix, verdict); the prefix may be unknown.
  void count(const std::string& tenant,
             const std::vector<std::pair<std::string_view, Verdict>>& verdicts);
  void consider(WorstTenant candidate);
  std::size_t keep_;
};

struct RunFigures {
  double seconds = 0;
  std::size_t tenants_this_run = 0;
  EngineStats engine;
  long peak_memory_kb = 0;
};

// When the timeouts cluster on one server that answered other queries (a response rate limit,
// as NSD and BIND keep by default), the advice to scan slower; nothing otherwise.
std::optional<std::string> rate_limit_hint(const RunFigures& figures);

// The counts and the worst tenants; with `figures`, this run's speed and the engine's figures.
std::string summary_table(const Summary& summary);
std::string summary_table(const Summary& summary, const RunFigures& figures);
// One JSON object in the envelope of `command`; with `figures`, "run" and "rate_limit_hint".
std::string summary_json(const Summary& summary, std::string_view command);
std::string summary_json(const Summary& summary, const RunFigures& figures);

} // namespace lyncplan::scan
