// `lyncplan results summary|list|compare`: a scan's results file summarised, its tenants listed
// by verdict, and two runs compared, without asking DNS again.
#include "commands.hpp"

#include <lyncplan/scan/results_read.hpp>
#include <lyncplan/scan/seen_set.hpp>
#include <lyncplan/scan/summary.hpp>
#include <lyncplan/scan/tenant_list.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace lyncplan::cli {
namespace {

struct ResultsOptions {
  std::string file;
  std::string newer; // compare: the later run
  std::vector<std::string> verdicts = {"broken"};
  std::string record; // list: only this record's verdicts count ("_sip._tls")
  std::string format = "table";
};

// Reads a results file, printing its problems; false when there were any.
bool read_file(const std::string& path, Console console,
               const std::function<void(scan::ResultDigest&&)>& each) {
  auto figures = scan::read_results_file(path, each);
  if (!figures) {
    for (const util::Diagnostic& d : figures.error()) {
      console.err << util::format(d) << "\n";
    }
    console.err << fmt::format("lyncplan: {} is not a results file of lyncplan scan (one JSON "
                               "object a line, as scan -o writes)\n",
                               path);
    return false;
  }
  if (figures->cut_line > 0) {
    console.err << fmt::format("lyncplan: {}:{}: a partial last line ({} bytes) left by an "
                               "interrupted scan was not read; `lyncplan scan ... -o {} --resume` "
                               "finishes it\n",
                               path, figures->cut_line, figures->cut_bytes, path);
  }
  return true;
}

int run_summary(const ResultsOptions& o, Console console) {
  scan::Summary summary;
  scan::SeenSet seen;
  const bool read = read_file(o.file, console, [&](scan::ResultDigest&& d) {
    if (!seen.insert(scan::tenant_hash(d.tenant))) {
      ++summary.duplicates;
      return;
    }
    summary.add(d);
  });
  if (!read) {
    return kBadInput;
  }
  summary.resumed = 0; // every tenant here was decided by the run that wrote the file
  console.out << (o.format == "json" ? scan::summary_json(summary, "results")
                                     : scan::summary_table(summary));
  return summary.broken > 0 ? kFindings : kOk;
}

// What `--verdict` asks for: a verdict name, "broken" (any broken record), "ok" (none: the
// verdicts ok and outside-namespace both count as right), "all".
struct VerdictFilter {
  std::vector<scan::Verdict> verdicts;
  bool broken = false, right = false, all = false;

