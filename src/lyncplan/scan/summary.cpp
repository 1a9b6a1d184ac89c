// Scan summaries: verdict counts in the catalogue's order and a bounded list of the worst.
#include <lyncplan/scan/summary.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace lyncplan::scan {
namespace {

bool worse(const WorstTenant& a, const WorstTenant& b) {
  if (a.weight != b.weight) {
    return a.weight > b.weight;
  }
  return a.tenant < b.tenant;
}

std::string_view meaning(Verdict v) {
  switch (v) {
  case Verdict::ok:
    return "as the hosting section expects";
  case Verdict::outside_namespace:
    return "as expected: points at the provider, outside the tenant's domain (normal for hosting)";
  case Verdict::optional_absent:
    return "optional record not published";
  case Verdict::zone_absent:
    return "the tenant's domain does not exist in DNS";
  case Verdict::wrong_target:
    return "points somewhere else than the provider";
  case Verdict::missing:
    return "the domain exists, the record does not";
  case Verdict::wildcard:
    return "only a wildcard answers, not with the expected record";
  case Verdict::wrong_port:
    return "the provider's name on the wrong port";
  case Verdict::servfail:
    return "the resolver failed (lame delegation, DNSSEC, broken zone)";
  case Verdict::refused:
    return "the resolver refused the name";
  case Verdict::timeout:
    return "no answer after every retry";
  }
  return "";
}

double per_second(std::uint64_t n, double seconds) {
  return seconds > 0 ? static_cast<double>(n) / seconds : 0;
}

} // namespace

void Summary::consider(WorstTenant candidate) {
  if (keep_ == 0 || (worst.size() == keep_ && !worse(candidate, worst.back()))) {
    return;
  }
  worst.insert(std::upper_bound(worst.begin(), worst.end(), candidate, worse),
               std::move(candidate));
  if (worst.size() > keep_) {
    worst.pop_back();
  }
}

void Summary::add(const TenantResult& result) {
  std::vector<std::pair<std::string_view, Verdict>> verdicts;
  for (const RecordResult& r : result.records) {
    verdicts.emplace_back(r.expected->prefix, r.verdict);
    wildcard_answered += r.note.empty() ? 0 : 1;
  }
  count(result.tenant, verdicts);
}

void Summary::add(const ResultDigest& earlier) {
  ++resumed;
  wildcard_answered += static_cast<std::size_t>(earlier.notes);
  std::vector<std::pair<std::string_view, Verdict>> verdicts;
  for (std::size_t i = 0; i < earlier.verdicts.size(); ++i) {
    verdicts.emplace_back(i < earlier.owners.size() ? std::string_view(earlier.owners[i])
                                                    : std::string_view(),
                          earlier.verdicts[i]);
  }
  count(earlier.tenant, verdicts);
}

void Summary::count(const std::string& tenant,
                    const std::vector<std::pair<std::string_view, Verdict>>& verdicts) {
  ++tenants;
  WorstTenant w;
  w.tenant = tenant;
  for (const auto& [prefix, verdict] : verdicts) {
    ++records[static_cast<std::size_t>(verdict)];
    if (is_broken(verdict)) {
      ++w.broken_records;
      w.weight += weight(verdict);
      w.issues.push_back(issue_text(prefix, verdict));
    }
  }
  if (w.broken_records > 0) {
    ++broken;
    consider(std::move(w));
  }
}

std::optional<std::string> rate_limit_hint(const RunFigures& f) {
  const ServerFigures* worst = nullptr;
  for (const ServerFigures& server : f.engine.servers) {
    if (worst == nullptr || server.timeouts > worst->timeouts) {
      worst = &server;
    }
  }
  constexpr std::uint64_t kFewTimeouts = 10;
  if (worst == nullptr || worst->timeouts < kFewTimeouts || worst->answered == 0 ||
      worst->timeouts * 5 < f.engine.timeouts * 4) {
    return std::nullopt; // few timeouts, a dead server, or timeouts spread over every server
  }
  const double rate = per_second(f.engine.sent, f.seconds);
  const long suggested = std::max(50L, std::lround(rate / 2 / 10) * 10);
  return fmt::format(
      "{} of the {} timeouts came from {}, which answered {} other queries: a server that answers "
      "some queries and drops others is usually limiting its response rate (NSD and BIND do by "
      "default), so these tenants are not known to be broken. Run again with --qps {} (about "
      "half of this run's {:.0f} queries/s) and --resume, or exempt this host from the server's "
      "rate limit",
      worst->timeouts, f.engine.timeouts, worst->server, worst->answered, suggested, rate);
}

