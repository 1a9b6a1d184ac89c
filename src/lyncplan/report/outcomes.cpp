// Simulation results as JSON (one object per case) or as a matrix a person reads in seconds.
#include <lyncplan/report/outcomes.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/strings.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lyncplan::report {
namespace {

using discovery::Outcome;
using discovery::Result;

void write_case(std::string& out, const Outcome& o) {
  util::JsonLine j(out);
  j.string("domain", o.domain).string("client", o.client).string("from", to_string(o.from));
  j.string("result", to_string(o.result));
  out += ", \"server\": ";
  if (o.server) {
    util::JsonLine s(out);
    s.string("fqdn", o.server->fqdn).number("port", o.server->port);
    s.string("transport", o.server->transport);
    s.close();
  } else {
    out += "null";
  }
  out += ", \"via\": ";
  if (o.via == discovery::Via::none) {
    out += "null";
  } else {
    util::append_json_string(out, to_string(o.via));
  }
  out += ", \"steps\": [";
  for (std::size_t i = 0; i < o.steps.size(); ++i) {
    out += i == 0 ? "" : ", ";
    util::JsonLine s(out);
    s.string("query", o.steps[i].query).string("type", o.steps[i].type);
    s.string("answer", o.steps[i].answer).string("note", o.steps[i].note);
    s.close();
  }
  out += "]";
  j.string("reason", o.reason).string("rule", o.rule).boolean("served", o.served);
  j.close();
}

std::string cell(const Outcome& o, bool color) {
  auto paint = [&](std::string_view text, std::string_view code) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  switch (o.result) {
  case Result::connected:
    return fmt::format("{} {} {}:{}", paint("ok", "32"), to_string(o.via), o.server->fqdn,
                       o.server->port);
  case Result::prompt:
    return fmt::format("{} {} {}", paint("PROMPT", "33"), to_string(o.via),
                       o.server ? o.server->fqdn : "");
  case Result::failed: {
    const std::string_view rule = o.rule.str();
    return fmt::format("{} {}", paint("FAILED", "31"),
                       rule.starts_with("discovery.") ? rule.substr(10) : rule);
  }
  }
  return "?";
}

// Visible width of a cell (colour codes take no room on a terminal).
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') {
        ++i;
      }
      continue;
    }
    ++w;
  }
  return w;
}

} // namespace

std::vector<findings::Finding> outcome_findings(const std::vector<Outcome>& outcomes,
                                                bool count_unserved) {
  std::vector<findings::Finding> out;
  for (const auto& o : outcomes) {
    if (!o.served && !count_unserved) {
      continue;
    }
    if (o.result == Result::failed || o.result == Result::prompt) {
      out.push_back(
          {o.result == Result::failed ? findings::Severity::error : findings::Severity::warning,
           o.rule, fmt::format("{} {} from {}", o.domain, o.client, to_string(o.from)), o.reason});
    }
  }
  return out;
}

std::string outcomes_json(const std::vector<Outcome>& outcomes) {
  std::string out = "{" + util::json_envelope("simulate") + ",\n  \"cases\": [";
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    out += i == 0 ? "\n    " : ",\n    ";
    write_case(out, outcomes[i]);
  }
  out += outcomes.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string outcomes_table(const std::vector<Outcome>& outcomes, bool explain, bool color) {
  std::map<Result, int> counts;
  for (const auto& o : outcomes) {
    ++counts[o.result];
  }
  std::string out = fmt::format(
      "lyncplan simulate: {} cases: {} connected, {} prompt, {} failed\n\n", outcomes.size(),
      counts[Result::connected], counts[Result::prompt], counts[Result::failed]);
  // Rows are (domain, client); columns are the vantages, in the order the cases came.
  std::vector<std::pair<std::string, std::string>> rows;
  std::vector<std::string> columns;
  std::map<std::tuple<std::string, std::string, std::string>, std::string> cells;
  bool any_unserved = false;
  for (const auto& o : outcomes) {
    // A client the product does not support is marked, and its cases decide nothing.
    const auto row = std::make_pair(o.domain, o.served ? o.client : o.client + "*");
    any_unserved = any_unserved || !o.served;
    if (std::find(rows.begin(), rows.end(), row) == rows.end()) {
      rows.push_back(row);
    }
    const std::string column = to_string(o.from);
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      columns.push_back(column);
    }
    cells[{row.first, row.second, column}] = cell(o, color);
  }
  std::size_t domain_width = 6, client_width = 6;
  std::vector<std::size_t> column_width(columns.size(), 0);
  for (const auto& [d, c] : rows) {
    domain_width = std::max(domain_width, d.size());
    client_width = std::max(client_width, c.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      column_width[i] =
          std::max({column_width[i], columns[i].size(), width(cells[{d, c, columns[i]}])});
    }
  }
  auto pad = [](const std::string& s, std::size_t w) {
    return s + std::string(w > width(s) ? w - width(s) : 0, ' ');
  };
  out += pad("DOMAIN", domain_width + 2) + pad("CLIENT", client_width + 2);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string header = to_upper(columns[i]);
    out += i + 1 < columns.size() ? pad(header, column_width[i] + 2) : header;
  }
  out += "\n";
  std::string previous_domain;
  for (const auto& [d, c] : rows) {
    out += pad(d == previous_domain ? "" : d, domain_width + 2) + pad(c, client_width + 2);
    previous_domain = d;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string& text = cells[{d, c, columns[i]}];
      out += i + 1 < columns.size() ? pad(text, column_width[i] + 2) : text;
    }
    out += "\n";
  }
  if (any_unserved) {
    out += "\n* the product does not support this client signing in: shown, but it decides the "
           "exit code only when named with --client\n";
  }
  if (!explain) {
    out += "\n(--explain shows every step; --format json gives the same as data)\n";
    return out;
  }
  for (const auto& o : outcomes) {
    out += fmt::format("\n{} {} {}: {}: {}{}\n", o.domain, o.client, to_string(o.from),
                       to_string(o.result), o.reason,
                       o.rule.empty() ? "" : fmt::format(" [{}]", o.rule));
    for (const auto& s : o.steps) {
      out += fmt::format("  {:<12} {} -> {}{}\n", s.type, s.query, s.answer,
                         s.note.empty() ? "" : "  (" + s.note + ")");
    }
  }
  return out;
}

} // namespace lyncplan::report
