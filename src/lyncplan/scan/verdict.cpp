// Verdict names as they appear in the JSON lines and the summary.
#include <lyncplan/scan/verdict.hpp>

namespace lyncplan::scan {

std::string_view to_string(Verdict v) {
  switch (v) {
  case Verdict::ok:
    return "ok";
  case Verdict::outside_namespace:
    return "outside-namespace";
  case Verdict::optional_absent:
    return "optional-absent";
  case Verdict::zone_absent:
    return "zone-absent";
  case Verdict::wrong_target:
    return "wrong-target";
  case Verdict::missing:
    return "missing";
  case Verdict::wildcard:
    return "wildcard";
  case Verdict::wrong_port:
    return "wrong-port";
  case Verdict::servfail:
    return "servfail";
  case Verdict::refused:
    return "refused";
  case Verdict::timeout:
    return "timeout";
  }
  return "?";
}

std::optional<Verdict> verdict_from_string(std::string_view text) {
  for (Verdict v : kAllVerdicts) {
    if (to_string(v) == text) {
      return v;
    }
  }
  return std::nullopt;
}

std::string issue_text(std::string_view owner, Verdict v) {
  return owner.empty() ? std::string(to_string(v))
                       : std::string(owner).append(" ").append(to_string(v));
}

} // namespace lyncplan::scan
