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

} // namespace lyncplan::resolve
