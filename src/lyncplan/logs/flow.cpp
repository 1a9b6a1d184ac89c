// The sign-in flow of each external client across the Director's and the Front End's web logs.
#include <lyncplan/findings/report.hpp>
#include <lyncplan/logs/flow.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

namespace lyncplan::logs {

const char* to_string(ServerRole r) {
  switch (r) {
  case ServerRole::director:
    return "director";
  case ServerRole::frontend:
    return "frontend";
  case ServerRole::unknown:
    return "unknown";
  }
  return "?";
}

const char* to_string(Site s) {
  switch (s) {
  case Site::internal:
    return "internal";
  case Site::external:
    return "external";
  case Site::unknown:
    return "unknown";
  }
  return "?";
}

LogFile describe_file(const std::string& path, ServerRole given) {
  LogFile f;
  f.path = path;
  f.role = given;
  // IIS writes each site's logs under W3SVC<site id>: 34577 internal, 34578 external (RULES 36).
  if (path.find("W3SVC34578") != std::string::npos) {
    f.site = Site::external;
  } else if (path.find("W3SVC34577") != std::string::npos) {
    f.site = Site::internal;
  }
  return f;
}

namespace {

// Equality that checks the length first (string_view's == compares bytes first).
bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

ClientFlow& FlowAnalyzer::client(std::string_view ip, std::string_view agent) {
  if (last_client_ < clients_.size() && same(clients_[last_client_].client_ip, ip) &&
      same(clients_[last_client_].user_agent, agent)) {
    return clients_[last_client_];
  }
  const std::uint64_t key =
      std::hash<std::string_view>{}(ip)*1099511628211ULL ^ std::hash<std::string_view>{}(agent);
  auto [begin, end] = index_.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    ClientFlow& c = clients_[it->second];
    if (c.client_ip == ip && c.user_agent == agent) {
      last_client_ = it->second;
      return c;
    }
  }
  last_client_ = clients_.size();
  index_.emplace(key, clients_.size());
  ClientFlow& c = clients_.emplace_back();
  c.client_ip = std::string(ip);
  c.user_agent = std::string(agent);
  return c;
}

void FlowAnalyzer::add(const LogFile& file, const Entry& e) {
  ServerRole role = file.role;
  if (role == ServerRole::unknown) {
    if (!same(e.server_ip, last_server_ip_)) {
      last_server_ip_ = std::string(e.server_ip);
      auto it = roles_.find(last_server_ip_);
      last_role_ = it == roles_.end() ? ServerRole::unknown : it->second;
      file_roles_[file.path].insert(last_role_);
    }
    role = last_role_;
  }
  Site site = file.site;
  if (same(e.port, "4443") || same(e.port, "8080")) {
    site = Site::external;
  } else if (same(e.port, "443") || same(e.port, "80")) {
    site = Site::internal;
  }
  saw_director_ = saw_director_ || role == ServerRole::director;
  saw_frontend_ = saw_frontend_ || role == ServerRole::frontend;
  ClientFlow& c = client(e.client_ip, e.user_agent);
  // Classifying costs a path scan: only Director lines and the lines shown need it.
  const bool shown = c.requests.size() < kShown;
  const Classified what = role == ServerRole::director || shown ? classify(e.stem) : Classified{};
  ++c.total;
  if (!e.user.empty() && !same(e.user, "-") && c.users.size() < 10 && !c.users.contains(e.user)) {
    c.users.emplace(e.user);
    c.user_order.emplace_back(e.user);
  }
  if (site == Site::external && !c.seen_external) {
    c.seen_external = true;
    external_sources_.emplace(e.client_ip);
  }
  const bool ok = e.status >= 200 && e.status < 400;
  if (role == ServerRole::director && is_director_sign_in(what.service) && ok) {
    ++c.director_sign_in;
  }
  if (role == ServerRole::frontend && site == Site::external) {
    ++c.frontend_external;
  }
  if (site == Site::internal) {
    ++c.internal_site;
    if (c.internal_examples.size() < 3) {
      c.internal_examples.emplace_back(file.path, e.line);
    }
  }
  if (e.status == 401) {
    if (++c.unauthorized_streak > c.longest_unauthorized_streak) {
      c.longest_unauthorized_streak = c.unauthorized_streak;
      c.longest_streak_line = e.line;
    }
    if (!c.succeeded) {
      c.leading_unauthorized = c.unauthorized_streak;
      c.leading_unauthorized_line = e.line;
    }
  } else if (ok) {
    c.unauthorized_streak = 0;
    c.succeeded = true;
  }
  if (e.status >= 500) {
    ++c.server_errors;
    if (c.server_error_examples.size() < 3) {
      c.server_error_examples.emplace_back(fmt::format("{} {} {}", e.status, e.stem, file.path),
                                           e.line);
    }
  }
  if (shown) {
    c.requests.push_back({fmt::format("{} {}", e.date, e.time), file.path, e.line, role, site,
                          what.service, std::string(what.variant), std::string(e.method),
                          std::string(e.stem), e.status});
  }
}

namespace {

// What two analyzers saw of one client, added up: the users (the first ten, in the order
// given), the counts, and the first three examples of each kind (their lines moved by
// `line_offset`).
void add_up(ClientFlow& c, const ClientFlow& theirs, const std::vector<std::string>& users,
            std::uint64_t line_offset) {
  for (const auto& u : users) {
    if (c.users.size() < 10 && c.users.insert(u).second) {
      c.user_order.push_back(u);
    }
  }
  c.seen_external = c.seen_external || theirs.seen_external;
  c.total += theirs.total;
  c.director_sign_in += theirs.director_sign_in;
  c.frontend_external += theirs.frontend_external;
  c.internal_site += theirs.internal_site;
  c.server_errors += theirs.server_errors;
  for (auto [list, from] : {std::pair{&c.server_error_examples, &theirs.server_error_examples},
                            std::pair{&c.internal_examples, &theirs.internal_examples}}) {
    for (const auto& [text, line] : *from) {
      if (list->size() < 3) {
        list->emplace_back(text, line + line_offset);
      }
    }
  }
}

} // namespace

void FlowAnalyzer::add_sightings(const FlowAnalyzer& other) {
  external_sources_.insert(other.external_sources_.begin(), other.external_sources_.end());
  saw_director_ = saw_director_ || other.saw_director_;
  saw_frontend_ = saw_frontend_ || other.saw_frontend_;
  for (const auto& [path, roles] : other.file_roles_) {
    file_roles_[path].insert(roles.begin(), roles.end());
  }
}

void FlowAnalyzer::merge(FlowAnalyzer&& other) {
  for (auto& theirs : other.clients_) {
    ClientFlow& c = client(theirs.client_ip, theirs.user_agent);
    add_up(c, theirs, {theirs.users.begin(), theirs.users.end()}, 0);
    if (theirs.longest_unauthorized_streak > c.longest_unauthorized_streak) {
      c.longest_unauthorized_streak = theirs.longest_unauthorized_streak;
      c.longest_streak_line = theirs.longest_streak_line;
    }
    for (auto& r : theirs.requests) {
      c.requests.push_back(std::move(r));
    }
  }
  add_sightings(other);
  for (auto& f : other.files_) {
    files_.push_back(std::move(f));
  }
}

void FlowAnalyzer::continue_with(FlowAnalyzer&& next, std::uint64_t line_offset) {
  for (auto& theirs : next.clients_) {
    ClientFlow& c = client(theirs.client_ip, theirs.user_agent);
    add_up(c, theirs, theirs.user_order, line_offset);
    // The 401s this part began with continue the streak the parts before ended with.
    if (theirs.leading_unauthorized > 0 &&
        c.unauthorized_streak + theirs.leading_unauthorized > c.longest_unauthorized_streak) {
      c.longest_unauthorized_streak = c.unauthorized_streak + theirs.leading_unauthorized;
      c.longest_streak_line = theirs.leading_unauthorized_line + line_offset;
    }
    if (theirs.longest_unauthorized_streak > c.longest_unauthorized_streak) {
      c.longest_unauthorized_streak = theirs.longest_unauthorized_streak;
      c.longest_streak_line = theirs.longest_streak_line + line_offset;
    }
    if (!c.succeeded) {
      c.leading_unauthorized += theirs.leading_unauthorized;
      if (theirs.leading_unauthorized > 0) {
        c.leading_unauthorized_line = theirs.leading_unauthorized_line + line_offset;
      }
    }
    c.unauthorized_streak = theirs.succeeded ? theirs.unauthorized_streak
                                             : c.unauthorized_streak + theirs.unauthorized_streak;
    c.succeeded = c.succeeded || theirs.succeeded;
    for (auto& r : theirs.requests) {
      if (c.requests.size() < kShown) {
        r.line += line_offset;
        c.requests.push_back(std::move(r));
      }
    }
  }
  add_sightings(next);
}

namespace {

std::string examples_text(const std::vector<std::pair<std::string, std::uint64_t>>& examples) {
  std::string out;
  for (const auto& [text, line] : examples) {
    out += fmt::format("{}{} line {}", out.empty() ? "" : "; ", text, line);
  }
  return out;
}

} // namespace

FlowReport FlowAnalyzer::finish() {
  FlowReport report;
  report.files = std::move(files_);
  for (auto& f : report.files) {
    const auto& seen = file_roles_[f.file.path];
    if (f.file.role == ServerRole::unknown && seen.size() == 1) {
      f.file.role = *seen.begin(); // every line of the file came from one role's addresses
    }
    // A log known to be a server's counts as that server seen, requests or not: an empty Front
    // End log beside a Director's sign-ins is the symptom itself.
    saw_director_ = saw_director_ || f.file.role == ServerRole::director;
    saw_frontend_ = saw_frontend_ || f.file.role == ServerRole::frontend;
    const bool no_known_address = std::all_of(
        seen.begin(), seen.end(), [](ServerRole r) { return r == ServerRole::unknown; });
    if (f.file.role == ServerRole::unknown && no_known_address) {
      report.findings.push_back(
          {plan::Severity::warning, "logs.role-unknown", f.file.path,
           fmt::format("which server wrote this log cannot be known ({} requests, none from an "
                       "address of the topology); its requests are not judged as the Director's "
                       "or the Front End's: name it with --as {}=director or --as {}=frontend, "
                       "or give --topology",
                       f.stats.entries, f.file.path, f.file.path)});
    }
  }
  for (auto& c : clients_) {
    std::stable_sort(c.requests.begin(), c.requests.end(),
                     [](const FlowRequest& a, const FlowRequest& b) { return a.when < b.when; });
    if (c.requests.size() > kShown) {
      c.requests.resize(kShown);
    }
    const std::string who = fmt::format("{} {}", c.client_ip, c.user_agent);
    auto add = [&](plan::Severity s, plan::RuleId rule, std::string message) {
      report.findings.push_back({s, rule, who, std::move(message)});
    };
    if (saw_director_ && c.frontend_external > 0 && c.director_sign_in == 0) {
      add(plan::Severity::error, "logs.director-not-reached",
          fmt::format("{} requests reach the Front End's external site, but CertProv and "
                      "WebTicket never reach the Director: the reverse proxy does not publish "
                      "the Director's external web services",
                      c.frontend_external));
    }
    if (saw_frontend_ && c.director_sign_in > 0 && c.frontend_external == 0) {
      add(plan::Severity::error, "logs.front-end-not-reached",
          fmt::format("the client signs in through the Director ({} CertProv/WebTicket "
                      "requests) but never reaches the Front End's external site: its external "
                      "web services are not published, so group expansion, the address book and "
                      "RgsClients fail",
                      c.director_sign_in));
    }
    const bool from_proxy =
        proxies_.count(c.client_ip) != 0 || external_sources_.count(c.client_ip) != 0;
    if (from_proxy && c.internal_site > 0) {
      add(plan::Severity::error, "logs.proxy-to-internal-site",
          fmt::format("{} requests from the reverse proxy {} arrive on an internal web site (443 "
                      "or 80, IIS site 34577) instead of the external one (4443/8080, site "
                      "34578): the proxy forwards to the wrong port ({})",
                      c.internal_site, c.client_ip, examples_text(c.internal_examples)));
    }
    if (c.longest_unauthorized_streak >= kLoop) {
      add(plan::Severity::error, "logs.auth-loop",
          fmt::format("{} 401 answers in a row without success (up to line {}): an "
                      "authentication loop",
                      c.longest_unauthorized_streak, c.longest_streak_line));
    }
    if (c.server_errors > 0) {
      add(plan::Severity::error, "logs.server-error",
          fmt::format("{} server errors: {}", c.server_errors,
                      examples_text(c.server_error_examples)));
    }
  }
  std::stable_sort(
      report.findings.begin(), report.findings.end(), [](const LogFinding& a, const LogFinding& b) {
        return std::tie(a.severity, a.rule, a.subject) < std::tie(b.severity, b.rule, b.subject);
      });
  report.clients = std::move(clients_);
  return report;
}

std::string flow_table(const FlowReport& report) {
  std::uint64_t entries = 0, malformed = 0;
  for (const auto& f : report.files) {
    entries += f.stats.entries;
    malformed += f.stats.malformed;
  }
  std::string out = fmt::format("lyncplan logs: {} files, {} requests ({} malformed lines), {} "
                                "clients, {} findings\n\n",
                                report.files.size(), entries, malformed, report.clients.size(),
                                report.findings.size());
  for (const auto& f : report.files) {
    out += fmt::format("  {}  role {}  site {}  {} requests  {} malformed\n", f.file.path,
                       to_string(f.file.role), to_string(f.file.site), f.stats.entries,
                       f.stats.malformed);
    for (const auto& [line, why] : f.stats.malformed_examples) {
      out += fmt::format("    malformed line {}: {}\n", line, why);
    }
  }
  for (const auto& c : report.clients) {
    out += fmt::format(
        "\nclient {} \"{}\"{}: {} requests\n", c.client_ip, c.user_agent,
        c.users.empty()
            ? ""
            : " users " + join(std::vector<std::string>(c.users.begin(), c.users.end()), ", "),
        c.total);
    for (const auto& r : c.requests) {
      out += fmt::format("  {}  {:<8} {:<8} {:<4} {} {}  {}{}\n", r.when, to_string(r.role),
                         to_string(r.site), r.method, r.path, r.status, to_string(r.service),
                         r.variant.empty() ? "" : " " + r.variant);
    }
    if (c.total > c.requests.size()) {
      out += fmt::format("  ... {} more\n", c.total - c.requests.size());
    }
  }
  out += "\nFindings\n" + findings::findings_text(report.findings, false);
  return out;
}

} // namespace lyncplan::logs

