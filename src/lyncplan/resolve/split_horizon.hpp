// What an inside client sees: the internal DNS answers for the zones it hosts and forwards every
// other name to the public DNS (as internal resolvers do), following CNAMEs across the two.
#pragma once

#include <lyncplan/resolve/resolver.hpp>

#include <set>
#include <string>

namespace lyncplan::resolve {

class SplitHorizonResolver : public Resolver {
public:
  SplitHorizonResolver(const Resolver& internal, std::set<std::string> hosted_zones,
                       const Resolver& external)
      : internal_(internal), hosted_(std::move(hosted_zones)), external_(external) {}

  // An internal DNS whose zones are not known: every name is asked there first, and a name it
  // refuses (not one of its zones) goes to the public DNS, as a forwarding server would.
  static SplitHorizonResolver forwarding(const Resolver& internal, const Resolver& external) {
    SplitHorizonResolver r(internal, {}, external);
    r.forward_refused_ = true;
    return r;
  }

  Answer query(std::string_view name, plan::RrType type) const override;

private:
  bool hosted(std::string_view name) const;
  Answer query_at_depth(const std::string& name, plan::RrType type, int depth) const;

  const Resolver& internal_;
  std::set<std::string> hosted_;
  const Resolver& external_;
  bool forward_refused_ = false;
};

} // namespace lyncplan::resolve
