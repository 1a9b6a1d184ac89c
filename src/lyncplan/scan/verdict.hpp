// The verdicts a scan gives each tenant record, and how bad each one is.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace lyncplan::scan {

// In the order the summary lists them: good first, then the broken ones from worst to least bad.
enum class Verdict {
  ok,                // as the hosting section expects, inside the tenant's namespace
  outside_namespace, // as expected, and pointing outside the tenant's namespace: normal for hosting
  optional_absent,   // an optional record that is not published
  zone_absent,       // the tenant's domain does not exist in DNS
  wrong_target,      // points somewhere else than the provider
  missing,           // the domain exists, the record does not
  wildcard,          // only a wildcard answers the name, not with the expected record
  wrong_port,        // the right target on the wrong port
  servfail,          // the resolver failed (lame delegation, DNSSEC, broken zone)
  refused,           // the resolver refused to answer for the name
  timeout,           // no answer after every retry
};

inline constexpr std::array kAllVerdicts = {Verdict::ok,
                                            Verdict::outside_namespace,
                                            Verdict::optional_absent,
                                            Verdict::zone_absent,
                                            Verdict::wrong_target,
                                            Verdict::missing,
                                            Verdict::wildcard,
                                            Verdict::wrong_port,
                                            Verdict::servfail,
                                            Verdict::refused,
                                            Verdict::timeout};

std::string_view to_string(Verdict v);
std::optional<Verdict> verdict_from_string(std::string_view text);

// A broken record as summaries and comparisons name it: "_sip._tls wrong-target" (the owner
// without the tenant), or the verdict alone when the owner is unknown.
std::string issue_text(std::string_view owner, Verdict v);

// Whether a client would fail, or could not be shown to succeed, because of this record.
constexpr bool is_broken(Verdict v) {
  return v != Verdict::ok && v != Verdict::outside_namespace && v != Verdict::optional_absent;
}

// Ranks broken verdicts (higher is worse) so the summary puts the worst tenants first.
constexpr int weight(Verdict v) {
  return is_broken(v) ? static_cast<int>(Verdict::timeout) - static_cast<int>(v) + 1 : 0;
}

} // namespace lyncplan::scan
