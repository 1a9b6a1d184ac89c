// Severity names, run-time rule lookup and the fail threshold.
#include <lyncplan/findings/finding.hpp>

#include <algorithm>
#include <ostream>

namespace lyncplan::findings {

const char* to_string(Severity s) {
  switch (s) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::info:
    return "info";
  }
  return "?";
}

std::optional<Severity> severity_named(std::string_view name) {
  for (Severity s : {Severity::error, Severity::warning, Severity::info}) {
    if (name == to_string(s)) {
      return s;
    }
  }
  return std::nullopt;
}

std::optional<RuleId> RuleId::find(std::string_view id) {
  const auto it = std::lower_bound(kRules.begin(), kRules.end(), id,
                                   [](const RuleInfo& r, std::string_view v) { return r.id < v; });
  if (it == kRules.end() || it->id != id) {
    return std::nullopt;
  }
  return RuleId(static_cast<std::uint16_t>(it - kRules.begin()));
}

std::ostream& operator<<(std::ostream& out, RuleId id) {
  return out << id.str();
}

std::optional<Severity> fail_threshold(std::string_view fail_on) {
  return severity_named(fail_on);
}

} // namespace lyncplan::findings
