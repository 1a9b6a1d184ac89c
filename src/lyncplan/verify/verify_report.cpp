// The verify report as JSON or as a table.
#include <lyncplan/findings/report.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/strings.hpp>
#include <lyncplan/util/version.hpp>
#include <lyncplan/verify/verify.hpp>

#include <fmt/format.h>

namespace lyncplan::verify {

std::string report_json(const Report& report) {
  std::string out = "{" + util::json_envelope("verify") + ",\n  \"views_checked\": [";
  for (std::size_t i = 0; i < report.views_checked.size(); ++i) {
    out += i == 0 ? "" : ", ";
    util::append_json_string(out, report.views_checked[i]);
  }
  out += "],\n  \"problems\": [";
  for (std::size_t i = 0; i < report.problems.size(); ++i) {
    const Problem& p = report.problems[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    findings::append_json_fields(j, p);
    j.string("view", p.view).string("name", p.name).string("type", p.type);
    j.string("expected", p.expected).string("found", p.found).string("breaks", p.breaks);
    j.string("where", p.where).string("plan_rule", p.plan_rule);
    j.close();
  }
  out += report.problems.empty() ? "],\n" : "\n  ],\n";
  out += "  \"impact\": [";
  for (std::size_t i = 0; i < report.impact.size(); ++i) {
    const auto& [planned, actual] = report.impact[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    j.string("domain", actual.domain).string("client", actual.client);
    j.string("from", to_string(actual.from)).string("planned", to_string(planned.result));
    j.string("actual", to_string(actual.result)).string("reason", actual.reason);
    j.string("rule", actual.rule);
    j.close();
  }
  out += report.impact.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string report_table(const Report& report, bool color) {
  auto paint = [&](plan::Severity s) {
    const char* code = s == plan::Severity::error     ? "31"
                       : s == plan::Severity::warning ? "33"
                                                      : "36";
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, to_string(s)) : std::string(to_string(s));
  };
  std::size_t errors = 0;
  for (const auto& p : report.problems) {
    errors += p.severity == plan::Severity::error ? 1 : 0;
  }
  std::string out = fmt::format("lyncplan verify: views {}: {} problems ({} errors); {} client "
                                "cases sign in worse than planned\n",
                                report.views_checked.empty() ? std::string("none")
                                                             : join(report.views_checked, ", "),
                                report.problems.size(), errors, report.impact.size());
  for (const auto& p : report.problems) {
    out += fmt::format("\n{} {} {} {} {}{}\n", paint(p.severity), p.rule, p.view, p.name, p.type,
                       p.where.empty() ? "" : "  (" + p.where + ")");
    out += fmt::format("    {}\n", p.message);
    if (!p.expected.empty() || !p.found.empty()) {
      out += fmt::format("    planned: {}   found: {}\n", p.expected.empty() ? "-" : p.expected,
                         p.found.empty() ? "-" : p.found);
    }
    out += fmt::format("    breaks: {}\n", p.breaks);
  }
  if (!report.impact.empty()) {
    out += "\nClients that sign in worse than planned:\n";
    for (const auto& [planned, actual] : report.impact) {
      out += fmt::format("  {} {} {}: {} (planned {}): {}\n", actual.domain, actual.client,
                         to_string(actual.from), to_string(actual.result),
                         to_string(planned.result), actual.reason);
    }
  }
  return out;
}

} // namespace lyncplan::verify
