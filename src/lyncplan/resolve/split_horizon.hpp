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

  Answer query(std::string_view name, plan::RrType type) const override;

private:
  bool hosted(std::string_view name) const;

  const Resolver& internal_;
  std::set<std::string> hosted_;
  const Resolver& external_;
};

} // namespace lyncplan::resolve
