// An offline resolver over zone data (the plan's own records, or zone files): answers as an
// authoritative server would, with CNAME chains, wildcards (RFC 4592) and empty non-terminals.
#pragma once

#include <lyncplan/resolve/resolver.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace lyncplan::resolve {

class ZoneResolver : public Resolver {
public:
  explicit ZoneResolver(std::vector<Rr> records);

  // The records of one view of a plan.
  static ZoneResolver from_plan(const plan::Plan& plan, plan::View view);

  Answer query(std::string_view name, plan::RrType type) const override;

  const std::vector<Rr>& records() const { return records_; }

private:
  // Records owned by exactly `name` (no wildcard, no CNAME).
  std::vector<const Rr*> owned(std::string_view name) const;
  // The wildcard owner that answers `name`, or "" when none (closest encloser rule).
  std::string wildcard_for(std::string_view name) const;

  std::vector<Rr> records_;
  std::multimap<std::string, std::size_t, std::less<>> by_name_;
  std::set<std::string, std::less<>> nodes_; // owners and their ancestors (empty non-terminals)
};

} // namespace lyncplan::resolve
