// What an inside client sees: internal zones first, the public DNS for the rest.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/resolve/split_horizon.hpp>
#include <lyncplan/util/strings.hpp>

namespace lyncplan::resolve {

bool SplitHorizonResolver::hosted(std::string_view name) const {
  for (std::string_view n = name; !n.empty(); n = dns::parent_domain(n)) {
    if (hosted_.count(std::string(n)) != 0) {
      return true;
    }
  }
  return false;
}

Answer SplitHorizonResolver::query(std::string_view query_name, plan::RrType type) const {
  const std::string name = to_lower(query_name);
  if (forward_refused_) {
    return query_at_depth(name, type, 0);
  }
  if (!hosted(name)) {
    return external_.query(name, type);
  }
  Answer answer = internal_.query(name, type);
  // A CNAME out of the internal zones is chased in the public DNS, as a forwarder would.
  if (answer.status != Status::ok && !answer.cnames.empty() && !hosted(answer.cnames.back())) {
    Answer rest = external_.query(answer.cnames.back(), type);
    rest.cnames.insert(rest.cnames.begin(), answer.cnames.begin(), answer.cnames.end());
    rest.from_wildcard = rest.from_wildcard || answer.from_wildcard;
    return rest;
  }
  return answer;
}

Answer SplitHorizonResolver::query_at_depth(const std::string& name, plan::RrType type,
                                            int depth) const {
  Answer answer = internal_.query(name, type);
  if (answer.status == Status::refused) {
    return external_.query(name, type);
  }
  constexpr int kMaxChain = 8;
  // A CNAME whose target the internal server does not hold is asked for again from the top.
  if (answer.status != Status::ok && !answer.cnames.empty() && depth < kMaxChain &&
      answer.cnames.back() != name) {
    Answer rest = query_at_depth(answer.cnames.back(), type, depth + 1);
    rest.cnames.insert(rest.cnames.begin(), answer.cnames.begin(), answer.cnames.end());
    rest.from_wildcard = rest.from_wildcard || answer.from_wildcard;
    return rest;
  }
  return answer;
}

} // namespace lyncplan::resolve
