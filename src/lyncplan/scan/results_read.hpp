// Working with a scan's results file without asking DNS again: reading it back line by line,
// and comparing two runs tenant by tenant (what broke, what was fixed).
#pragma once

#include <lyncplan/scan/result_line.hpp>
#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::scan {

struct ReadFigures {
  std::size_t lines = 0;     // whole lines read
  std::size_t cut_line = 0;  // the line number of a partial last line left unread; 0 if none
  std::size_t cut_bytes = 0; // its length
};

// Gives every whole line of `path` to `each` as a digest, in file order. A last line without
// its newline (a scan interrupted mid-write) is not read: its number is in the figures. Every
// line that is not a scan result is a problem (the first 20, then a count), and then nothing
// is returned but the problems.
Expected<ReadFigures, std::vector<util::Diagnostic>>
read_results_file(const std::string& path, const std::function<void(ResultDigest&&)>& each);

// The broken records of a tenant as the summary names them ("_sip._tls wrong-target").
std::vector<std::string> issues_of(const ResultDigest& digest);

// One tenant in both runs, in only one, or changed.
struct TenantChange {
  std::string tenant;
  std::vector<std::string> before; // the issues in the older run
  std::vector<std::string> after;  // the issues in the newer run
};

struct RunComparison {
  std::vector<TenantChange> broke;   // right before, broken now
  std::vector<TenantChange> fixed;   // broken before, right now
  std::vector<TenantChange> changed; // broken in both, in other ways
  std::vector<TenantChange> added;   // only in the newer run
  std::vector<TenantChange> dropped; // only in the older run
  std::size_t still_broken = 0;      // broken the same way in both
  std::size_t still_right = 0;
};

// What a comparison keeps of a tenant: its name and broken records only (a right tenant is its
// name alone), so that two runs of a million tenants fit in memory.
struct TenantState {
  std::string tenant;
  std::vector<std::string> issues;
};
TenantState state_of(const ResultDigest& digest);

// Compares two runs (the last line wins for a tenant written twice); every list is sorted by
// tenant.
RunComparison compare_runs(std::vector<TenantState> older, std::vector<TenantState> newer);

} // namespace lyncplan::scan
