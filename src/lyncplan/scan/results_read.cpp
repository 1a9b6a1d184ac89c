// Results files read back whole lines at a time, and two runs compared tenant by tenant.
#include <lyncplan/scan/results_read.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>

namespace lyncplan::scan {
namespace {

constexpr std::size_t kProblemsShown = 20;

// The digests by tenant, the last line of a tenant winning (a resumed scan never writes a
// tenant twice, but a file concatenated by hand may).
std::unordered_map<std::string, std::vector<std::string>>
by_tenant(std::vector<TenantState>&& states) {
  std::unordered_map<std::string, std::vector<std::string>> out;
  out.reserve(states.size());
  for (TenantState& s : states) {
    out.insert_or_assign(std::move(s.tenant), std::move(s.issues));
  }
  states.clear();
  states.shrink_to_fit();
  return out;
}

void sort_by_tenant(std::vector<TenantChange>& changes) {
  std::sort(changes.begin(), changes.end(),
            [](const TenantChange& a, const TenantChange& b) { return a.tenant < b.tenant; });
}

} // namespace

Expected<ReadFigures, std::vector<util::Diagnostic>>
read_results_file(const std::string& path, const std::function<void(ResultDigest&&)>& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return unexpected(std::vector<util::Diagnostic>{
        {path, {}, "cannot be read; expected the JSON lines file of lyncplan scan -o"}});
  }
  ReadFigures figures;
  std::vector<util::Diagnostic> problems;
  std::size_t more = 0;
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (in.eof()) { // no newline after it: what an interrupted scan leaves
      figures.cut_line = number;
      figures.cut_bytes = line.size();
      break;
    }
    if (line.empty()) {
      continue;
    }
    auto digest = read_result_line(line);
    if (!digest) {
      if (problems.size() < kProblemsShown) {
        problems.push_back({path, {static_cast<int>(number), 1}, digest.error()});
      } else {
        ++more;
      }
      continue;
    }
    ++figures.lines;
    if (problems.empty()) {
      each(std::move(*digest));
    }
  }
  if (more > 0) {
    problems.push_back({path, {}, fmt::format("and {} more lines like these", more)});
  }
  if (!problems.empty()) {
    return unexpected(std::move(problems));
  }
  return figures;
}

std::vector<std::string> issues_of(const ResultDigest& digest) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < digest.verdicts.size(); ++i) {
    if (!is_broken(digest.verdicts[i])) {
      continue;
    }
    out.push_back(issue_text(i < digest.owners.size() ? digest.owners[i] : "", digest.verdicts[i]));
  }
  return out;
}

TenantState state_of(const ResultDigest& digest) {
  return {digest.tenant, issues_of(digest)};
}

RunComparison compare_runs(std::vector<TenantState> older, std::vector<TenantState> newer) {
  const auto before = by_tenant(std::move(older));
  const auto after = by_tenant(std::move(newer));
  RunComparison out;
  for (const auto& [tenant, now] : after) {
    const auto was = before.find(tenant);
    TenantChange change{tenant, {}, now};
    if (was == before.end()) {
      out.added.push_back(std::move(change));
      continue;
    }
    change.before = was->second;
    if (change.before.empty() && change.after.empty()) {
      ++out.still_right;
    } else if (change.before.empty()) {
      out.broke.push_back(std::move(change));
    } else if (change.after.empty()) {
      out.fixed.push_back(std::move(change));
    } else if (change.before == change.after) {
      ++out.still_broken;
    } else {
      out.changed.push_back(std::move(change));
    }
  }
  for (const auto& [tenant, was] : before) {
    if (after.find(tenant) == after.end()) {
      out.dropped.push_back({tenant, was, {}});
    }
  }
  for (auto* list : {&out.broke, &out.fixed, &out.changed, &out.added, &out.dropped}) {
    sort_by_tenant(*list);
  }
  return out;
}

} // namespace lyncplan::scan