namespace lyncplan::logs {

bool analyze_files(const std::vector<LogFile>& files,
                   const std::map<std::string, ServerRole>& roles,
                   const std::set<std::string>& proxies, FlowReport& report, std::string& error,
                   std::size_t parts) {
  constexpr std::uint64_t kSplitFrom = 64ULL << 20;
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  // One job per part of each file; a file of one part is read whole (plain or gzip). A part
  // after the first assumes the file's first #Fields value at its start.
  struct Job {
    std::size_t file = 0;
    FilePart range;
    bool whole = true;
    std::string assumed;
  };
  struct Result {
    std::unique_ptr<FlowAnalyzer> analyzer;
    ReadStats stats;
    PartFields fields;
    std::string error;
  };
  std::vector<Job> jobs;
  std::vector<std::size_t> first_job(files.size() + 1);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(files[i].path, ec);
    const std::size_t want = parts != 0 ? parts : !ec && size >= kSplitFrom ? cores : 1;
    std::vector<FilePart> ranges = split_w3c_file(files[i].path, want, error);
    if (ranges.empty()) {
      return false;
    }
    const std::string head = ranges.size() > 1 ? head_fields(files[i].path) : "";
    first_job[i] = jobs.size();
    for (std::size_t k = 0; k < ranges.size(); ++k) {
      jobs.push_back({i, ranges[k], ranges.size() == 1, k == 0 ? "" : head});
    }
  }
  first_job[files.size()] = jobs.size();
  std::vector<Result> results(jobs.size());
  auto read_job = [&](std::size_t j) {
    const Job& job = jobs[j];
    const LogFile& file = files[job.file];
    Result& r = results[j];
    r = Result{};
    r.analyzer = std::make_unique<FlowAnalyzer>(roles, proxies);
    const auto add = [&](const Entry& e) { r.analyzer->add(file, e); };
    if (!(job.whole ? read_w3c_file(file.path, add, r.stats, r.error)
                    : read_w3c_part(file.path, job.range, job.assumed, add, r.stats, r.fields,
                                    r.error))) {
      r.analyzer.reset();
    }
  };
  auto run_jobs = [&](const std::vector<std::size_t>& which) {
    std::atomic<std::size_t> next{0};
    auto work = [&]() {
      for (std::size_t n = next++; n < which.size(); n = next++) {
        read_job(which[n]);
      }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < std::min(which.size(), cores); ++t) {
      pool.emplace_back(work);
    }
    work();
    for (auto& t : pool) {
      t.join();
    }
  };
  std::vector<std::size_t> all(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    all[j] = j;
  }
  run_jobs(all);
  for (const Result& r : results) {
    if (!r.analyzer) {
      error = r.error;
      return false;
    }
  }
  // Where a #Fields line before a part said otherwise than it assumed (a field order changed
  // mid-file), that part is read again with the value in effect at its start.
  std::vector<std::size_t> again;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string fields;
    for (std::size_t j = first_job[i]; j < first_job[i + 1]; ++j) {
      if (j > first_job[i] && fields != jobs[j].assumed) {
        jobs[j].assumed = fields;
        again.push_back(j);
      }
      if (results[j].fields.seen) {
        fields = results[j].fields.last;
      }
    }
  }
  run_jobs(again);
  FlowAnalyzer merged(roles, proxies);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::size_t begin = first_job[i];
    for (std::size_t j = begin; j < first_job[i + 1]; ++j) {
      if (!results[j].analyzer) {
        error = results[j].error;
        return false;
      }
    }
    FlowAnalyzer& file = *results[begin].analyzer;
    FileSummary summary{files[i], std::move(results[begin].stats), {}};
    std::uint64_t offset = summary.stats.lines;
    for (std::size_t j = begin + 1; j < first_job[i + 1]; ++j) {
      const ReadStats& part = results[j].stats;
      file.continue_with(std::move(*results[j].analyzer), offset);
      summary.stats.lines += part.lines;
      summary.stats.entries += part.entries;
      summary.stats.malformed += part.malformed;
      for (const auto& [line, why] : part.malformed_examples) {
        if (summary.stats.malformed_examples.size() < 10) {
          summary.stats.malformed_examples.emplace_back(line + offset, why);
        }
      }
      offset += part.lines;
    }
    file.file_done(std::move(summary));
    merged.merge(std::move(file));
  }
  report = merged.finish();
  return true;
}

} // namespace lyncplan::logs