  bool matches(const scan::ResultDigest& d, std::string_view record) const {
    if (all) {
      return true;
    }
    bool any_broken = false, any_named = false, counted = false;
    for (std::size_t i = 0; i < d.verdicts.size(); ++i) {
      if (!record.empty() && (i >= d.owners.size() || d.owners[i] != record)) {
        continue;
      }
      counted = true;
      any_broken = any_broken || scan::is_broken(d.verdicts[i]);
      any_named =
          any_named || std::find(verdicts.begin(), verdicts.end(), d.verdicts[i]) != verdicts.end();
    }
    return counted && (any_named || (broken && any_broken) || (right && !any_broken));
  }
};

std::optional<VerdictFilter> parse_filter(const std::vector<std::string>& names, Console console) {
  VerdictFilter filter;
  bool bad = false;
  for (const std::string& name : names) {
    if (name == "broken") {
      filter.broken = true;
    } else if (name == "ok") {
      filter.right = true;
    } else if (name == "all") {
      filter.all = true;
    } else if (auto v = scan::verdict_from_string(name)) {
      filter.verdicts.push_back(*v);
    } else {
      std::string known = "broken, ok, all";
      for (scan::Verdict each : scan::kAllVerdicts) {
        known += each == scan::Verdict::ok ? "" : fmt::format(", {}", scan::to_string(each));
      }
      console.err << fmt::format("lyncplan: --verdict '{}': expected one of {}\n", name, known);
      bad = true;
    }
  }
  return bad ? std::nullopt : std::optional(filter);
}

int run_list(const ResultsOptions& o, Console console) {
  const auto filter = parse_filter(o.verdicts, console);
  if (!filter) {
    return kBadInput;
  }
  std::string out;
  std::size_t listed = 0;
  scan::SeenSet seen;
  bool first = true;
  if (o.format == "json") {
    out = "{" + util::json_envelope("results") + ", \"tenants\": [";
  }
  const bool read = read_file(o.file, console, [&](scan::ResultDigest&& d) {
    if (!filter->matches(d, o.record) || !seen.insert(scan::tenant_hash(d.tenant))) {
      return;
    }
    ++listed;
    const std::vector<std::string> issues = scan::issues_of(d);
    if (o.format == "names") {
      out += d.tenant + "\n";
    } else if (o.format == "json") {
      out += first ? "\n  " : ",\n  ";
      first = false;
      util::JsonLine line(out);
      line.string("tenant", d.tenant).string("status", d.broken ? "broken" : "ok");
      line.strings("issues", issues).close();
    } else {
      std::string text;
      for (const std::string& i : issues) {
        text += text.empty() ? i : ", " + i;
      }
      out += fmt::format("{:<40} {}\n", d.tenant, text.empty() ? "ok" : text);
    }
  });
  if (!read) {
    return kBadInput;
  }
  if (o.format == "json") {
    out += first ? "]}\n" : "\n]}\n";
  }
  console.out << out;
  if (o.format == "table") {
    console.err << fmt::format("{} tenants listed\n", listed);
  }
  return kOk;
}

std::string joined(const std::vector<std::string>& issues) {
  std::string out;
  for (const std::string& i : issues) {
    out += out.empty() ? i : ", " + i;
  }
  return out.empty() ? "ok" : out;
}

void append_changes(std::string& out, std::string_view title,
                    const std::vector<scan::TenantChange>& changes, bool both) {
  if (changes.empty()) {
    return;
  }
  out += fmt::format("\n{} ({}):\n", title, changes.size());
  for (const scan::TenantChange& c : changes) {
    out +=
        both ? fmt::format("  {:<40} {}  ->  {}\n", c.tenant, joined(c.before), joined(c.after))
             : fmt::format("  {:<40} {}\n", c.tenant, joined(c.after.empty() ? c.before : c.after));
  }
}

std::string json_changes(const std::vector<scan::TenantChange>& changes) {
  std::string out = "[";
  for (const scan::TenantChange& c : changes) {
    out += out.size() == 1 ? "\n    " : ",\n    ";
    util::JsonLine line(out);
    line.string("tenant", c.tenant).strings("before", c.before).strings("after", c.after);
    line.close();
  }
  return out + (out.size() == 1 ? "]" : "\n  ]");
}

int run_compare(const ResultsOptions& o, Console console) {
  std::vector<scan::TenantState> older, newer;
  const bool read_older = read_file(
      o.file, console, [&](scan::ResultDigest&& d) { older.push_back(scan::state_of(d)); });
  const bool read_newer = read_file(
      o.newer, console, [&](scan::ResultDigest&& d) { newer.push_back(scan::state_of(d)); });
  if (!read_older || !read_newer) {
    return kBadInput;
  }
  const scan::RunComparison c = scan::compare_runs(std::move(older), std::move(newer));
  std::string out;
  if (o.format == "json") {
    out = "{" + util::json_envelope("results");
    out += fmt::format(",\n  \"counts\": {{\"broke\": {}, \"fixed\": {}, \"changed\": {}, "
                       "\"added\": {}, \"dropped\": {}, \"still_broken\": {}, \"still_right\": "
                       "{}}}",
                       c.broke.size(), c.fixed.size(), c.changed.size(), c.added.size(),
                       c.dropped.size(), c.still_broken, c.still_right);
    out += ",\n  \"broke\": " + json_changes(c.broke);
    out += ",\n  \"fixed\": " + json_changes(c.fixed);
    out += ",\n  \"changed\": " + json_changes(c.changed);
    out += ",\n  \"added\": " + json_changes(c.added);
    out += ",\n  \"dropped\": " + json_changes(c.dropped);
    out += "\n}\n";
  } else {
    out = fmt::format("{} -> {}: {} broke, {} fixed, {} broken differently, {} still broken, {} "
                      "still right; {} only in the newer run, {} only in the older\n",
                      o.file, o.newer, c.broke.size(), c.fixed.size(), c.changed.size(),
                      c.still_broken, c.still_right, c.added.size(), c.dropped.size());
    append_changes(out, "broke", c.broke, true);
    append_changes(out, "fixed", c.fixed, true);
    append_changes(out, "broken differently", c.changed, true);
    append_changes(out, "only in the newer run", c.added, false);
    append_changes(out, "only in the older run", c.dropped, false);
  }
  console.out << out;
  return c.broke.empty() && c.changed.empty() ? kOk : kFindings;
}

} // namespace

Runner setup_results(CLI::App& app, Console console) {
  CLI::App* results = app.add_subcommand(
      "results", "summarise, list and compare the results files of lyncplan scan, offline");
  results->require_subcommand(1);
  auto s = std::make_shared<ResultsOptions>();
  CLI::App* summary = results->add_subcommand(
      "summary", "counts per verdict and the worst tenants, as scan prints them at its end");
  summary->add_option("file", s->file, "a results file (lyncplan scan -o FILE)")->required();
  summary->add_option("-f,--format", s->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();

  auto l = std::make_shared<ResultsOptions>();
  CLI::App* list = results->add_subcommand("list", "the tenants with the verdicts asked for");
  list->add_option("file", l->file, "a results file (lyncplan scan -o FILE)")->required();
  list->add_option("--verdict", l->verdicts,
                   "broken (default), ok, all, or a verdict such as wrong-target (repeatable)")
      ->capture_default_str();
  list->add_option("--record", l->record,
                   "judge only this record, by its name without the tenant (_sip._tls, "
                   "_sipfederationtls._tcp, lyncdiscover)");
  list->add_option("-f,--format", l->format,
                   "table, names (one tenant a line: a list scan reads again) or json")
      ->check(CLI::IsMember({"table", "names", "json"}))
      ->capture_default_str();

  auto c = std::make_shared<ResultsOptions>();
  CLI::App* compare = results->add_subcommand(
      "compare", "what broke, what was fixed and what changed between two runs");
  compare->add_option("older", c->file, "the earlier run's results file")->required();
  compare->add_option("newer", c->newer, "the later run's results file")->required();
  compare->add_option("-f,--format", c->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [=] {
    if (summary->parsed()) {
      return run_summary(*s, console);
    }
    if (list->parsed()) {
      return run_list(*l, console);
    }
    return run_compare(*c, console);
  };
}

} // namespace lyncplan::cli
