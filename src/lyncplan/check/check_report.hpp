// The check report as JSON (the stable contract, docs/check.md) or as tables a person reads.
#pragma once

#include <lyncplan/check/check.hpp>

#include <string>

namespace lyncplan::check {

std::string report_json(const Report& report);
std::string report_table(const Report& report, bool explain, bool color);

// Counts of findings by severity over the whole report (domains and drift).
struct Totals {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t info = 0;
};
Totals totals(const Report& report);

} // namespace lyncplan::check
