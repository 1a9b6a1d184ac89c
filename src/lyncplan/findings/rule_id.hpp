// A rule id the compiler checks: RuleId("edge.sip-a") does not compile unless the catalog has it.
#pragma once

#include <lyncplan/findings/rule_table.hpp>

#include <fmt/format.h>

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace lyncplan::findings {

class RuleId {
public:
  constexpr RuleId() = default; // no rule yet: str() is ""

  // From a literal, checked against kRules while compiling.
  consteval RuleId(const char* id) : index_(index_in_catalog(id)) {}

  // From text read at run time (a results file, a test): nullopt when the catalog lacks it.
  static std::optional<RuleId> find(std::string_view id);

  constexpr bool empty() const { return index_ == kNone; }
  constexpr std::string_view str() const {
    return empty() ? std::string_view() : kRules[index_].id;
  }
  constexpr operator std::string_view() const { return str(); }
  // The catalog row; only for a RuleId that is not empty.
  constexpr const RuleInfo& info() const { return kRules[index_]; }

  friend constexpr bool operator==(RuleId a, RuleId b) { return a.index_ == b.index_; }
  friend constexpr std::strong_ordering operator<=>(RuleId a, RuleId b) {
    return a.str() <=> b.str(); // by name, as reports sort
  }

private:
  static constexpr std::uint16_t kNone = 0xffff;
  constexpr explicit RuleId(std::uint16_t index) : index_(index) {}

  // Bisects the sorted catalog (a static_assert in rule_table.hpp keeps it sorted), so the
  // compile-time lookup of each literal costs a few comparisons.
  static consteval std::uint16_t index_in_catalog(std::string_view id) {
    std::size_t low = 0, high = kRules.size();
    while (low < high) {
      const std::size_t mid = (low + high) / 2;
      if (kRules[mid].id < id) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    if (low == kRules.size() || kRules[low].id != id) {
      throw "this rule id is not in the catalog (src/lyncplan/findings/rule_table.hpp)";
    }
    return static_cast<std::uint16_t>(low);
  }

  std::uint16_t index_ = kNone;
};
static_assert(kRules.size() < 0xffff);

std::ostream& operator<<(std::ostream& out, RuleId id);

} // namespace lyncplan::findings

template <> struct fmt::formatter<lyncplan::findings::RuleId> : fmt::formatter<std::string_view> {
  template <class Context> auto format(lyncplan::findings::RuleId id, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(id.str(), ctx);
  }
};
