// One Finding for every command: severity, the catalog rule, what it is about, what is wrong and
// how to fix it; and the one test of whether findings fail a run.
#pragma once

#include <lyncplan/findings/rule_id.hpp>
#include <lyncplan/findings/severity.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lyncplan::findings {

struct Finding {
  Finding() = default;
  Finding(Severity how_bad, RuleId which, std::string about, std::string what,
          std::string how_to_fix = {}, std::string plan_code = {})
      : severity(how_bad), rule(which), subject(std::move(about)), message(std::move(what)),
        fix(std::move(how_to_fix)), code(std::move(plan_code)) {}

  Severity severity = Severity::error;
  RuleId rule;
  std::string subject; // the name, record, endpoint, file or client it is about
  std::string message; // what is wrong and what it breaks
  std::string fix;     // what to change, when the message does not say it already
  std::string code;    // plan findings only: the finer name plan outputs have always carried
  // When one finding speaks for many hosted tenants: every one of them (JSON: "tenants" and
  // "tenant_count"; text: the first few and how many more).
  std::vector<std::string> tenants;
};

// The name reports print in the "code" column: the finer plan name, else the rule id.
inline std::string_view code_of(const Finding& f) {
  return f.code.empty() ? f.rule.str() : std::string_view(f.code);
}

// `--fail-on`: "error", "warning" or "info" set the threshold, "never" (or anything else) none.
std::optional<Severity> fail_threshold(std::string_view fail_on);

// Whether any finding is at or above the threshold (severity error is the highest); never with
// no threshold. Accepts any range of Finding or of types derived from it.
template <class Findings> bool fails(const Findings& findings, std::optional<Severity> threshold) {
  if (!threshold) {
    return false;
  }
  for (const Finding& f : findings) {
    if (f.severity <= *threshold) {
      return true;
    }
  }
  return false;
}

} // namespace lyncplan::findings