std::string summary_table(const Summary& s) {
  std::string out = fmt::format("scan: {} tenants, {} broken", s.tenants, s.broken);
  if (s.resumed > 0) {
    out += fmt::format(" ({} decided by the earlier run resumed)", s.resumed);
  }
  if (s.duplicates > 0) {
    out += fmt::format("; {} duplicate lines skipped", s.duplicates);
  }
  out += "\n\n";
  out += fmt::format("  {:<18} {:>9}  {}\n", "verdict", "records", "meaning");
  for (Verdict v : kAllVerdicts) {
    const std::size_t n = s.records[static_cast<std::size_t>(v)];
    if (n > 0) {
      out += fmt::format("  {:<18} {:>9}  {}\n", to_string(v), n, meaning(v));
    }
  }
  if (s.wildcard_answered > 0) {
    out += fmt::format("\n  {} of the right records are answered only by a wildcard (their "
                       "\"note\" says which): publish them as records of their own\n",
                       s.wildcard_answered);
  }
  if (!s.worst.empty()) {
    out += "\nworst tenants first:\n";
    for (const WorstTenant& w : s.worst) {
      std::string issues;
      for (const std::string& i : w.issues) {
        issues += issues.empty() ? i : ", " + i;
      }
      out += fmt::format("  {:<40} {}\n", w.tenant, issues);
    }
  }
  return out;
}

std::string summary_table(const Summary& s, const RunFigures& f) {
  std::string out = summary_table(s);
  out +=
      fmt::format("\n{} tenants in {:.2f} s: {:.0f} tenants/s, {} queries ({:.0f}/s), {} retries, "
                  "{} timeouts, {} over TCP, {} stray answers ignored; peak memory {} MB\n",
                  f.tenants_this_run, f.seconds, per_second(f.tenants_this_run, f.seconds),
                  f.engine.sent, per_second(f.engine.sent, f.seconds), f.engine.retries,
                  f.engine.timeouts, f.engine.tcp, f.engine.ignored, f.peak_memory_kb / 1024);
  if (auto hint = rate_limit_hint(f)) {
    out += "\nhint: " + *hint + "\n";
  }
  return out;
}

namespace {

nlohmann::ordered_json summary_object(const Summary& s, std::string_view command) {
  nlohmann::ordered_json j;
  j["lyncplan"] = util::version();
  j["command"] = command;
  j["tenants"] = s.tenants;
  j["broken"] = s.broken;
  j["resumed"] = s.resumed;
  j["duplicates"] = s.duplicates;
  nlohmann::ordered_json verdicts = nlohmann::ordered_json::object();
  for (Verdict v : kAllVerdicts) {
    verdicts[std::string(to_string(v))] = s.records[static_cast<std::size_t>(v)];
  }
  j["records"] = verdicts;
  nlohmann::ordered_json worst = nlohmann::ordered_json::array();
  for (const WorstTenant& w : s.worst) {
    worst.push_back({{"tenant", w.tenant}, {"issues", w.issues}});
  }
  j["worst"] = worst;
  j["wildcard_answered"] = s.wildcard_answered;
  return j;
}

} // namespace

std::string summary_json(const Summary& s, std::string_view command) {
  return summary_object(s, command).dump(2) + "\n";
}

std::string summary_json(const Summary& s, const RunFigures& f) {
  nlohmann::ordered_json j = summary_object(s, "scan");
  j["run"] = {{"tenants", f.tenants_this_run},
              {"seconds", f.seconds},
              {"tenants_per_second", per_second(f.tenants_this_run, f.seconds)},
              {"queries", f.engine.sent},
              {"queries_per_second", per_second(f.engine.sent, f.seconds)},
              {"answered", f.engine.answered},
              {"retries", f.engine.retries},
              {"timeouts", f.engine.timeouts},
              {"tcp", f.engine.tcp},
              {"ignored", f.engine.ignored},
              {"peak_memory_kb", f.peak_memory_kb}};
  const auto hint = rate_limit_hint(f);
  j["rate_limit_hint"] = hint ? nlohmann::ordered_json(*hint) : nlohmann::ordered_json();
  return j.dump(2) + "\n";
}

} // namespace lyncplan::scan
