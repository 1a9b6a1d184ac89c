// Wildcard records that fake Lync names: a name no one published (a random label) is asked, and
// where it answers, each Lync discovery name that gives the same answer is reported as coming
// from the wildcard. Pure over a Resolver; the caller picks the random label.
#pragma once

#include <lyncplan/certs/check.hpp>
#include <lyncplan/resolve/resolver.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::probe {

struct WildcardReport {
  std::string domain;
  std::string probe_name;         // <random label>.<domain>
  std::string answer;             // what the probe name resolved to ("" when nothing)
  std::vector<std::string> faked; // Lync names that give the wildcard's answer
  // Planned names the wildcard answers as planned: right only through it (a warning, as verify
  // rates the same record), not faked.
  std::vector<std::string> right_by_wildcard;
  std::vector<certs::CertProblem> problems; // dns.wildcard; drift.wildcard-answer per right name
};

// A planned A record of the domain: its name and its addresses.
struct PlannedAddresses {
  std::string name;
  std::vector<std::string> addresses;
};

WildcardReport find_wildcard_fakes(const resolve::Resolver& dns, std::string_view domain,
                                   std::string_view random_label,
                                   std::span<const PlannedAddresses> planned = {});

} // namespace lyncplan::probe
