// The rule catalog: every rule id a plan item may carry, what it says and where it comes from.
#pragma once

#include <span>
#include <string_view>

namespace lyncplan::rules {

struct RuleInfo {
  std::string_view id;
  std::string_view rules; // the RULES.md numbers it implements
  std::string_view summary;
  std::string_view source; // Microsoft documentation (or the seed) it follows
};

std::span<const RuleInfo> catalog();
const RuleInfo* find_rule(std::string_view id);

} // namespace lyncplan::rules
