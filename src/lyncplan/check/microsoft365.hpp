// Microsoft 365 / Teams records of a SIP domain (sipdir, webdir, sipfed of every cloud)
// recognised and judged against the domain's mode: on premises and hybrid keep every record on
// premises, Teams-only leads them all to Microsoft 365, and a mix is a cutover left half done.
// Pure over a Resolver.
#pragma once

#include <lyncplan/findings/finding.hpp>
#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/topology/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::check {

struct Microsoft365Verdict {
  // One line per record that leads to Microsoft 365, then what that makes the domain; empty
  // when none does.
  std::vector<std::string> lines;
  // Against the expected mode (errors), or a split between the sides without one (a warning).
  std::vector<findings::Finding> findings;
};

// `expected`: the domain's mode (--expect, or the topology's); nullopt: judge by what is seen.
// `cloud`: the Microsoft 365 cloud a Teams-only domain must lead to; nullopt: any.
Microsoft365Verdict judge_microsoft_365(const resolve::Resolver& outside, std::string_view domain,
                                        std::optional<topology::DomainMode> expected,
                                        std::optional<topology::Cloud> cloud);

} // namespace lyncplan::check
